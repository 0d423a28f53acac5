using System.Numerics;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Session;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Offline;

public class OfflineRendererTests
{
    private static readonly DateTime Origination = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    private static RenderRequest Request(string dir, long start, long end, int threads = 1, int block = 512) =>
        new(dir, start, end, threads, block, Origination);

    [Fact]
    public void Every_print_receives_its_bus_output_and_is_committed_after_the_whole_range()
    {
        var (session, media) = RandomSession.Create(seed: 11, tracks: 8, length: 5000);
        var prints = new InMemoryPrints();
        var report = OfflineRenderer.Render(session, Request("/out", 0, 5000), media, null, default, prints);
        Assert.Equal(4, prints.Writers.Count);
        Assert.All(prints.Writers, w => Assert.True(w.Committed && w.Disposed));
        var expected = PlanCapture.Render(session, media, "pm", 0, 5000);
        var pm = prints.Named("pm.wav").Samples;
        for (int c = 0; c < expected.Length; c++) Assert.Equal(expected[c], pm[c]); // exact: same plan, same order
        Assert.Equal(5000, report.Frames);
        Assert.All(report.Prints, p => Assert.Equal(5000, p.Frames));
        Assert.Equal(0, media.OpenReaders);
    }

    [Fact]
    public void A_reader_failing_mid_render_commits_nothing_and_disposes_every_writer_and_reader()
    {
        var (session, media) = RandomSession.Create(seed: 12, tracks: 6, length: 20000);
        media.FailAfterReads = 5;
        var prints = new InMemoryPrints();
        var e = Assert.Throws<MediaFormatException>(() => OfflineRenderer.Render(session, Request("/out", 0, 20000, threads: 2), media, null, default, prints));
        Assert.Contains("simulated read failure", e.Message);
        Assert.All(prints.Writers, w => Assert.True(!w.Committed && w.Disposed));
        Assert.Equal(0, media.OpenReaders);
    }

    [Fact]
    public void A_failed_commit_removes_the_prints_already_committed()
    {
        using var dir = new TempFolder();
        var (session, media) = RandomSession.Create(seed: 13, tracks: 3, length: 2000);
        var prints = new FailingLastCommit();
        Assert.Throws<IOException>(() => OfflineRenderer.Render(session, Request(dir.Path, 0, 2000), media, null, default, prints));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_failed_render_leaves_no_file_in_the_output_directory()
    {
        using var dir = new TempFolder();
        var (session, media) = RandomSession.Create(seed: 14, tracks: 4, length: 48000);
        media.FailAfterReads = 40;
        Assert.Throws<MediaFormatException>(() => OfflineRenderer.Render(session, Request(dir.Path, 0, 48000, threads: 2, block: 256), media));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_cancelled_render_throws_and_leaves_no_file_in_the_output_directory()
    {
        using var dir = new TempFolder();
        var (session, media) = RandomSession.Create(seed: 15, tracks: 4, length: 48000);
        using var cts = new CancellationTokenSource();
        media.BeforeRead = n => { if (n == 30) cts.Cancel(); };
        Assert.ThrowsAny<OperationCanceledException>(() =>
            OfflineRenderer.Render(session, Request(dir.Path, 0, 48000, block: 256), media, null, cts.Token));
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Print_metadata_carries_session_start_plus_range_start_timecode_rate_and_coding_history()
    {
        var rate = TimecodeRate.Fps2997Df;
        var session = new SessionBuilder { Rate = rate, Start = new Timecode(1, 0, 0, 0, rate) }
            .Bus("pm", ChannelLayout.Surround51).Print("pm", "PM_51.wav", SampleFormat.Int24, PrintLayout.MultiMono, dither: true)
            .Build("Reel 2");
        var prints = new InMemoryPrints();
        OfflineRenderer.Render(session, Request("/out", 480, 960), new InMemoryMedia(), null, default, prints);
        var o = prints.Writers.Single().Options;
        Assert.Equal(PrintLayout.MultiMono, prints.Writers.Single().Layout);
        Assert.Equal(IndependentSamplesSinceMidnight(rate, 1, 0, 0, 0) + 480, o.Metadata.TimeReference);
        Assert.Equal((30000, 1001, true), (o.Metadata.TimecodeNumerator, o.Metadata.TimecodeDenominator, o.Metadata.DropFrame));
        Assert.Equal("A=PCM,F=48000,W=24,M=mono,T=MixEngine\r\n", o.Metadata.CodingHistory);
        Assert.Equal("MixEngine", o.Metadata.Originator);
        Assert.Contains("Reel 2", o.Metadata.Description);
        Assert.Contains("PM_51.wav", o.Metadata.Description);
        Assert.Equal(Origination, o.Metadata.Origination);
        Assert.True(o.Dither);
        Assert.Equal(PrintMetadata.DitherSeed("PM_51.wav"), o.DitherSeed);
        Assert.NotEqual(PrintMetadata.DitherSeed("PM_51.wav"), PrintMetadata.DitherSeed("DX.wav"));
    }

    [Fact]
    public void Report_gives_peaks_per_channel_in_dBFS_with_silence_as_null_and_reports_progress_to_completion()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), TestSignals.Impulse(4800, 100, -0.5));
        var session = new SessionBuilder().Bus("st", ChannelLayout.Stereo).Print("st", "st.wav")
            .Track("a", ChannelLayout.Mono, "st", Strip.Default with { Pan = Pan.Default with { X = -1 } }, clips: SessionBuilder.Clip("s.wav", 0, 4800))
            .Build();
        var reports = new List<RenderProgress>();
        var report = OfflineRenderer.Render(session, Request("/out", 0, 4800), media, new SynchronousProgress(reports), default, new InMemoryPrints());
        var peaks = report.Prints.Single().SamplePeakDbfs;
        Assert.Equal(Decibels.FromGain(0.5), peaks[0]!.Value, 1e-12); // 1e-12 dB: log10 rounding only
        Assert.Null(peaks[1]);
        Assert.Equal(1.0, reports[^1].Fraction); // exact: 4800 of 4800
        Assert.Equal(4800, reports[^1].FramesDone);
        Assert.True(report.Speed > 0);
    }

