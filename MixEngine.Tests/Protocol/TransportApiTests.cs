using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class TransportApiTests
{
    private static TransportStatus WaitFor(TransportService.TransportServiceClient t, Func<TransportStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15); // the engine's thread and the server's answer threads may lag on a loaded machine
        while (DateTime.UtcNow < deadline)
        {
            var s = t.GetTransport(new GetTransportRequest());
            if (done(s)) return s;
            Thread.Sleep(5);
        }
        return t.GetTransport(new GetTransportRequest());
    }

    [Fact]
    public void Locate_by_samples_and_by_timecode_moves_the_published_playhead()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        transport.Locate(new LocateRequest { PositionSamples = 24000 });
        Assert.Equal(24000, WaitFor(transport, s => s.PositionSamples == 24000).PositionSamples);
        transport.Locate(new LocateRequest { Timecode = "01:00:00:06" });
        var at = WaitFor(transport, s => s.PositionSamples == 12000);
        Assert.Equal(12000, at.PositionSamples); // 6 frames at 24 fps after the 01:00:00:00 start = 0.25 s = 12000 samples at 48 kHz
        Assert.Equal("01:00:00:06", at.Timecode);
        Assert.Equal(48000, at.SampleRate);
    }

    [Fact]
    public void Play_rolls_and_stop_holds_the_position()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        transport.Play(new PlayRequest());
        Assert.Equal(TransportState.Playing, WaitFor(transport, s => s.State == TransportState.Playing && s.PositionSamples > 0).State);
        transport.Stop(new StopRequest());
        var stopped = WaitFor(transport, s => s.State == TransportState.Stopped);
        Thread.Sleep(50);
        Assert.Equal(stopped.PositionSamples, transport.GetTransport(new GetTransportRequest()).PositionSamples);
    }

    [Fact]
    public void A_loop_is_set_and_cleared_and_a_reversed_one_is_refused_naming_the_field()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        transport.SetLoop(new SetLoopRequest { Enabled = true, StartSamples = 100, EndSamples = 4900 });
        var looping = WaitFor(transport, s => s.Looping);
        Assert.Equal((100, 4900), (looping.LoopStartSamples, looping.LoopEndSamples));
        transport.SetLoop(new SetLoopRequest { Enabled = false });
        Assert.False(WaitFor(transport, s => !s.Looping).Looping);
        var e = Assert.Throws<RpcException>(() => transport.SetLoop(new SetLoopRequest { Enabled = true, StartSamples = 500, EndSamples = 100 }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("end_samples:", e.Status.Detail);
    }

    [Fact]
    public void Bad_locate_targets_are_invalid_argument_naming_the_field()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        Assert.StartsWith("position_samples:", Assert.Throws<RpcException>(() => transport.Locate(new LocateRequest { PositionSamples = -1 })).Status.Detail);
        Assert.StartsWith("timecode:", Assert.Throws<RpcException>(() => transport.Locate(new LocateRequest { Timecode = "1:2" })).Status.Detail);
        Assert.StartsWith("target:", Assert.Throws<RpcException>(() => transport.Locate(new LocateRequest())).Status.Detail);
        Assert.StartsWith("pre_roll_samples:", Assert.Throws<RpcException>(() => transport.SetPreRoll(new SetPreRollRequest { PreRollSamples = -5 })).Status.Detail);
    }

    [Fact]
    public void Record_print_armed_while_playing_writes_the_prints_into_the_render_root_and_disarming_commits_them()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.AdminKey));
        var armed = transport.SetRecordPrint(new SetRecordPrintRequest { Armed = true, OutputDirectory = "take1", OriginationUnixSeconds = 1767225600 });
        Assert.True(armed.Armed);
        Assert.Equal(Path.Combine(f.RenderRoot, "take1"), armed.OutputDirectory);
        var again = Assert.Throws<RpcException>(() => transport.SetRecordPrint(new SetRecordPrintRequest { Armed = true, OutputDirectory = "take2" }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        transport.Play(new PlayRequest());
        WaitFor(transport, s => s.PositionSamples >= 9600); // 0.2 s played
        transport.Stop(new StopRequest());
        WaitFor(transport, s => s.State == TransportState.Stopped);
        var done = transport.SetRecordPrint(new SetRecordPrintRequest { Armed = false });
        Assert.False(done.Armed);
        Assert.Equal("", done.Failure);
        Assert.True(done.FramesWritten >= 9600, $"{done.FramesWritten} frames");
        string print = Assert.Single(done.Files);
        Assert.Equal(Path.Combine(f.RenderRoot, "take1", "PM.wav"), print);
        Assert.InRange(new FileInfo(print).Length, 44 + 4 * done.FramesWritten, 4096 + 4 * done.FramesWritten); // float32 mono samples plus the header chunks (fmt, bext, …)
        Assert.False(transport.SetRecordPrint(new SetRecordPrintRequest { Armed = false }).Armed); // disarming again: nothing runs
    }

    [Fact]
    public void Record_print_outside_the_render_root_or_below_admin_is_permission_denied_and_creates_nothing()
    {
        using var f = new GrpcFixture();
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.AdminKey));
        var e = Assert.Throws<RpcException>(() => transport.SetRecordPrint(new SetRecordPrintRequest { Armed = true, OutputDirectory = "../escaped" }));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("output_directory", e.Status.Detail);
        Assert.False(Directory.Exists(Path.Combine(f.Folder.Directory, "escaped")));
        Assert.Null(f.Control.RecordPrinting);
        var mixer = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey)); // it writes files: admin only
        Assert.Equal(StatusCode.PermissionDenied, Assert.Throws<RpcException>(() => mixer.SetRecordPrint(new SetRecordPrintRequest { Armed = true })).StatusCode);
    }

    [Fact]
    public async Task Watching_the_transport_sees_a_locate_and_ends_at_the_deadline()
    {
        using var f = new GrpcFixture();
        var channel = f.Channel(GrpcFixture.ObserverKey);
        var watcher = new TransportService.TransportServiceClient(channel);
        var mover = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        using var call = watcher.WatchTransport(new WatchTransportRequest { MaxRateHz = 50 }, deadline: DateTime.UtcNow.AddSeconds(15)); // long enough for a loaded machine to see the locate first
        Assert.True(await call.ResponseStream.MoveNext());
        mover.Locate(new LocateRequest { PositionSamples = 12345 });
        bool seen = false;
        try
        {
            while (await call.ResponseStream.MoveNext())
                if (call.ResponseStream.Current.PositionSamples == 12345) { seen = true; break; }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
        }
        Assert.True(seen);
    }
}
