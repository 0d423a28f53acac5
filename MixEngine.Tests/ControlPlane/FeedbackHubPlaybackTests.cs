using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Realtime;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

/// <summary>The feedback hub showing what automation plays (<see cref="PlayedValues"/>) without setting anything back.</summary>
public class FeedbackHubPlaybackTests
{
    private const string Fader = "track/DX 1/fader";
    private static readonly AutomationLane Ramp = new(Fader, new AutomationCurve([new AutomationPoint(0, -40), new AutomationPoint(ControlFixture.Length, 0)]), AutomationCurve.Empty);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static FeedbackRates Rates(ControlClientId client, double parametersMs = 20) =>
        new("sub", Ms(parametersMs), Ms(40), FeedbackRates.Never, client);

    /// <summary>The fixture with the ramp lane on DX 1's fader installed (in <paramref name="mode"/>) and swapped in.</summary>
    private static ControlFixture Fixture(AutomationMode mode = AutomationMode.Read)
    {
        var f = new ControlFixture();
        var automation = SessionAutomation.Empty.WithLane(Ramp).WithMode("track/DX 1", new AutomationModeSetting(mode));
        f.Control.InstallAutomation(automation, f.Build);
        f.Render();
        f.Engine.CollectRetired();
        return f;
    }

    private static List<ParameterChange> Of(RecordingSubscriber sub, ParameterHandle h) =>
        sub.Parameters.Where(p => p.Parameter.Slot == h.Slot).ToList();

    [Fact]
    public void In_Read_subscribers_see_the_played_ramp_and_nothing_is_set_back_into_the_board_the_engine_or_the_lanes()
    {
        using var f = Fixture();
        var a = f.Control.RegisterClient("a");
        var fader = f.Control.Resolve(Fader);
        double requested = f.Control.GetParameter(fader);
        var sub = new RecordingSubscriber();
        var moves = new RecordingSubscriber();
        using var live = new LiveAutomation(f.Control, f.Build);
        using var registration = f.Control.AddMoveSink(moves);
        using var subscription = f.Control.Feedback.Subscribe(sub, Rates(a));
        var lanes = f.Control.Session.Automation.Lanes;
        f.Control.Play(a);
        var shown = new List<double>();
        for (int t = 0; t < 40; t++)
        {
            f.Render(10);
            f.Control.Hub.Pump(Ms(t * 20));
            long last = f.Control.Transport.Position - 1;
            var change = Of(sub, fader).Last();
            // 1e-9: the cursor and the curve interpolate the same two points, linear in dB.
            Assert.Equal(Ramp.ValueAt(last, 0), change.Value, 1e-9);
            Assert.Equal((ParameterOrigin.Played, ControlClientId.None), (change.Origin, change.Source));
            Assert.Equal(change.Value, f.Control.GetShownValue(fader));
            shown.Add(change.Value);
        }
        Assert.Equal(40, shown.Distinct().Count());
        Assert.Equal(shown.Order(), shown);
        f.Control.Stop(a);
        f.Render();
        f.Control.Hub.Pump(Ms(1_000));
        Assert.Equal(requested, f.Control.GetParameter(fader)); // exact: the board still holds the value set (the session's)
        Assert.Equal(0, f.Control.Values.VersionOf(fader.Slot));
        Assert.DoesNotContain(moves.Moves, m => m.Kind == ControlMoveKind.Value);
        Assert.Equal(0, live.UndoCount);
        Assert.Same(lanes, f.Control.Session.Automation.Lanes);
    }