    [Fact]
    public void Unity_clips_through_real_files_reproduce_their_samples_exactly_for_mono_stereo_and_5_1()
    {
        using var dir = new TempFolder();
        const int frames = 3000;
        var layouts = new[] { ChannelLayout.Mono, ChannelLayout.Stereo, ChannelLayout.Surround51 };
        var builder = new SessionBuilder();
        var sources = new Dictionary<string, double[][]>();
        foreach (var layout in layouts)
        {
            string name = $"src-{layout.Name}.wav";
            var data = PrintFixtures.GridRamp(layout.ChannelCount, frames);
            sources[layout.Name] = data;
            WriteMedia(dir.File(name), layout, SampleFormat.Int24, data);
            builder.Bus($"bus-{layout.Name}", layout).Print($"bus-{layout.Name}", $"out/print-{layout.Name}.wav", SampleFormat.Int24)
                .Track($"t-{layout.Name}", layout, $"bus-{layout.Name}", clips: SessionBuilder.Clip(dir.File(name), 0, frames,
                    Enumerable.Range(1, layout.ChannelCount).ToArray()));
        }
        OfflineRenderer.Render(builder.Build(), Request(dir.Path, 0, frames, threads: 2, block: 333));
        foreach (var layout in layouts)
        {
            var printed = PrintFixtures.ReadAll(dir.File($"out/print-{layout.Name}.wav"));
            for (int c = 0; c < layout.ChannelCount; c++) Assert.Equal(sources[layout.Name][c], printed[c]); // exact: null = 0
        }
    }

    [Fact]
    public void Stems_null_the_printmaster_below_minus_120_dBFS_in_float32_prints()
    {
        using var dir = new TempFolder();
        var (session, media) = RandomSession.Create(seed: 21, tracks: 16, length: 24000, printFormat: SampleFormat.Float32);
        OfflineRenderer.Render(session, Request(dir.Path, 0, 24000, threads: 2), media);
        var pm = PrintFixtures.ReadAll(dir.File("pm.wav"));
        var stems = RandomSession.Stems.Select(s => PrintFixtures.ReadAll(dir.File($"{s}.wav"))).ToArray();
        double worst = 0, loudest = 0;
        for (int c = 0; c < pm.Length; c++)
            for (int i = 0; i < pm[c].Length; i++)
            {
                double sum = stems.Sum(s => s[c][i]);
                worst = Math.Max(worst, Math.Abs(sum - pm[c][i]));
                loudest = Math.Max(loudest, Math.Abs(pm[c][i]));
            }
        Assert.True(loudest > 0.01, $"printmaster too quiet to prove anything ({loudest})");
        // −120 dBFS: float32 rounding of each print is ~−150 dBFS relative to full scale; the threshold.
        Assert.True(Decibels.FromGain(worst) < -120, $"residual {Decibels.FromGain(worst):F1} dBFS");
    }

