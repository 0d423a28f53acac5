using System.Globalization;
using MixEngine.Automation;
using MixEngine.Session;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>Motor faders following played automation, and the no-fighting rule (spec surfaces.md §1.4).</summary>
public class McuSurfacePlaybackTests
{
    private const string Fader = "track/Dialog 1/fader";

    /// <summary>A 20 s ramp from −60 dB to 0 dB: slow enough that a test sees it climb, fast enough that every 20 ms moves the 14-bit fader.</summary>
    private static readonly AutomationLane Ramp = new(Fader, new AutomationCurve([new AutomationPoint(0, -60), new AutomationPoint(48_000 * 20, 0)]), AutomationCurve.Empty);

    /// <summary>The 14-bit positions of fader <paramref name="channel"/> (pitch bend "E0 LL MM") among <paramref name="items"/>, in order.</summary>
    private static List<int> Positions(IEnumerable<string> items, int channel = 0) =>
        [.. items.Where(i => i.StartsWith($"E{channel:X} ", StringComparison.Ordinal))
            .Select(i => int.Parse(i[3..5], NumberStyles.HexNumber) | int.Parse(i[6..8], NumberStyles.HexNumber) << 7)];

    /// <summary>The positions from the first one near the lane's start (below −50 dB) on.</summary>
    private static List<int> Played(IEnumerable<string> items) => Played(Positions(items));

    private static List<int> Played(List<int> positions) => [.. positions.SkipWhile(p => Db(p) > -50)];

    private static double Db(int position) => FaderTaper.ToDecibels(FaderTaper.FromMidi14(position));

    [Fact]
    public async Task In_Read_the_motor_fader_follows_the_lane_a_touched_fader_is_never_moved_and_after_the_release_it_follows_again()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        var fader = f.Handle(Fader);
        f.Control.InstallAutomation(SessionAutomation.Empty.WithLane(Ramp), f.Build);
        var client = f.Control.RegisterClient("transport");
        f.Control.Play(client);

        // From the lane's start on (the full state sent on coming online may still be arriving before it).
        var following = Played(peer.CollectUntil(items => Played(Positions(items)).Distinct().Count() >= 5, tailMs: 0));
        Assert.True(following.Distinct().Count() >= 5, $"fader moves while the lane plays: {string.Join(", ", following)}");
        Assert.Equal(following.Order(), following); // the ramp climbs, so does the fader
        // The last moves are the lane's value at some played position: between the lane's start and its value now (±0.05 dB: 14-bit steps).
        double now = Ramp.ValueAt(f.Control.Transport.Position, 0);
        Assert.InRange(Db(following[^1]), -60.05, now + 0.05);

        peer.Send(0x90, 0x68, 0x7F); // touch fader 1
        Assert.True(SpinWait.SpinUntil(() => f.Control.IsTouched(fader), 10_000));
        peer.Send(0xE0, 0x00, 0x40); // the hand moves it to 8192
        var echoed = peer.CollectThrough(m => Positions([m]) is [var p] && Math.Abs(p - 0x2000) <= 1);
        Assert.NotEmpty(echoed); // the servo rule: the move is echoed with the value set
        var held = peer.Collect(600); // absence: a fixed window is fine
        Assert.Empty(Positions(held)); // no fighting: the engine never moves a touched fader, though the lane keeps playing
        Assert.Equal(FaderTaper.FromMidi14(0x2000), f.Control.GetNormalized(fader), 1e-9); // the hand's value is the one set (1e-9: taper round trip)
        Assert.True(f.Control.GetShownValue(fader) < -20, "in Read the lane, not the hand, is what plays and shows");

        peer.Send(0x90, 0x68, 0x00); // release
        var after = Positions(peer.CollectUntil(items => Positions(items).Distinct().Count() >= 3, tailMs: 0));
        Assert.True(after.Distinct().Count() >= 3, $"fader moves after the release: {string.Join(", ", after)}");
        double resumed = Db(following[^1]) - 0.05;
        Assert.All(after, p => Assert.InRange(Db(p), resumed, -20.0)); // back on the ramp, far below the hand's 8192
        Assert.Equal(after.Order(), after);
        Assert.Equal(FaderTaper.FromMidi14(0x2000), f.Control.GetNormalized(fader), 1e-9); // nothing played was set back
    }

    /// <summary>HUI fader 1 positions: each "B0 00 hi" followed by its "B0 20 lo".</summary>
    private static List<int> HuiPositions(IEnumerable<string> items)
    {
        var positions = new List<int>();
        int hi = -1;
        foreach (string item in items)
        {
            if (item.StartsWith("B0 00 ", StringComparison.Ordinal)) hi = int.Parse(item[6..8], NumberStyles.HexNumber);
            else if (item.StartsWith("B0 20 ", StringComparison.Ordinal) && hi >= 0)
            {
                positions.Add(hi << 7 | int.Parse(item[6..8], NumberStyles.HexNumber));
                hi = -1;
            }
        }
        return positions;
    }

    [Fact]
    public async Task On_HUI_the_fader_follows_the_lane_is_not_moved_while_touched_and_follows_again_after_the_release()
    {
        var hui = new McuSurfaceOptions { HuiPorts = ["loopback:mcu0/b"], HuiPingInterval = TimeSpan.FromMilliseconds(200), HuiTimeout = TimeSpan.FromSeconds(30) };
        await using var f = new McuSurfaceFixture(options: hui);
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == "90 00 00")); // ping
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001000", StringComparison.Ordinal))); // the full state
        var fader = f.Handle(Fader);
        f.Control.InstallAutomation(SessionAutomation.Empty.WithLane(Ramp), f.Build);
        f.Control.Play(f.Control.RegisterClient("transport"));

        List<int> Playing(IEnumerable<string> items) => [.. HuiPositions(items).SkipWhile(p => Db(p) > -50)];
        var following = Playing(peer.CollectUntil(items => Playing(items).Distinct().Count() >= 5, tailMs: 0));
        Assert.True(following.Distinct().Count() >= 5, $"fader moves while the lane plays: {string.Join(", ", following)}");
        Assert.Equal(following.Order(), following);

        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x40); // zone 0 port 0 pressed: fader 1 touched
        Assert.True(SpinWait.SpinUntil(() => f.Control.IsTouched(fader), 10_000));
        peer.Send(0xB0, 0x00, 0x40, 0xB0, 0x20, 0x00); // the hand moves it to 8192
        Assert.Contains(0x2000, HuiPositions(peer.CollectUntil(items => HuiPositions(items).Contains(0x2000), tailMs: 0))); // echoed (hi/lo) with the value set
        Assert.Empty(HuiPositions(peer.Collect(600))); // no fighting while touched (absence: fixed window)

        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x00); // released
        var after = HuiPositions(peer.CollectUntil(items => HuiPositions(items).Distinct().Count() >= 3, tailMs: 0));
        Assert.True(after.Distinct().Count() >= 3, $"fader moves after the release: {string.Join(", ", after)}");
        Assert.All(after, p => Assert.InRange(Db(p), Db(following[^1]) - 0.05, -20.0));
    }
}
