using Grpc.Core;
using LiveAutomation = MixEngine.ControlPlane.LiveAutomation;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// AutomationService's live-pass undo and redo over the in-memory server on the sine session (one track "DX 1", fader
/// at 0 dB), with a <see cref="LiveAutomation"/> writing the passes the real-time null device plays: a Latch pass made
/// through MixerService and TransportService is taken back and re-applied as one step each. Lanes are compared exactly:
/// undo and redo install the recorder's stored automation, not a recomputation.
/// </summary>
public class AutomationPassApiTests
{
    private const string Fader = "track/DX 1/fader";

    [Fact]
    public void A_live_pass_is_undone_and_redone_over_grpc_as_one_step_each()
    {
        using var f = new GrpcFixture();
        using var live = new LiveAutomation(f.Control, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(GrpcFixture.Block) { PreFaderTaps = true }, WavMediaOpener.Instance));
        using var written = new ManualResetEventSlim();
        live.PassWritten += _ => written.Set();
        var channel = f.Channel(GrpcFixture.MixerKey);
        var desk = new AutomationService.AutomationServiceClient(channel);
        var mixer = new MixerService.MixerServiceClient(channel);
        var transport = new TransportService.TransportServiceClient(channel);
        var observer = new AutomationService.AutomationServiceClient(f.Channel(GrpcFixture.ObserverKey));

        var none = Assert.Throws<RpcException>(() => desk.UndoAutomationPass(new UndoAutomationPassRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, none.StatusCode); // no pass written yet
        Assert.Contains("live automation pass", none.Status.Detail);

        desk.SetMode(new SetModeRequest { Address = "track/DX 1", Mode = AutomationMode.Latch });
        transport.Play(new PlayRequest());
        Assert.True(SpinWait.SpinUntil(() => f.Control.Transport.Position >= 4_800, 10_000), "the transport did not reach 0.1 s within 10 s");
        mixer.SetParameter(new ParameterSet { Address = Fader, Value = -9, Mode = ValueMode.Absolute });
        Assert.True(SpinWait.SpinUntil(() => f.Control.Transport.Position >= 14_400, 10_000), "the transport did not reach 0.3 s within 10 s");
        transport.Stop(new StopRequest());
        Assert.True(written.Wait(TimeSpan.FromSeconds(10)), "the pass was not written within 10 s of the stop");
        var pass = f.Control.Session.Automation.Lane(Fader);
        Assert.NotNull(pass);
        Assert.Contains(pass.Curve.Points, p => p.Value == -9.0); // the latched value was written

        Assert.Equal(StatusCode.PermissionDenied, Assert.Throws<RpcException>(() => observer.UndoAutomationPass(new UndoAutomationPassRequest())).StatusCode);
        Assert.Equal([Fader], desk.UndoAutomationPass(new UndoAutomationPassRequest()).Addresses);
        Assert.Null(f.Control.Session.Automation.Lane(Fader)); // the lane the pass created is gone
        Assert.Equal([Fader], desk.RedoAutomationPass(new RedoAutomationPassRequest()).Addresses);
        Assert.Equal(pass, f.Control.Session.Automation.Lane(Fader)); // exactly the written lane again
        Assert.Equal(StatusCode.FailedPrecondition, Assert.Throws<RpcException>(() => desk.RedoAutomationPass(new RedoAutomationPassRequest())).StatusCode);
    }

    [Fact]
    public void A_value_previewed_over_grpc_is_punched_into_the_live_pass_and_the_strip_switches_to_latch()
    {
        using var f = new GrpcFixture();
        using var live = new LiveAutomation(f.Control, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(GrpcFixture.Block) { PreFaderTaps = true }, WavMediaOpener.Instance));
        using var written = new ManualResetEventSlim();
        live.PassWritten += _ => written.Set();
        var channel = f.Channel(GrpcFixture.MixerKey);
        var desk = new AutomationService.AutomationServiceClient(channel);
        var mixer = new MixerService.MixerServiceClient(channel);
        var transport = new TransportService.TransportServiceClient(channel);
        var observer = new AutomationService.AutomationServiceClient(f.Channel(GrpcFixture.ObserverKey));

        Assert.Equal(StatusCode.PermissionDenied, Assert.Throws<RpcException>(() => observer.SetPreview(new SetPreviewRequest { On = true })).StatusCode);
        var unknown = Assert.Throws<RpcException>(() => desk.PunchCapture(new PunchCaptureRequest { Strips = { "track/DX 9" } }));
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("strips: ", unknown.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => desk.WriteToInPass(new WriteToInPassRequest())).StatusCode); // target unspecified

        desk.SetMode(new SetModeRequest { Address = "track/DX 1", Mode = AutomationMode.Touch });
        desk.SetPreview(new SetPreviewRequest { On = true });
        transport.Play(new PlayRequest());
        Assert.True(SpinWait.SpinUntil(() => f.Control.Transport.Position >= 4_800, 10_000), "the transport did not reach 0.1 s within 10 s");
        mixer.SetParameter(new ParameterSet { Address = Fader, Value = -9, Mode = ValueMode.Absolute }); // isolated: auditioned, not written
        desk.PunchPreview(new PunchPreviewRequest());
        long punched = f.Control.Transport.Position;
        Assert.True(SpinWait.SpinUntil(() => f.Control.Transport.Position >= punched + 9_600, 10_000), "the transport did not move 0.2 s past the punch within 10 s");
        transport.Stop(new StopRequest());
        Assert.True(written.Wait(TimeSpan.FromSeconds(10)), "the pass was not written within 10 s of the stop");

        var lane = f.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Contains(lane.Points, p => p.Value == -9.0); // the preview value, written from the punch (exact)
        Assert.Equal(-9.0, lane.Points[^3].Value); // held to the stop, then the guard point back to 0 dB
        Assert.Equal(0.0, lane.Points[^1].Value);
        Assert.Equal(MixEngine.Automation.AutomationMode.Latch, f.Control.GetAutomationMode("track/DX 1").Mode); // Punch Preview switched Touch to Latch
    }
}