    [Fact]
    public void Print_files_are_byte_identical_for_any_thread_count_and_block_size()
    {
        var (session, media) = RandomSession.Create(seed: 22, tracks: 10, length: 4000, printFormat: SampleFormat.Int24);
        session = session with { Outputs = session.Outputs.Select(o => o with { Dither = true }).ToArray() };
        byte[]? reference = null;
        foreach (var (threads, block) in new[] { (1, 1024), (2, 7), (4, 4096), (2, 64), (1, 1) })
        {
            using var dir = new TempFolder();
            OfflineRenderer.Render(session, Request(dir.Path, 0, 4000, threads, block), media);
            var bytes = File.ReadAllBytes(dir.File("pm.wav"));
            reference ??= bytes;
            Assert.True(reference.AsSpan().SequenceEqual(bytes), $"threads {threads}, block {block}: pm.wav differs");
        }
    }

    [Theory]
    [InlineData("23.976", 1, 0, 7, 13)]
    [InlineData("29.97DF", 1, 1, 0, 2)]
    [InlineData("29.97DF", 1, 10, 59, 29)]
    public void An_impulse_placed_by_timecode_lands_on_the_independently_computed_sample(string rateName, int h, int m, int s, int f)
    {
        Assert.True(TimecodeRate.TryParse(rateName, out var rate));
        using var dir = new TempFolder();
        WriteMedia(dir.File("click.wav"), ChannelLayout.Mono, SampleFormat.Float32, [TestSignals.Impulse(8, 0)]);
        char sep = rate.DropFrame ? ';' : ':';
        string json = $$"""
            { "mixengine": 1, "name": "Placement", "sampleRate": 48000,
              "timecode": { "rate": "{{rateName}}", "start": "01:00:00{{sep}}00" },
              "tracks": [ { "id": "fx", "name": "FX", "stem": "FX", "format": "mono", "output": "pm",
                            "clips": [ { "media": "click.wav", "position": "{{h:00}}:{{m:00}}:{{s:00}}{{sep}}{{f:00}}" } ] } ],
              "buses": [ { "id": "pm", "name": "PM", "format": "mono" } ],
              "outputs": [ { "bus": "pm", "file": "pm.wav", "sampleFormat": "float32" } ] }
            """;
        File.WriteAllText(dir.File("placement.json"), json);
        var session = SessionReader.Load(dir.File("placement.json"));
        long expected = IndependentSamplesSinceMidnight(rate, h, m, s, f) - IndependentSamplesSinceMidnight(rate, 1, 0, 0, 0);
        long rangeStart = expected - 1000;
        OfflineRenderer.Render(session, Request(dir.File("out"), rangeStart, expected + 1000));
        var y = PrintFixtures.ReadAll(dir.File("out/pm.wav"))[0];
        Assert.Equal(1000, Array.IndexOf(y, 1.0));
        Assert.Equal(1, y.Count(v => v != 0));
        Assert.Equal(IndependentSamplesSinceMidnight(rate, 1, 0, 0, 0) + rangeStart, WavFile.Probe(dir.File("out/pm.wav")).TimeReference);
    }

