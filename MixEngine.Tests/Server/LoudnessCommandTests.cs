using System.Text.Json;
using MixEngine.Files;
using MixEngine.Server.Cli;

namespace MixEngine.Tests.Server;

public sealed class LoudnessCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loudness-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_output_gives_integrated_loudness_and_dialogue_gated_figures_per_file()
    {
        string pm = Tone("pm.wav", -23, 0, 10);
        string dx = Tone("dx.wav", -26, 2, 8);
        var (code, stdout, _) = Run("loudness", pm, "--dialogue", dx, "--json");
        Assert.Equal(0, code);
        var file = JsonDocument.Parse(stdout).RootElement.GetProperty("files")[0];
        Assert.InRange(file.GetProperty("integratedLufs").GetDouble(), -23.1, -22.9);
        var gated = file.GetProperty("dialogueGated");
        Assert.InRange(gated.GetProperty("loudnessLufs").GetDouble(), -23.1, -22.9); // a steady tone reads the same anywhere
        Assert.InRange(gated.GetProperty("speechPercent").GetDouble(), 55, 65);       // 6 s of dialogue in 10 s, plus edge blocks
    }

    [Fact]
    public void An_unreadable_file_is_named_on_stderr_the_others_are_measured_and_the_exit_code_is_1()
    {
        string pm = Tone("pm.wav", -23, 0, 5);
        string missing = Path.Combine(_dir, "nope.wav");
        var (code, stdout, stderr) = Run("loudness", missing, pm);
        Assert.Equal(1, code);
        Assert.Contains("nope.wav", stderr);
        Assert.Contains("pm.wav", stdout);
    }

    [Fact]
    public void Check_fails_a_print_above_the_ATSC_true_peak_ceiling_and_names_the_binding_constraint()
    {
        string loud = Tone("loud.wav", -1, 0, 5);
        var (code, stdout, _) = Run("check", "atsc-a85", loud);
        Assert.Equal(1, code);
        Assert.Contains("FAIL", stdout);
        Assert.Contains("binding constraint:", stdout);
    }

    [Fact]
    public void Check_passes_a_minus24_print_against_ATSC_A85()
    {
        string ok = Tone("ok.wav", -24, 0, 10);
        var (code, stdout, _) = Run("check", "atsc-a85", ok);
        Assert.Equal(0, code);
        Assert.Contains("PASS", stdout);
    }

    private static (int Code, string StdOut, string StdErr) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApp.Run(args, Terminal.Plain(output, error));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A stereo 1 kHz tone at <paramref name="peakDb"/> dBFS between <paramref name="from"/> and <paramref name="to"/> s of a 10 s file.</summary>
    private string Tone(string name, double peakDb, double from, double to)
    {
        string path = Path.Combine(_dir, name);
        var meta = new BwfMetadata("test", "MixEngine tests", "", new DateTime(2026, 1, 1), 0, "", 24, 1, false, "tests");
        using var w = PrintFiles.CreateInterleaved(path, new PrintFileOptions(ChannelLayout.Stereo, 48000, SampleFormat.Float32, false, 1, meta));
        var buf = new[] { new double[480000], new double[480000] };
        double a = Math.Pow(10, peakDb / 20);
        for (int i = (int)(from * 48000); i < (int)(to * 48000) && i < 480000; i++)
            buf[0][i] = buf[1][i] = a * Math.Sin(2 * Math.PI * 1000 * i / 48000.0);
        w.RtWritePlanar(buf, 0, 480000);
        w.Commit();
        return path;
    }
}
