using MixEngine.Files;
using MixEngine.Offline;

namespace MixEngine.Tests.Offline;

public sealed class LoudnessAnalysisTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("loudness-analysis").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_stereo_minus23_dBFS_1kHz_file_measures_minus23_LUFS_with_minus23_dB_peaks()
    {
        string path = Write("tone.wav", ChannelLayout.Stereo, 10, (c, t) => Math.Pow(10, -23 / 20.0) * Math.Sin(2 * Math.PI * 1000 * t));
        var r = LoudnessAnalysis.MeasureFile(path);
        Assert.Equal("stereo", r.Layout);
        Assert.InRange(r.IntegratedLufs, -23.1, -22.9);          // EBU Tech 3341 case 1 tolerance
        Assert.InRange(r.SamplePeakDbfs, -23.01, -22.99);         // float32 file: 1 kHz at 48 kHz samples within 0.001 dB of the crest
        Assert.InRange(r.TruePeakDbtp, -23.01, -22.95);           // 4× interpolation of a 1 kHz sine reads its amplitude within 0.05 dB
        Assert.Equal(480000, r.Frames);
    }

    [Fact]
    public void A_5_1_file_weights_surrounds_by_1_41_and_ignores_the_LFE()
    {
        // Tech 3341 case 6 levels (L, R −28; C −24; Ls, Rs −30 dBFS) plus a loud LFE that must not count.
        double[] levels = [-28, -28, -24, -6, -30, -30];
        string path = Write("surround.wav", ChannelLayout.Surround51, 20, (c, t) => Math.Pow(10, levels[c] / 20) * Math.Sin(2 * Math.PI * 1000 * t));
        var r = LoudnessAnalysis.MeasureFile(path);
        Assert.Equal("5.1", r.Layout);
        Assert.InRange(r.IntegratedLufs, -23.1, -22.9);
    }

    [Fact]
    public void Channel_weights_follow_BS1770_azimuth_rule_for_7_1_4()
    {
        // L R C LFE Lsr Rsr Lss Rss Ltf Rtf Ltr Rtr: sides ±90° 1.41, rears ±135° 1.0, heights 1.0, LFE 0.
        Assert.Equal([1, 1, 1, 0, 1, 1, 1.41, 1.41, 1, 1, 1, 1], LoudnessChannelWeights.For(ChannelLayout.Atmos714));
    }

    [Fact]
    public void A_truncated_file_is_reported_with_its_name()
    {
        string path = Write("cut.wav", ChannelLayout.Mono, 1, (c, t) => 0.1);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        var e = Assert.Throws<MediaFormatException>(() => LoudnessAnalysis.MeasureFile(path));
        Assert.Contains("cut.wav", e.Message);
    }

    private string Write(string name, ChannelLayout layout, double seconds, Func<int, double, double> signal)
    {
        string path = Path.Combine(_dir, name);
        var meta = new BwfMetadata("test", "MixEngine tests", "", new DateTime(2026, 1, 1), 0, "", 24, 1, false, "tests");
        using var w = PrintFiles.CreateInterleaved(path, new PrintFileOptions(layout, 48000, SampleFormat.Float32, false, 1, meta));
        int frames = (int)(seconds * 48000);
        var buf = new double[layout.ChannelCount][];
        for (int c = 0; c < buf.Length; c++)
        {
            buf[c] = new double[frames];
            for (int i = 0; i < frames; i++) buf[c][i] = signal(c, i / 48000.0);
        }
        w.RtWritePlanar(buf, 0, frames);
        w.Commit();
        return path;
    }
}
