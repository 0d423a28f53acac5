using MixEngine.Automation;
using MixEngine.Devices;
using MixEngine.Surfaces.Osc;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>OSC clients following played automation, and a client holding the fader not being fought.</summary>
public class OscSurfacePlaybackTests
{
    private const string Fader = "track/DX 1/fader";
    private const string Watched = "/mixengine/param/track/DX%201/fader";

    /// <summary>A 20 s ramp from −60 dB to 0 dB (3 dB/s: every 20 ms of feedback moves it).</summary>
    private static readonly AutomationLane Ramp = new(Fader, new AutomationCurve([new AutomationPoint(0, -60), new AutomationPoint(48_000 * 20, 0)]), AutomationCurve.Empty);

    private static bool IsFader(OscMessage m) => m.Address == "/strip/fader" && m.Arguments.Count == 2 && m.Arguments[0].AsNumber == 1;

    private static double ValueOf(OscMessage m) => m.Arguments[^1].AsNumber!.Value;

    [Fact]
    public async Task Registered_clients_see_the_fader_and_the_watched_parameter_follow_played_automation_except_the_client_holding_it()
    {
        await using var f = new OscSurfaceFixture(pace: NullClockPace.RealTime);
        using var watcher = f.Peer();
        using var holder = f.Peer();
        foreach (var peer in new[] { watcher, holder })
        {
            peer.Send("/set_surface", Int32(0), Int32(159), Int32(3), Int32(1));
            Assert.NotNull(peer.WaitFor(IsFader));
            peer.Send(Watched);
            Assert.NotNull(peer.WaitFor(m => m.Address == Watched));
        }
        var control = f.Control.Control;
        var fader = control.Resolve(Fader);
        double set = control.GetParameter(fader);
        control.InstallAutomation(SessionAutomation.Empty.WithLane(Ramp), f.Control.Build);
        control.Play(control.RegisterClient("transport"));

        // From the lane's start on (the client is sent the full state again when the session changes, before the lane plays).
        List<double> Positions(List<OscMessage> got) => [.. got.Where(IsFader).Select(ValueOf).SkipWhile(v => v > 0.1)];
        List<double> Decibels(List<OscMessage> got) => [.. got.Where(m => m.Address == Watched).Select(ValueOf).SkipWhile(v => v > -50)];
        var fed = watcher.CollectUntil(got => Positions(got).Count >= 5 && Decibels(got).Count >= 5);
        var positions = Positions(fed);
        var decibels = Decibels(fed);
        Assert.True(positions.Count >= 5 && decibels.Count >= 5, $"{positions.Count} fader and {decibels.Count} parameter values");
        // The ramp climbs at every value: a played value is sent as shown when it is sent, so the full state re-sent for
        // the session change (another thread) cannot be followed by an older played value the hub read before it.
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(decibels.Order(), decibels);
        Assert.True(positions[^1] > positions[0] && decibels[^1] > decibels[0], "the values climb with the ramp");
        Assert.All(decibels, v => Assert.InRange(v, -60.0, 0.0));

        holder.Send("/strip/fader/touch", Int32(1), Float32(1));
        Assert.True(SpinWait.SpinUntil(() => control.IsTouched(fader), 10_000));
        holder.Send("/mixengine/param/track/b/fader"); // a query answered after everything sent to the holder before its touch
        Assert.NotEmpty(holder.CollectUntil(got => got.Any(m => m.Address == "/mixengine/param/track/b/fader")));
        var sinceHeld = watcher.CollectUntil(got => got.Count(IsFader) >= 3); // the lane keeps playing to the others ...
        Assert.True(sinceHeld.Count(IsFader) >= 3);
        Assert.DoesNotContain(holder.Collect(600), IsFader); // ... and nothing reaches the finger on the fader (absence: fixed window)

        holder.Send("/strip/fader/touch", Int32(1), Float32(0));
        var released = holder.CollectUntil(got => got.Count(IsFader) >= 2);
        Assert.True(released.Count(IsFader) >= 2, "after the release the fader follows the lane again");
        Assert.Equal(set, control.GetParameter(fader)); // exact: nothing played was set back
    }
}
