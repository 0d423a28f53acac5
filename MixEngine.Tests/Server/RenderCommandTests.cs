using MixEngine.Offline;
using System.Text.Json;
using MixEngine.Files;
using MixEngine.Server.Cli;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Server;

public sealed class RenderCommandTests
{
    [Fact]
    public void A_missing_session_file_is_invalid_input_and_the_message_names_its_path()
    {
        using var folder = new SineSessionFolder();
        string missing = Path.Combine(folder.Directory, "no-such-session.json");
        string output = Path.Combine(folder.Directory, "out");
        var (exit, _, err) = CliRun.Run("render", missing, "--out", output);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains(missing, err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_invalid_session_lists_every_problem_and_leaves_the_output_directory_untouched()
    {
        using var folder = new SineSessionFolder();
        string session = folder.Write("broken.json", SineSessionFolder.SessionJson
            .Replace("\"name\": \"CLI sine\",", "\"name\": \"CLI sine\", \"colour\": \"red\",")
            .Replace("media/sine.wav", "media/missing.wav"));
        string output = Path.Combine(folder.Directory, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "earlier work");

        var (exit, stdout, err) = CliRun.Run("render", session, "--out", output);

        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("colour", err);
        Assert.Contains("missing.wav", err);
        Assert.Contains("$.tracks[0].clips[0].media", err);
        Assert.Equal([Path.Combine(output, "keep.txt")], Directory.GetFiles(output, "*", SearchOption.AllDirectories));
        Assert.Equal("earlier work", File.ReadAllText(Path.Combine(output, "keep.txt")));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void A_range_past_the_session_end_is_refused_before_the_output_directory_is_created()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--range", "01:00:00:00-01:00:05:00");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--range", err);
        Assert.Contains("past the session end", err);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100000")]
    [InlineData("many")]
    public void A_bad_block_size_is_invalid_input_naming_the_option(string block)
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--block", block);
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--block", err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Rendering_a_sine_session_writes_the_print_the_report_and_a_summary()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");

        var (exit, stdout, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--threads", "2", "--block", "256");

        Assert.True(exit == ExitCode.Ok, err);
        string print = Path.Combine(output, "PM.wav");
        var info = WavFile.Probe(print);
        Assert.Equal(1, info.Channels);
        Assert.Equal(SineSessionFolder.SampleRate, info.Frames);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RenderCommand.ReportFileName)));
        var root = report.RootElement;
        Assert.Equal(SineSessionFolder.SampleRate, root.GetProperty("frames").GetInt64());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.Equal(256, root.GetProperty("blockSize").GetInt32());
        // The render's own processor time: positive, and at most what the process has used in all.
        double cpu = root.GetProperty("renderCpuSeconds").GetDouble();
        Assert.InRange(cpu, 1e-6, Environment.CpuUsage.TotalTime.TotalSeconds);
        var entry = Assert.Single(root.GetProperty("prints").EnumerateArray());
        Assert.Equal(print, Assert.Single(entry.GetProperty("paths").EnumerateArray()).GetString());
        Assert.Equal(1, entry.GetProperty("channels").GetInt32());
        Assert.Equal("mono", entry.GetProperty("layout").GetString());
        Assert.Equal(SineSessionFolder.SampleRate, entry.GetProperty("frames").GetInt64());
        // Sample 12 of the 1 kHz sine is exactly 0.5 (sin(π/2) = 1 in double), passed at unity: the peak is
        // 20·log10(0.5) dBFS; the tolerance only covers the rounding of the logarithm.
        double peak = Assert.Single(entry.GetProperty("samplePeakDbfs").EnumerateArray()).GetDouble();
        Assert.Equal(20 * Math.Log10(SineSessionFolder.Amplitude), peak, 1e-9);

        Assert.Contains("render: 100%", stdout);
        Assert.Contains("PM.wav", stdout);
        Assert.Contains("-6.0", stdout);
        Assert.Contains("Report: " + Path.Combine(output, RenderCommand.ReportFileName), stdout);
    }

    [Fact]
    public void A_timecode_range_prints_only_its_samples()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");

        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--range", "01:00:00:12-01:00:01:00");

        Assert.True(exit == ExitCode.Ok, err);
        // 12 frames at 24 fps = 0.5 s = 24000 samples at 48 kHz: the second half of the session.
        Assert.Equal(24000, WavFile.Probe(Path.Combine(output, "PM.wav")).Frames);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RenderCommand.ReportFileName)));
        Assert.Equal(24000, report.RootElement.GetProperty("rangeStart").GetInt64());
        Assert.Equal(48000, report.RootElement.GetProperty("rangeEnd").GetInt64());
    }

    [Fact]
    public void A_cancelled_render_exits_130_and_leaves_no_print()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var error = new StringWriter();

        int exit = RenderCommand.Execute(new RenderArguments(folder.SessionPath, output, null, 2, 1024),
            Terminal.Plain(new StringWriter(), error), Serilog.Core.Logger.None, new CancellationToken(canceled: true));

        Assert.Equal(ExitCode.Cancelled, exit);
        Assert.Contains("cancelled", error.ToString());
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void Deliver_fails_a_print_over_the_true_peak_ceiling_with_exit_1_and_keeps_the_prints_and_reports()
    {
        // The sine session prints a 0.5-amplitude (−6 dBFS) sine: true peak −6 dBTP passes ATSC's −2 dBTP ceiling, but
        // its loudness (about −9 LUFS) is far above −24 ± 2, so the printmaster fails and loudness binds.
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, stdout, _) = CliRun.Run("render", folder.SessionPath, "--out", output, "--deliver", "atsc-a85");
        Assert.Equal(ExitCode.Failed, exit);
        Assert.Contains("FAIL; binding constraint: integrated loudness", stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "render-report.json")));
        Assert.Equal("ATSC A/85", report.RootElement.GetProperty("delivery").GetString());
        var compliance = report.RootElement.GetProperty("prints")[0].GetProperty("compliance");
        Assert.Equal("fail", compliance.GetProperty("criteria")[0].GetProperty("verdict").GetString());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(output, "render-report.html")));
    }

    [Fact]
    public void An_unknown_delivery_spec_is_invalid_input_before_anything_is_written()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--deliver", "no-such-spec");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("no-such-spec", err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Normalize_to_conforms_the_printmaster_that_deliver_failed_and_reports_the_gain_and_the_binding_constraint()
    {
        // The same −6 dBFS sine that fails ATSC A/85 as mixed is trimmed to −24 LUFS; its true peak stays far under −2 dBTP,
        // so gain alone does it and loudness binds.
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, stdout, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--normalize-to", "atsc-a85");
        Assert.True(exit == ExitCode.Ok, err);
        Assert.Contains("conform pm to ATSC A/85:", stdout);
        Assert.Contains("bound by the integrated loudness target", stdout);
        Assert.Contains("PASS", stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "render-report.json")));
        var conform = report.RootElement.GetProperty("conform")[0];
        Assert.False(conform.GetProperty("limited").GetBoolean());
        double gain = conform.GetProperty("gainDb").GetDouble();
        Assert.InRange(gain, -16.0, -13.0);
        Assert.Equal(gain, report.RootElement.GetProperty("prints")[0].GetProperty("conform").GetProperty("gainDb").GetDouble());
        var measured = LoudnessAnalysis.MeasureFile(Path.Combine(output, "PM.wav"));
        Assert.InRange(measured.IntegratedLufs, -24.02, -23.98); // float32 print of an exact gain: within one 0.01 LU histogram bin
    }

    [Fact]
    public void Normalize_bus_naming_a_bus_that_is_not_printed_is_invalid_input_and_writes_nothing()
    {
        using var folder = new SineSessionFolder();
        string output = Path.Combine(folder.Directory, "out");
        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", output, "--normalize-to", "ebu-r128", "--normalize-bus", "FX");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--normalize-to EBU R 128: bus 'FX' does not exist; printed buses: pm", err);
        Assert.Empty(Directory.GetFiles(output, "*.wav", SearchOption.AllDirectories));
    }

    [Fact]
    public void Normalize_bus_without_normalize_to_is_invalid_input()
    {
        using var folder = new SineSessionFolder();
        var (exit, _, err) = CliRun.Run("render", folder.SessionPath, "--out", Path.Combine(folder.Directory, "out"), "--normalize-bus", "pm");
        Assert.Equal(ExitCode.InvalidInput, exit);
        Assert.Contains("--normalize-bus needs --normalize-to SPEC", err);
    }
}
