using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Offline;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public sealed class MixControlRecordPrintTests : IDisposable
{
    private const int Length = 24000;
    private static readonly DateTime Origination = new(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (MixSession Session, InMemoryMedia Media) PrintedSession()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 9));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 330));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Mono, output: "pm")
            .Track("a", ChannelLayout.Mono, "dx", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -3 }, clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Print("pm", "PM.wav", SampleFormat.Int24, dither: true)
            .Print("dx", "stems/DX.wav")
            .Build();
        return (session, media);
    }

    [Fact]
    public void Stems_started_and_stopped_while_playing_equal_the_offline_render_of_the_printed_range()
    {
        var (session, media) = PrintedSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0), ("pm", 1)], 64);
        using var control = new MixControl(engine);
        using var device = new NullClockDevice(48000, 64, NullClockPace.RealTime);
        device.Open(["L", "R"]);
        var client = control.RegisterClient("grpc");
        control.Play(client);
        device.Start(engine);
        while (control.Transport.Position < 3000) Thread.Sleep(2);
        string live = Path.Combine(_folder.Path, "live");
        // A 30 s ring so a disk thread starved by a loaded machine drops nothing.
        Assert.Equal(Path.GetFullPath(live), control.StartRecordPrint(client, live, new RecordPrintOptions { Origination = Origination, RingSeconds = 30 }));
        Assert.Equal(Path.GetFullPath(live), control.RecordPrinting!.Directory);
        while (control.Transport.Position < 15000) Thread.Sleep(2);
        var report = control.StopRecordPrint(client)!;
        device.Stop();

        Assert.Null(control.RecordPrinting);
        Assert.Null(control.StopRecordPrint(client));
        Assert.True(report.IsContinuousRange, $"overruns {report.OverrunFrames}, discontinuities {report.Discontinuities}, {report.Failure}");
        Assert.True(report.RangeStart >= 3000 && report.Frames >= 15000 - report.RangeStart, $"{report.RangeStart}+{report.Frames}");
        string offline = Path.Combine(_folder.Path, "offline");
        OfflineRenderer.Render(session, new RenderRequest(offline, report.RangeStart, report.RangeStart + report.Frames, 1, 256, Origination), media);
        foreach (var name in new[] { "PM.wav", Path.Combine("stems", "DX.wav") })
            Assert.True(File.ReadAllBytes(Path.Combine(offline, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(live, name))),
                $"{name} differs from the offline render of {report.RangeStart}+{report.Frames}"); // exact bytes: samples, dither, bext, loudness, iXML
    }

    [Fact]
    public void A_second_take_and_an_unregistered_client_are_refused_naming_the_reason()
    {
        var (session, media) = PrintedSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0), ("pm", 1)], 64);
        using var control = new MixControl(engine, FeedbackHubOptions.Default with { OwnThread = false });
        var client = control.RegisterClient("grpc");
        control.StartRecordPrint(client, _folder.Path);
        Assert.Contains("already running", Assert.Throws<InvalidOperationException>(() => control.StartRecordPrint(client, _folder.Path)).Message);
        Assert.Throws<ArgumentException>(() => control.StartRecordPrint(client, ""));
        Assert.Throws<ArgumentException>(() => control.StopRecordPrint(new ControlClientId(999)));
        Assert.NotNull(control.StopRecordPrint(client));
    }
}
