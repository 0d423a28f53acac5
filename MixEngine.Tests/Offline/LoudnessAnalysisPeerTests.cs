using System.Globalization;
using System.Text.RegularExpressions;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Offline;

/// <summary>
/// Agreement with ffmpeg's <c>ebur128</c> filter on stereo and 5.1 files (the layouts it weights as BS.1770 does;
/// loudness-dsp.md §4.3). ffmpeg prints one decimal and quantises integrated loudness and LRA to 0.01 LU histograms,
/// so integrated and LRA are compared within 0.1 LU; its true peak resamples to 192 kHz, compared within 0.2 dB.
/// </summary>
public sealed class LoudnessAnalysisPeerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loudness-ffmpeg").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PeerTheory("ffmpeg")]
    [InlineData("stereo")]
    [InlineData("5.1")]
    public void Integrated_loudness_range_and_true_peak_agree_with_ffmpeg_ebur128(string layoutName)
    {
        Assert.True(ChannelLayout.TryParse(layoutName, out var layout));
        string path = Path.Combine(_dir, $"programme-{layoutName}.wav");
        WriteProgramme(path, layout);

        var ours = LoudnessAnalysis.MeasureFile(path);
        var (exit, _, stderr) = PeerTools.Run("ffmpeg", "-nostats", "-hide_banner", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-");
        Assert.True(exit == 0, stderr);
        string summary = stderr[stderr.LastIndexOf("Summary:", StringComparison.Ordinal)..];

        Assert.Equal(Value(summary, @"I:\s+(-?[\d.]+) LUFS"), ours.IntegratedLufs, 0.1);
        Assert.Equal(Value(summary, @"LRA:\s+(-?[\d.]+) LU"), ours.LoudnessRangeLu, 0.1);
        Assert.Equal(Value(summary, @"Peak:\s+(-?[\d.]+) dBFS"), ours.TruePeakDbtp, 0.2);
    }

    private static double Value(string summary, string pattern)
    {
        var m = Regex.Match(summary, pattern);
        Assert.True(m.Success, $"ffmpeg summary has no match for {pattern}:\n{summary}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>40 s of seeded noise with per-channel level contours, band-limited to about 6 kHz, and a quiet LFE.</summary>
    private static void WriteProgramme(string path, ChannelLayout layout)
    {
        const int rate = 48000, frames = 40 * rate;
        var rng = new Random(3342);
        var x = new double[layout.ChannelCount][];
        double a = Math.Exp(-2 * Math.PI * 6000 / rate);
        for (int c = 0; c < x.Length; c++)
        {
            x[c] = new double[frames];
            double y1 = 0, y2 = 0;
            for (int i = 0; i < frames; i++)
            {
                double t = (double)i / rate;
                double level = Math.Pow(10, (-28 + 9 * Math.Sin(0.3 * t + c) + (t % 8 < 1 ? -20 : 0)) / 20);
                y1 = (1 - a) * level * (rng.NextDouble() * 2 - 1) + a * y1;
                y2 = (1 - a) * y1 + a * y2;
                x[c][i] = 3 * y2;
            }
        }
        var meta = new BwfMetadata("peer", "MixEngine tests", "", new DateTime(2026, 1, 1), 0, "", 24, 1, false, "tests");
        using var w = PrintFiles.CreateInterleaved(path, new PrintFileOptions(layout, rate, SampleFormat.Float32, false, 1, meta));
        w.RtWritePlanar(x, 0, frames);
        w.Commit();
    }
}
