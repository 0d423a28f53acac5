using System.Text.Json;
using MixEngine.Offline;
using MixEngine.Tests.Files;

namespace MixEngine.Tests.Offline;

public class RenderReportTests
{
    private static RenderReport Sample() => new("Reel 1", 48000, 0, 96000, 96000, 2, 1024, 0.5, 4.0, 1,
        [new PrintReport("pm", ["/out/PM.wav"], 2, "stereo", ["L", "R"], "interleaved", "int24", 48000, 96000, 172_800_000,
            [-6.02, null], 0.5, 4.0, new PrintLoudnessReport(-23.01, 5.2, -1.5, -18.0, -20.0,
                new DialogueGatedReport("dx", -26.9, 64.5, -28.0, -43.0)))]);

    [Fact]
    public void Json_uses_camel_case_names_and_null_for_minus_infinity_peaks()
    {
        using var doc = JsonDocument.Parse(Sample().ToJson());
        var print = doc.RootElement.GetProperty("prints")[0];
        Assert.Equal("Reel 1", doc.RootElement.GetProperty("session").GetString());
        Assert.Equal(4.0, doc.RootElement.GetProperty("speed").GetDouble()); // exact: round-trips a double
        Assert.Equal(-6.02, print.GetProperty("samplePeakDbfs")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, print.GetProperty("samplePeakDbfs")[1].ValueKind);
        Assert.Equal("/out/PM.wav", print.GetProperty("paths")[0].GetString());
        Assert.Equal(172_800_000, print.GetProperty("timeReference").GetInt64());
        var loudness = print.GetProperty("loudness");
        Assert.Equal(-23.01, loudness.GetProperty("integratedLufs").GetDouble());
        Assert.Equal("dx", loudness.GetProperty("dialogueGated").GetProperty("dialogueBus").GetString());
    }

    [Fact]
    public void WriteJson_replaces_the_file_atomically_and_leaves_no_temporary()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("render-report.json"), "old");
        Sample().WriteJson(dir.File("render-report.json"));
        Assert.StartsWith("{", File.ReadAllText(dir.File("render-report.json")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
