using MixEngine.Dsp.Loudness;
using MixEngine.Offline;
using MixEngine.Offline.Delivery;

namespace MixEngine.Tests.Offline;

public sealed class LoudnessReportHtmlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loudness-html").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_a_self_contained_page_with_a_graph_the_target_band_and_the_verdict()
    {
        var meter = new LoudnessMeter(48000, [1, 1]);
        var block = new[] { new double[4800], new double[4800] };
        for (int k = 0; k < 200; k++) // 20 s of a −23 dBFS 1 kHz tone
        {
            for (int i = 0; i < 4800; i++) block[0][i] = block[1][i] = Math.Pow(10, -23 / 20.0) * Math.Sin(2 * Math.PI * 1000 * (k * 4800 + i) / 48000.0);
            meter.RtProcess(block, 0, 4800);
        }
        var spec = DeliverySpecReader.Load("ebu-r128");
        var figures = LoudnessAnalysis.Summarise(meter, "PM <7.1.2>.wav", "stereo", 960000);
        var print = new PrintLoudness(figures, meter.Timeline, ComplianceCheck.Evaluate(spec, figures));
        string path = Path.Combine(_dir, "loudness.html");

        LoudnessReportHtml.Write(path, "Reel 1", [print], spec);

        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "")); // no external assets
        Assert.Contains("<svg", html);
        Assert.Equal(2, html.Split("<polyline").Length - 1);        // momentary and short-term
        Assert.Contains("target -23.0 ± 0.2 LUFS", html);
        Assert.Contains("PM &lt;7.1.2&gt;.wav", html);                // names are escaped
        Assert.Contains("PASS", html);
        Assert.False(File.Exists(path + ".partial"));
    }
}