    [Fact]
    public void A_played_automation_interval_limits_how_often_played_values_reach_a_subscriber()
    {
        using var f = Fixture();
        var a = f.Control.RegisterClient("a");
        var fader = f.Control.Resolve(Fader);
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates(a, parametersMs: 0) with { PlayedAutomation = Ms(100) });
        f.Control.Hub.Pump(Ms(0));
        sub.Clear();
        f.Control.Play(a);
        for (int t = 1; t <= 100; t++)
        {
            f.Render();
            f.Control.Hub.Pump(Ms(t * 10));
        }
        // One delivery every 100 ms over 1 s of pumping (every 10 ms, each after a changed period): exactly 10.
        Assert.Equal(10, Of(sub, fader).Count);
    }

    [Fact]
    public void A_control_holding_the_lane_in_Touch_is_what_the_others_see_and_after_the_release_they_follow_the_lane_again()
    {
        using var f = Fixture(AutomationMode.Touch);
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var fader = f.Control.Resolve(Fader);
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates(b));
        f.Control.Play(a);
        f.Render(4);
        f.Control.Hub.Pump(Ms(0));
        Assert.Equal(ParameterOrigin.Played, Of(sub, fader).Last().Origin);
        sub.Clear();
        f.Control.BeginTouch(a, fader, -6);
        f.Render(4);
        f.Control.Hub.Pump(Ms(20));
        var held = Assert.Single(Of(sub, fader));
        Assert.Equal((-6.0, a, ParameterOrigin.Set), (held.Value, held.Source, held.Origin)); // exact: a's value
        Assert.Equal(-6.0, f.Control.GetShownValue(fader));
        f.Control.SetParameter(a, fader, -5);
        f.Render(4);
        f.Control.Hub.Pump(Ms(40));
        Assert.Equal((-5.0, ParameterOrigin.Set), (Of(sub, fader).Last().Value, Of(sub, fader).Last().Origin));
        sub.Clear();
        f.Control.EndTouch(a, fader);
        double t = 40;
        Assert.True(SpinWait.SpinUntil(() =>
        {
            f.Render(4);
            f.Control.Hub.Pump(Ms(t += 20));
            return Of(sub, fader).Count(c => c.Origin == ParameterOrigin.Played) >= 3;
        }, 10_000));
        var glide = Of(sub, fader).Where(c => c.Origin == ParameterOrigin.Played).Select(c => c.Value).ToList();
        Assert.All(glide, v => Assert.InRange(v, -40.0, -5.0));
        Assert.Equal(glide.OrderDescending(), glide); // gliding down from −5 dB towards the lane near −40 dB
    }

    [Fact]
    public void When_a_lane_stops_playing_the_value_set_shows_again_even_to_the_client_that_set_it()
    {
        using var f = Fixture();
        var a = f.Control.RegisterClient("a");
        var fader = f.Control.Resolve(Fader);
        f.Control.SetParameter(a, fader, -7);
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates(a));
        f.Control.Play(a);
        f.Render(4);
        f.Control.Hub.Pump(Ms(0));
        Assert.Equal(ParameterOrigin.Played, Of(sub, fader).Last().Origin);
        f.Control.SetAutomationMode(a, "track/DX 1", new AutomationModeSetting(AutomationMode.Off));
        f.Control.InstallAutomation(f.Control.Session.Automation, f.Build);
        f.Render(2);
        f.Control.Hub.Pump(Ms(100));
        var last = Of(sub, fader).Last();
        Assert.Equal((-7.0, ParameterOrigin.Set), (last.Value, last.Origin)); // exact: the value set
        Assert.Equal(-7.0, f.Control.GetShownValue(fader));
    }

    [Fact]
    public void Delivering_played_values_allocates_nothing_in_steady_state()
    {
        using var f = Fixture();
        var a = f.Control.RegisterClient("a");
        var counter = new CountingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(counter, Rates(a, parametersMs: 0));
        f.Control.Play(a);
        double t = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                f.Render();
                f.Control.Hub.Pump(Ms(t += 5));
            }
        });
        Assert.Equal(0, bytes);
        Assert.True(counter.Played >= 300, $"{counter.Played} played deliveries"); // every pump of the warm-up and measured runs
    }

    private sealed class CountingSubscriber : IFeedbackSubscriber
    {
        public int Played { get; private set; }

        public void OnParameterChanged(in ParameterChange change)
        {
            if (change.Origin == ParameterOrigin.Played) Played++;
        }

        public void OnTouchChanged(in TouchChange change)
        {
        }

        public void OnTransport(in TransportSnapshot transport)
        {
        }

        public void OnMeters(IMeterReadings meters)
        {
        }
    }
}