    [Fact]
    public void A_session_file_renders_interleaved_and_multi_mono_prints_and_a_report()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("media"));
        WriteMedia(dir.File("media/dx.wav"), ChannelLayout.Mono, SampleFormat.Int24, [TestSignals.Sine(9600, 440)]);
        WriteMedia(dir.File("media/mx.wav"), ChannelLayout.Stereo, SampleFormat.Int24, [TestSignals.Sine(9600, 220), TestSignals.Sine(9600, 330)]);
        File.WriteAllText(dir.File("reel.json"), """
            { "mixengine": 1, "name": "Reel 1", "sampleRate": 48000, "timecode": { "rate": "24", "start": "01:00:00:00" },
              "tracks": [
                { "id": "dx1", "name": "DX 1", "stem": "DX", "format": "mono", "output": "dx",
                  "clips": [ { "media": "media/dx.wav", "position": 0, "fadeIn": { "length": 480, "shape": "linear" } } ] },
                { "id": "mx1", "name": "MX 1", "stem": "MX", "format": "stereo", "output": "mx",
                  "strip": { "fader": -6 }, "clips": [ { "media": "media/mx.wav", "position": 2400 } ] } ],
              "buses": [
                { "id": "pm", "name": "Printmaster", "format": "7.1.2" },
                { "id": "dx", "name": "DX", "format": "7.1.2", "output": "pm" },
                { "id": "mx", "name": "MX", "format": "7.1.2", "output": "pm" } ],
              "outputs": [
                { "bus": "pm", "file": "PM.wav", "sampleFormat": "int24", "layout": "interleaved", "dither": true },
                { "bus": "dx", "file": "stems/DX.wav", "sampleFormat": "float32", "layout": "multiMono" } ] }
            """);
        var session = SessionReader.Load(dir.File("reel.json"));
        var report = OfflineRenderer.Render(session, RenderRequest.WholeSession(session, dir.File("out"), threads: 2));
        report.WriteJson(dir.File("out/render-report.json"));
        Assert.Equal(9600 + 2400, report.Frames);
        Assert.Equal(1 + 10, report.Files);
        var pm = WavFile.Probe(dir.File("out/PM.wav"));
        Assert.Equal((10, 12000L, 172_800_000L), (pm.Channels, pm.Frames, pm.TimeReference));
        var dxC = PrintFixtures.ReadAll(dir.File("out/stems/DX.C.wav"))[0];
        // 1e-7: float32 print of a 24-bit sine (one float rounding, ~6e-8 relative)
        Assert.Equal(0.0, dxC[0]);
        Assert.Equal(TestSignals.Sine(9600, 440)[5000], dxC[5000], 1e-7);
        var json = File.ReadAllText(dir.File("out/render-report.json"));
        Assert.Contains("\"samplePeakDbfs\"", json);
        Assert.Contains("\"fileLayout\": \"multiMono\"", json);
    }

    /// <summary>
    /// Samples since midnight computed without the production timecode code: frame labels are counted minute by minute
    /// (a drop-frame minute not divisible by ten lacks labels 00 and 01), then ceil(frames × 48000 / fps) in exact
    /// rational arithmetic with BigInteger.
    /// </summary>
    private static long IndependentSamplesSinceMidnight(TimecodeRate rate, int h, int m, int s, int f)
    {
        int labelsPerSecond = rate.NominalFps;
        BigInteger frames = 0;
        int minutes = h * 60 + m;
        for (int minute = 0; minute < minutes; minute++)
            frames += 60 * labelsPerSecond - (rate.DropFrame && minute % 10 != 0 ? 2 * labelsPerSecond / 30 : 0);
        frames += s * labelsPerSecond + f;
        if (rate.DropFrame && minutes % 10 != 0) frames -= 2 * labelsPerSecond / 30;
        var numerator = frames * 48000 * rate.Denominator;
        var quotient = BigInteger.DivRem(numerator, new BigInteger(rate.Numerator), out var remainder);
        return (long)(remainder.IsZero ? quotient : quotient + 1);
    }

    private static void WriteMedia(string path, ChannelLayout layout, SampleFormat format, double[][] data)
    {
        using var writer = PrintFiles.CreateInterleaved(path, PrintFixtures.Options(layout, format));
        writer.RtWritePlanar(data, 0, data[0].Length);
        writer.Commit();
    }

    private sealed class SynchronousProgress(List<RenderProgress> sink) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => sink.Add(value);
    }

    private sealed class FailingLastCommit : IPrintWriterFactory
    {
        private int _created;

        public IPrintWriter Create(string path, PrintLayout layout, PrintFileOptions options)
        {
            var real = PrintFiles.CreateInterleaved(path, options);
            return ++_created == 4 ? new CommitFails(real) : real;
        }
    }

    private sealed class CommitFails(IPrintWriter inner) : IPrintWriter
    {
        public IReadOnlyList<string> Paths => inner.Paths;

        public long FramesWritten => inner.FramesWritten;

        public void RtWritePlanar(double[][] channels, int offset, int count) => inner.RtWritePlanar(channels, offset, count);

        public void Commit() => throw new IOException("simulated commit failure");

        public void Dispose() => inner.Dispose();
    }
}
