using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Offline;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public sealed class RecordPrintTests : IDisposable
{
    private const int Length = 12000;
    private static readonly DateTime Origination = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (MixSession Session, InMemoryMedia Media) PrintedSession()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 5));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 440));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Mono, output: "pm")
            .Track("a", ChannelLayout.Mono, "dx", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("b.wav", 300, Length - 600))
            .Print("pm", "PM.wav")
            .Print("pm", "PM_24.wav", SampleFormat.Int24, PrintLayout.MultiMono, dither: true)
            .Print("dx", "stems/DX.wav", SampleFormat.Int24, dither: true)
            .Build();
        return (session, media);
    }

    private static RealtimeEngine Engine(MixSession session, InMemoryMedia media, int block) =>
        new(RenderPlanBuilder.Build(session, new RenderPlanOptions(block), media), [("pm", 0), ("pm", 1)], block);

    [Fact]
    public void A_take_played_through_the_null_device_equals_the_offline_render_of_its_range_byte_for_byte()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 64);
        // Real-time pace, as a take runs in service; a 30 s ring so a disk thread starved by a loaded machine drops nothing.
        using var device = new NullClockDevice(48000, 64, NullClockPace.RealTime);
        device.Open(["L", "R"]);
        string live = Path.Combine(_folder.Path, "live");
        var take = engine.StartRecordPrint(live, new RecordPrintOptions { Origination = Origination, RingSeconds = 30 });
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 1000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(engine);
        while (engine.ReadTransport().Position < Length) Thread.Sleep(5);
        engine.RequestTransport(new TransportCommand(TransportAction.Stop));
        var report = engine.StopRecordPrint()!;
        device.Stop();

        Assert.True(report.IsContinuousRange, $"overruns {report.OverrunFrames}, discontinuities {report.Discontinuities}, {report.Failure}");
        Assert.Equal(1000, report.RangeStart);
        Assert.True(report.Frames >= Length - 1000, $"{report.Frames} frames"); // the device runs on a little until the stop is taken
        Assert.Equal(report.Frames, take.FramesWritten);
        string offline = Path.Combine(_folder.Path, "offline");
        OfflineRenderer.Render(session, new RenderRequest(offline, report.RangeStart, report.RangeStart + report.Frames, 1, 256, Origination), media);
        string[] names = ["PM.wav", "PM_24.L.wav", "PM_24.R.wav", Path.Combine("stems", "DX.wav")];
        Assert.Equal(names.Select(n => Path.Combine(live, n)).Order(), report.Files.Order());
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(offline, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(live, name))),
                $"{name} differs from the offline render of {report.RangeStart}+{report.Frames}"); // exact bytes: samples, dither, bext (TimeReference, loudness), iXML
        Assert.Empty(Directory.GetFiles(live, ".*partial*", SearchOption.AllDirectories)); // temporary names renamed on commit
    }

    [Fact]
    public void The_pre_roll_and_stopped_periods_are_not_printed()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 64);
        var outputs = new[] { new double[64], new double[64] };
        engine.StartRecordPrint(_folder.Path, new RecordPrintOptions { Origination = Origination });
        for (int i = 0; i < 5; i++) engine.RtRender(outputs, 64); // stopped
        engine.RequestTransport(new TransportCommand(TransportAction.SetPreRoll, 100));
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 2000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        for (int i = 0; i < 10; i++) engine.RtRender(outputs, 64);
        var report = engine.StopRecordPrint()!;
        Assert.Equal(2000, report.RangeStart);
        Assert.Equal(10 * 64 - 100, report.Frames); // 640 frames rendered, the first 100 of them pre-roll
        Assert.True(report.IsContinuousRange);
        using var reader = WavFile.OpenRead(Path.Combine(_folder.Path, "PM.wav"));
        Assert.Equal(session.StartSamplesSinceMidnight + 2000, reader.Info.TimeReference);
    }

    [Fact]
    public void A_locate_inside_a_take_is_reported_as_a_discontinuity()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 64);
        var outputs = new[] { new double[64], new double[64] };
        engine.StartRecordPrint(_folder.Path);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        for (int i = 0; i < 4; i++) engine.RtRender(outputs, 64);
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 5000));
        for (int i = 0; i < 4; i++) engine.RtRender(outputs, 64);
        var report = engine.StopRecordPrint()!;
        Assert.Equal(1, report.Discontinuities);
        Assert.False(report.IsContinuousRange);
        Assert.Equal(8 * 64, report.Frames);
    }

    [Fact]
    public void Segments_that_do_not_fit_the_ring_are_dropped_and_counted_without_waiting()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 64);
        var outputs = new[] { new double[64], new double[64] };
        var take = engine.StartRecordPrint(_folder.Path, new RecordPrintOptions { RingFrames = 32 });
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        for (int i = 0; i < 10; i++) engine.RtRender(outputs, 64); // every 64-frame segment is larger than the 32-frame ring
        Assert.Equal(640, take.OverrunFrames);
        var report = engine.StopRecordPrint()!;
        Assert.Equal((0L, 640L, 10L), (report.Frames, report.OverrunFrames, report.Discontinuities));
        Assert.Empty(report.Files); // nothing reached the disk, so no print was opened
    }

    [Fact]
    public void A_second_take_while_one_runs_is_refused_and_a_session_without_prints_too()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 64);
        engine.StartRecordPrint(_folder.Path);
        var e = Assert.Throws<InvalidOperationException>(() => engine.StartRecordPrint(_folder.Path));
        Assert.Contains("already running", e.Message);
        Assert.NotNull(engine.StopRecordPrint(TimeSpan.Zero));
        Assert.Null(engine.StopRecordPrint());

        using var bare = Engine(session with { Outputs = [] }, media, 64);
        var none = Assert.Throws<InvalidOperationException>(() => bare.StartRecordPrint(_folder.Path));
        Assert.Contains("has no prints", none.Message);
    }

    [Fact]
    public void Periods_with_a_take_running_allocate_nothing()
    {
        var (session, media) = PrintedSession();
        using var engine = Engine(session, media, 128);
        var outputs = new[] { new double[128], new double[128] };
        engine.StartRecordPrint(_folder.Path, new RecordPrintOptions { RingSeconds = 30 });
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 2000; block++) engine.RtRender(outputs, 128);
        });
        Assert.Equal(0, bytes);
        var report = engine.StopRecordPrint()!;
        Assert.Equal(0, report.OverrunFrames);
    }
}
