using MixEngine.ControlPlane;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class FeedbackHubTests
{
    private static FeedbackRates Rates(string name, ControlClientId client, double parametersMs = 20, bool echo = false) =>
        new(name, TimeSpan.FromMilliseconds(parametersMs), TimeSpan.FromMilliseconds(40), FeedbackRates.Never, client, echo);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_new_subscriber_first_gets_every_current_value_and_the_transport_once()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        f.Control.SetParameter(a, "track/b/fader", -9);
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates("a", a));
        f.Control.Hub.Pump(Ms(0));
        Assert.Equal(f.Control.Descriptors.Count, sub.Parameters.Count);
        Assert.Equal(-9.0, sub.Parameters.Single(p => p.Parameter.Address.ToString() == "track/b/fader").Value); // exact; own change included in the first sync
        Assert.Single(sub.Transports);
        f.Control.Hub.Pump(Ms(100));
        Assert.Equal(f.Control.Descriptors.Count, sub.Parameters.Count); // nothing changed: nothing more
        Assert.Single(sub.Transports);
    }

    [Fact]
    public void A_change_by_one_client_reaches_the_other_but_not_its_own_subscriber()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var subA = new RecordingSubscriber();
        var subB = new RecordingSubscriber();
        using var ra = f.Control.Feedback.Subscribe(subA, Rates("a", a));
        using var rb = f.Control.Feedback.Subscribe(subB, Rates("b", b));
        f.Control.Hub.Pump(Ms(0));
        subA.Clear();
        subB.Clear();
        var fader = f.Control.Resolve("track/DX 1/fader");
        f.Control.SetParameter(a, fader, -12);
        f.Control.Hub.Pump(Ms(30));
        Assert.Empty(subA.Parameters);
        var seen = Assert.Single(subB.Parameters);
        Assert.Equal((fader.Slot, -12.0, a), (seen.Parameter.Slot, seen.Value, seen.Source)); // exact
        Assert.Equal(FaderTaperPosition(-12), seen.Normalized, 12);
        f.Control.SetParameter(b, fader, -3);
        f.Control.Hub.Pump(Ms(60));
        Assert.Equal(-3.0, Assert.Single(subA.Parameters).Value); // exact: b's change reaches a
        Assert.Single(subB.Parameters);
    }

    [Fact]
    public void A_subscriber_that_asks_for_its_own_echo_gets_its_clamped_value_back()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates("a", a, echo: true));
        f.Control.Hub.Pump(Ms(0));
        sub.Clear();
        f.Control.SetParameter(a, "track/DX 1/fader", 99);
        f.Control.Hub.Pump(Ms(30));
        Assert.Equal(12.0, Assert.Single(sub.Parameters).Value); // exact: clamped to the maximum
    }

    [Fact]
    public void A_flood_between_deliveries_arrives_once_per_interval_with_the_newest_value()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates("b", b, parametersMs: 20));
        f.Control.Hub.Pump(Ms(0)); // the first sync; next delivery due at 20 ms
        sub.Clear();
        var fader = f.Control.Resolve("track/b/fader");
        for (int i = 0; i < 10_000; i++) f.Control.SetParameter(a, fader, -i * 1e-3);
        f.Control.Hub.Pump(Ms(10));
        Assert.Empty(sub.Parameters); // not due yet
        f.Control.Hub.Pump(Ms(20));
        Assert.Equal(-9.999, Assert.Single(sub.Parameters).Value, 12); // the newest
        f.Control.SetParameter(a, fader, -1);
        f.Control.Hub.Pump(Ms(30));
        Assert.Single(sub.Parameters); // due again at 40 ms
        f.Control.Hub.Pump(Ms(40));
        Assert.Equal(-1.0, sub.Parameters[^1].Value);
    }

    [Fact]
    public void Touches_reach_the_other_clients_without_rate_limiting_and_not_the_toucher()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var subA = new RecordingSubscriber();
        var subB = new RecordingSubscriber();
        using var ra = f.Control.Feedback.Subscribe(subA, Rates("a", a));
        using var rb = f.Control.Feedback.Subscribe(subB, Rates("b", b, parametersMs: 1000));
        var fader = f.Control.Resolve("track/DX 1/fader");
        f.Control.BeginTouch(a, fader);
        f.Control.Hub.Pump(Ms(0));
        f.Control.UnregisterClient(a);
        f.Control.Hub.Pump(Ms(1));
        Assert.Empty(subA.Touches);
        Assert.Equal([(fader.Slot, true, a), (fader.Slot, false, a)], subB.Touches.Select(t => (t.Parameter.Slot, t.Touched, t.Source)));
    }

    [Fact]
    public void The_transport_is_delivered_when_it_moves_at_most_at_the_transport_rate()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates("a", a));
        f.Control.Hub.Pump(Ms(0));
        f.Control.Play(a);
        f.Render(2);
        f.Control.Hub.Pump(Ms(20)); // transport due at 40 ms
        Assert.Single(sub.Transports);
        f.Control.Hub.Pump(Ms(40));
        Assert.Equal(2 * ControlFixture.Block, sub.Transports[^1].Position);
        f.Control.Stop(a);
        f.Render();
        f.Control.Hub.Pump(Ms(80));
        f.Control.Hub.Pump(Ms(120)); // stopped and unchanged: nothing new
        Assert.Equal(3, sub.Transports.Count);
        Assert.Equal(Session.TransportStateStopped, sub.Transports[^1].State);
    }

    [Fact]
    public void A_throwing_subscriber_is_reported_and_keeps_receiving()
    {
        var errors = new List<string>();
        using var f = new ControlFixture();
        var hub = new FeedbackHubOptions(TimeSpan.FromMilliseconds(5), OwnThread: false, OnSubscriberError: (name, e) => errors.Add($"{name}: {e.Message}"));
        using var control = new MixControl(f.Engine, hub);
        var a = control.RegisterClient("a");
        var thrower = new ThrowingSubscriber();
        using var _ = control.Feedback.Subscribe(thrower, Rates("bad surface", ControlClientId.None));
        control.Hub.Pump(Ms(0));
        control.SetParameter(a, "track/b/fader", -1);
        control.Hub.Pump(Ms(30));
        Assert.Equal(control.Descriptors.Count + 2, thrower.Calls); // the first sync (every value and the transport), then the change
        Assert.Equal(thrower.Calls, control.Hub.CallbackErrors);
        Assert.StartsWith("bad surface: boom", errors[0]);
    }

    [Fact]
    public void Steady_state_delivery_allocates_nothing()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var quiet = new QuietSubscriber();
        using var _ = f.Control.Feedback.Subscribe(quiet, Rates("b", b, parametersMs: 0));
        var fader = f.Control.Resolve("track/b/fader");
        f.Control.Play(a);
        double t = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                f.Control.SetParameter(a, fader, -(i % 40));
                if (i % 10 == 0) f.Control.BeginTouch(a, fader);
                if (i % 10 == 5) f.Control.EndTouch(a, fader);
                f.Render();
                t += 50;
                f.Control.Hub.Pump(Ms(t));
            }
        });
        Assert.Equal(0, bytes);
        Assert.True(quiet.Parameters > 1000);
        Assert.True(quiet.Transports > 1000);
    }

    [Fact]
    public void With_its_own_thread_the_hub_shows_each_client_the_others_changes()
    {
        using var f = new ControlFixture(hubThread: true);
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var subA = new RecordingSubscriber();
        var subB = new RecordingSubscriber();
        using var ra = f.Control.Feedback.Subscribe(subA, Rates("a", a));
        using var rb = f.Control.Feedback.Subscribe(subB, Rates("b", b));
        var fader = f.Control.Resolve("track/b/fader");
        var pan = f.Control.Resolve("track/b/pan/x");
        Assert.True(SpinWait.SpinUntil(() => subA.Parameters.Count == f.Control.Descriptors.Count && subB.Parameters.Count == f.Control.Descriptors.Count, TimeSpan.FromSeconds(10)));
        subA.Clear();
        subB.Clear();
        f.Control.SetParameter(a, fader, -20);
        f.Control.SetParameter(b, pan, 0.25);
        Assert.True(SpinWait.SpinUntil(() =>
            subB.Parameters.Any(p => p.Parameter.Slot == fader.Slot && p.Value == -20 && p.Source == a)
            && subA.Parameters.Any(p => p.Parameter.Slot == pan.Slot && p.Value == 0.25 && p.Source == b), TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(subA.Parameters, p => p.Source == a);
        Assert.DoesNotContain(subB.Parameters, p => p.Source == b);
    }

    private static double FaderTaperPosition(double db) => MixEngine.Session.FaderTaper.ToPosition(db);

    private static class Session
    {
        public const TransportState TransportStateStopped = TransportState.Stopped;
    }

    private sealed class ThrowingSubscriber : IFeedbackSubscriber
    {
        public int Calls;

        public void OnParameterChanged(in ParameterChange change) => Throw();

        public void OnTouchChanged(in TouchChange change) => Throw();

        public void OnTransport(in TransportSnapshot transport) => Throw();

        public void OnMeters(IMeterReadings meters) => Throw();

        private void Throw()
        {
            Calls++;
            throw new InvalidOperationException("boom");
        }
    }

    private sealed class QuietSubscriber : IFeedbackSubscriber
    {
        public int Parameters, Touches, Transports;

        public void OnParameterChanged(in ParameterChange change) => Parameters++;

        public void OnTouchChanged(in TouchChange change) => Touches++;

        public void OnTransport(in TransportSnapshot transport) => Transports++;

        public void OnMeters(IMeterReadings meters)
        {
        }
    }
}
