using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Server.Demo;
using MixEngine.Session;

namespace MixEngine.Tests.Server;

/// <summary>
/// Writes a short demo once (media + session), loads it back through the session reader, renders it with every print
/// switched to 32-bit float and checks the mix: stems null the printmaster, the printmaster carries signal and stays
/// below full scale. Shared by the tests of <see cref="DemoTests"/>.
/// </summary>
public sealed class DemoRenderFixture : IDisposable
{
    /// <summary>Demo length: long enough for every sound to appear, short enough to keep the suite fast.</summary>
    public const int Seconds = 6;

    /// <summary>Writes and renders the demo into a temporary folder.</summary>
    public DemoRenderFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mixengine-demo-" + Guid.NewGuid().ToString("N"));
        SessionPath = DemoSession.WriteTo(Directory, Seconds, DemoSession.DefaultSeed);
        Session = SessionReader.Load(SessionPath, WavMediaProbe.Instance);
        var floatSession = Session with
        {
            Outputs = Session.Outputs.Select(o => o with { Format = SampleFormat.Float32 }).ToList(),
        };
        PrintDirectory = Path.Combine(Directory, "prints-float");
        long end = Session.End ?? throw new InvalidOperationException("the demo session sets its end");
        OfflineRenderer.Render(floatSession, new RenderRequest(PrintDirectory, 0, end, 2, 1024), WavMediaOpener.Instance, null,
            CancellationToken.None);
        Prints = floatSession.Outputs.ToDictionary(o => o.Bus, o => ReadAll(Path.Combine(PrintDirectory, o.File)));
    }

    /// <summary>The demo folder.</summary>
    public string Directory { get; }

    /// <summary>The written session file.</summary>
    public string SessionPath { get; }

    /// <summary>The session as loaded back by the reader.</summary>
    public MixSession Session { get; }

    /// <summary>Folder of the float32 prints.</summary>
    public string PrintDirectory { get; }

    /// <summary>Every print's samples by bus id, planar [channel][frame].</summary>
    public IReadOnlyDictionary<string, double[][]> Prints { get; }

    /// <inheritdoc/>
    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static double[][] ReadAll(string path)
    {
        using var reader = WavFile.OpenRead(path);
        int frames = checked((int)reader.Info.Frames);
        var channels = new double[reader.Info.Channels][];
        for (int c = 0; c < channels.Length; c++) channels[c] = new double[frames];
        int[] map = Enumerable.Range(0, channels.Length).ToArray();
        reader.RtReadPlanar(0, frames, map, channels, 0);
        return channels;
    }
}

/// <summary>Tests of <see cref="DemoSession"/>: the demo is a valid session whose stems add up to its printmaster.</summary>
public sealed class DemoTests(DemoRenderFixture demo) : IClassFixture<DemoRenderFixture>
{
    [Fact]
    public void Demo_session_written_to_disk_loads_back_through_validation_with_every_part_of_the_scene()
    {
        Assert.Equal(new[] { "dx1", "dxfill", "mx1", "fxdoor", "fxsteps", "fxwhoosh", "bg1" }, demo.Session.Tracks.Select(t => t.Id));
        Assert.Equal(new[] { "pm", "dx", "mx", "fx" }, demo.Session.Outputs.Select(o => o.Bus));
        Assert.All(demo.Session.Buses, b => Assert.Same(ChannelLayout.Atmos712, b.Format));
        Assert.Equal(DemoSession.Start, demo.Session.Start);
        Assert.Equal((long)DemoRenderFixture.Seconds * DemoMedia.SampleRate, demo.Session.End);
        Assert.Contains(demo.Session.Tracks, t => t.Strip.Pan.LfeDb > double.NegativeInfinity);
        Assert.Equal(new[] { "dx1", "dxfill" }, demo.Session.Vcas.Single().Members);
    }

    [Fact]
    public void Demo_media_are_identical_for_the_same_seed_and_different_for_another()
    {
        var a = DemoMedia.Plan(DemoSession.MinimumSeconds, 1)["media/dialogue.wav"].Synthesize();
        var b = DemoMedia.Plan(DemoSession.MinimumSeconds, 1)["media/dialogue.wav"].Synthesize();
        var c = DemoMedia.Plan(DemoSession.MinimumSeconds, 2)["media/dialogue.wav"].Synthesize();
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void Sum_of_DX_MX_FX_stems_nulls_the_printmaster_below_minus_120_dBFS_on_every_channel()
    {
        var pm = demo.Prints["pm"];
        var dx = demo.Prints["dx"];
        var mx = demo.Prints["mx"];
        var fx = demo.Prints["fx"];
        Assert.Equal(ChannelLayout.Atmos712.ChannelCount, pm.Length);
        for (int c = 0; c < pm.Length; c++)
        {
            double worst = 0;
            for (int i = 0; i < pm[c].Length; i++)
                worst = Math.Max(worst, Math.Abs(dx[c][i] + mx[c][i] + fx[c][i] - pm[c][i]));
            // Tolerance −120 dBFS: the mix is exact in 64-bit, but each of the four prints is rounded to float32
            // (relative error 2^−24 ≈ −144 dB of the sample), so the residual is at most ~4 × 2^−24 × full scale ≈ −132 dBFS.
            Assert.True(worst < Math.Pow(10, -120 / 20.0),
                $"channel {ChannelLayout.Atmos712.Labels[c]}: stems minus printmaster peaks at {20 * Math.Log10(worst):F1} dBFS");
        }
    }

    [Fact]
    public void Printmaster_carries_signal_on_the_bed_and_LFE_and_never_reaches_full_scale()
    {
        var pm = demo.Prints["pm"];
        double overall = pm.Max(ch => ch.Max(Math.Abs));
        // Not silent: the dialogue alone peaks near −12 dBFS in C, so −40 dBFS leaves a wide margin for level changes.
        Assert.True(overall > Math.Pow(10, -40 / 20.0), $"printmaster peak {20 * Math.Log10(overall):F1} dBFS");
        // Exact bound: a float print above 1.0 would clip when delivered as integer PCM.
        Assert.True(overall < 1.0, $"printmaster peak {20 * Math.Log10(overall):F1} dBFS");
        int lfe = ChannelLayout.Atmos712.LfeIndex;
        // The door's LFE send (−8 dB of a −6 dBFS slam) must reach the LFE channel; −60 dBFS is far below it.
        Assert.True(pm[lfe].Max(Math.Abs) > Math.Pow(10, -60 / 20.0), "LFE channel is silent");
    }
}
