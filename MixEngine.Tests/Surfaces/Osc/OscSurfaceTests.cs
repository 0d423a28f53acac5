using MixEngine.ControlPlane;
using MixEngine.Surfaces.Osc;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscSurfaceTests
{
    private static bool Is(OscMessage m, string address, int ssid) =>
        m.Address == address && m.Arguments.Count == 2 && m.Arguments[0].AsNumber == ssid;

    private static double ValueOf(OscMessage m) => m.Arguments[^1].AsNumber!.Value;

    [Fact]
    public async Task A_fader_set_by_one_client_is_read_back_and_reaches_a_second_client_but_is_not_echoed_to_the_toucher()
    {
        await using var f = new OscSurfaceFixture();
        using var mover = f.Peer();
        using var watcher = f.Peer();
        foreach (var peer in new[] { mover, watcher })
        {
            peer.Send("/set_surface", Int32(0), Int32(159), Int32(3), Int32(1));
            Assert.NotNull(peer.WaitFor(m => Is(m, "/strip/fader", 1)));
            peer.Drain();
        }

        mover.Send("/strip/fader/touch", Int32(1), Float32(1));
        mover.Send("/strip/fader", Int32(1), Float32(0.5f));

        var fed = watcher.WaitFor(m => Is(m, "/strip/fader", 1));
        Assert.NotNull(fed);
        Assert.Equal(0.5, ValueOf(fed), 6); // float32 on the wire: 1e-6
        var fader = f.Control.Control.Resolve("track/DX 1/fader");
        Assert.Equal(0.5, f.Control.Control.GetNormalized(fader), 6);
        Assert.True(f.Control.Control.IsTouched(fader));
        Assert.DoesNotContain(mover.Collect(500), m => Is(m, "/strip/fader", 1) || Is(m, "/strip/gain", 1));

        watcher.Send("/strip/fader", Int32(1), Float32(0.25f));
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(f.Control.Control.GetNormalized(fader) - 0.25) < 1e-6, 10_000));
        Assert.DoesNotContain(mover.Collect(500), m => Is(m, "/strip/fader", 1)); // a held fader is never moved under the finger
        mover.Send("/strip/fader/touch", Int32(1), Float32(0));
        Assert.Equal(0.25, ValueOf(mover.WaitFor(m => Is(m, "/strip/fader", 1))!), 6); // on release it catches up with the current value
    }

    [Fact]
    public async Task Banking_moves_the_strips_a_client_sees_and_reports_whether_further_banks_exist()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send("/set_surface", Int32(2), Int32(159), Int32(3), Int32(1));
        Assert.Equal("DX 1", peer.WaitFor(m => Is(m, "/strip/name", 1))!.Arguments[1].AsString);
        peer.Drain();
        peer.Send("/bank_up", Float32(1));
        var after = peer.CollectUntil(got => got.Any(m => Is(m, "/strip/name", 1)) && got.Any(m => Is(m, "/strip/name", 2))
            && got.Any(m => m.Address == "/bank_up") && got.Any(m => m.Address == "/bank_down"));

        Assert.Contains(after, m => Is(m, "/strip/name", 1) && m.Arguments[1].AsString == "pm");
        Assert.Contains(after, m => Is(m, "/strip/name", 2) && m.Arguments[1].AsString == "dlg");
        Assert.Contains(after, m => m.Address == "/bank_up" && ValueOf(m) == 0);
        Assert.Contains(after, m => m.Address == "/bank_down" && ValueOf(m) == 1);
        peer.Send("/strip/mute", Int32(1), Int32(1));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.GetParameter(f.Control.Control.Resolve("bus/pm/mute")) == 1.0, 10_000));
    }

    [Fact]
    public async Task Refresh_resends_every_name_and_value_of_the_bank()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        peer.Send("/set_surface", Int32(4), Int32(159), Int32(3), Int32(2));
        Assert.NotNull(peer.WaitFor(m => Is(m, "/strip/name", 4)));
        peer.Drain();

        peer.Send("/refresh");
        var state = peer.CollectUntil(got => Enumerable.Range(1, 4).All(ssid =>
            got.Any(m => Is(m, "/strip/name", ssid)) && got.Any(m => Is(m, "/strip/fader", ssid)) && got.Any(m => Is(m, "/strip/mute", ssid)))
            && got.Any(m => Is(m, "/strip/gain", 2)));

        for (int ssid = 1; ssid <= 4; ssid++)
        {
            Assert.Contains(state, m => Is(m, "/strip/name", ssid));
            Assert.Contains(state, m => Is(m, "/strip/fader", ssid));
            Assert.Contains(state, m => Is(m, "/strip/mute", ssid));
        }
        Assert.Equal(-6.0, ValueOf(state.First(m => Is(m, "/strip/gain", 2))), 6); // track b's fader is −6 dB in the session
    }

    [Fact]
    public async Task An_unknown_address_and_a_bad_argument_get_error_replies_naming_the_address_and_the_expectation()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send("/no/such/thing", Float32(1));
        var unknown = peer.WaitFor(m => m.Address == "/mixengine/error");
        peer.Send("/strip/fader", Int32(1), String("loud"));
        var bad = peer.WaitFor(m => m.Address == "/mixengine/error");

        Assert.Equal("/no/such/thing", unknown!.Arguments[0].AsString);
        Assert.Contains("unknown address", unknown.Arguments[1].AsString);
        Assert.Equal("/strip/fader", bad!.Arguments[0].AsString);
        Assert.Contains("expected a position 0 … 1", bad.Arguments[1].AsString);
        Assert.Equal(2, f.Surface.Errors);
    }

    [Fact]
    public async Task Recenable_arms_the_printed_bus_reaches_other_clients_and_is_refused_on_a_track_naming_the_bus_to_arm()
    {
        await using var f = new OscSurfaceFixture();
        using var armer = f.Peer();
        using var watcher = f.Peer();
        foreach (var peer in new[] { armer, watcher })
        {
            peer.Send("/set_surface", Int32(0), Int32(159), Int32(1), Int32(1));
            Assert.Equal(0.0, ValueOf(peer.WaitFor(m => Is(m, "/strip/recenable", 3))!)); // strip 3 is bus pm: not armed yet
            peer.Drain();
        }

        armer.Send("/strip/recenable", Int32(3), Float32(1));
        Assert.Equal(1.0, ValueOf(watcher.WaitFor(m => Is(m, "/strip/recenable", 3))!));
        Assert.Equal(["bus/pm"], f.Control.Control.RecordArm.Armed);
        Assert.DoesNotContain(armer.Collect(400), m => Is(m, "/strip/recenable", 3)); // no echo to the sender
        armer.Send("/strip/recenable", Int32(1), Float32(1));
        var refused = armer.WaitFor(m => m.Address == "/mixengine/error");

        Assert.Equal("/strip/recenable", refused!.Arguments[0].AsString);
        Assert.Contains("arm the printed bus it feeds, bus/pm", refused.Arguments[1].AsString);
        Assert.Equal(["bus/pm"], f.Control.Control.RecordArm.Armed);
    }

    [Fact]
    public async Task A_client_sending_values_without_touch_holds_an_implied_touch_that_ends_after_the_timeout()
    {
        await using var f = new OscSurfaceFixture(new OscSurfaceOptions { TouchTimeout = TimeSpan.FromMilliseconds(300) });
        using var peer = f.Peer();
        var fader = f.Control.Control.Resolve("track/b/fader");

        peer.Send("/strip/gain", Int32(2), Float32(-12));

        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.IsTouched(fader), 10_000));
        // The client begins the implied touch just before it sets the value, so the value is waited for, not read at once
        // (run alone, with nothing compiled yet, the test saw the touch while the fader still held its session value).
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.GetParameter(fader) == -12.0, 10_000));
        Assert.True(SpinWait.SpinUntil(() => !f.Control.Control.IsTouched(fader), 10_000));
    }

    [Fact]
    public async Task A_client_that_stops_sending_is_expired_and_its_touches_are_released()
    {
        await using var f = new OscSurfaceFixture(new OscSurfaceOptions { ClientTimeout = TimeSpan.FromMilliseconds(400) });
        using var peer = f.Peer();
        var fader = f.Control.Control.Resolve("track/DX 1/fader");

        peer.Send("/strip/fader/touch", Int32(1), Int32(1));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.IsTouched(fader), 10_000));

        Assert.True(SpinWait.SpinUntil(() => f.Surface.Expired == 1, 10_000));
        Assert.Equal(0, f.Surface.ClientCount);
        Assert.False(f.Control.Control.IsTouched(fader));
    }

    [Fact]
    public async Task A_parameter_set_in_the_mixengine_namespace_reaches_a_client_watching_it()
    {
        await using var f = new OscSurfaceFixture();
        using var setter = f.Peer();
        using var watcher = f.Peer();
        watcher.Send("/mixengine/param/track/DX%201/pan/x");
        Assert.Equal(0.0, ValueOf(watcher.WaitFor(m => m.Address == "/mixengine/param/track/DX%201/pan/x")!));

        setter.Send("/mixengine/param/track/DX 1/pan/x", Float32(-0.25f));

        Assert.Equal(-0.25, ValueOf(watcher.WaitFor(m => m.Address == "/mixengine/param/track/DX%201/pan/x")!), 6); // float32: 1e-6
        Assert.Equal(-0.25, f.Control.Control.GetParameter(f.Control.Control.Resolve("track/DX 1/pan/x")), 6);
    }

    [Fact]
    public async Task A_bundle_with_a_future_time_tag_is_applied_at_its_time_not_on_arrival()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var mute = f.Control.Control.Resolve("track/b/mute");
        var due = DateTime.UtcNow.AddMilliseconds(600);

        peer.Send(new OscBundle(OscTimeTag.FromDateTime(due), new OscMessage("/mixengine/param/track/b/mute", Int32(1))));

        Assert.True(SpinWait.SpinUntil(() => f.Surface.Schedule.Count == 1, 10_000));
        Assert.Equal(0.0, f.Control.Control.GetParameter(mute));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.GetParameter(mute) == 1.0, 10_000));
        // The transport is stopped, so the system clock decides; the tick is 5 ms, so it cannot apply early.
        Assert.True(DateTime.UtcNow >= due, $"applied before its time tag ({(due - DateTime.UtcNow).TotalMilliseconds} ms early)");
    }

    [Fact]
    public async Task Transport_addresses_drive_the_transport_and_locate_moves_the_playhead()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send("/locate", Int32(4800), Int32(0));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.Position == 4800, 10_000));
        peer.Send("/transport_play", Float32(1));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Playing, 10_000));
        peer.Send("/transport_stop", Float32(0));
        peer.Send("/transport_stop");
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Stopped, 10_000));
    }

    [Fact]
    public async Task An_address_pattern_is_dispatched_to_every_strip_of_the_bank_it_matches()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        peer.Send("/set_surface", Int32(2), Int32(159), Int32(3), Int32(0));
        Assert.NotNull(peer.WaitFor(m => Is(m, "/strip/name", 2)));
        var mutes = new[] { "track/DX 1/mute", "track/b/mute", "bus/pm/mute" }.Select(f.Control.Control.Resolve).ToArray();

        peer.Send("/strip/mute/*", Int32(1));

        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.GetParameter(mutes[0]) == 1.0 && f.Control.Control.GetParameter(mutes[1]) == 1.0, 10_000));
        Assert.Equal(0.0, f.Control.Control.GetParameter(mutes[2])); // bus pm is in the next bank: strip ids match only inside the bank
        Assert.Equal(0, f.Surface.Errors);
    }

    [Fact]
    public async Task A_brace_list_of_parameter_addresses_sets_each_of_them()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var faders = new[] { "track/DX 1/fader", "track/b/fader" }.Select(f.Control.Control.Resolve).ToArray();

        peer.Send("/mixengine/param/track/{DX 1,b}/fader", Float32(-10));

        Assert.True(SpinWait.SpinUntil(() => faders.All(h => f.Control.Control.GetParameter(h) == -10.0), 10_000));
        Assert.Equal(0.0, f.Control.Control.GetParameter(f.Control.Control.Resolve("bus/pm/fader")));
    }

    [Fact]
    public async Task A_pattern_matching_nothing_gets_an_error_reply_naming_it()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send("/mixengine/param/track/{x,y}/fader", Float32(-10));

        var error = peer.WaitFor(m => m.Address == "/mixengine/error");
        Assert.Equal("/mixengine/param/track/{x,y}/fader", error!.Arguments[0].AsString);
        Assert.Contains("matches no address", error.Arguments[1].AsString);
    }

    [Fact]
    public async Task A_tcp_client_is_unregistered_and_its_touches_released_when_its_connection_closes()
    {
        await using var f = new OscSurfaceFixture();
        var tcp = f.Surface.StartTcp(new OscListenerOptions { Port = 0 });
        var fader = f.Control.Control.Resolve("track/DX 1/fader");
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(tcp.LocalEndPoint);
            var packet = OscCodec.Encode(new OscMessage("/strip/fader/touch", Int32(1), Int32(1)));
            var frame = new byte[packet.Length + 4];
            OscLengthPrefixFraming.Encode(packet, frame);
            await client.GetStream().WriteAsync(frame);
            Assert.True(SpinWait.SpinUntil(() => f.Control.Control.IsTouched(fader), 10_000));
            Assert.Equal(1, f.Surface.ClientCount);
        }

        Assert.True(SpinWait.SpinUntil(() => f.Surface.Disconnected == 1, 10_000));
        Assert.Equal(0, f.Surface.ClientCount);
        Assert.False(f.Control.Control.IsTouched(fader));
        Assert.Equal(0, f.Surface.Expired);
    }

    [Theory]
    [InlineData(MixEngine.Session.FaderTaper.UnityPosition, 0.0)]
    [InlineData(1.0, 12.0)]
    [InlineData(0.0, double.NegativeInfinity)]
    public async Task A_fader_position_maps_through_the_shared_fader_taper(double position, double decibels)
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var fader = f.Control.Control.Resolve("track/b/fader");

        peer.Send("/strip/fader", Int32(2), Float64(position));

        // Sent as float64, so the position is exact; 1e-9 dB covers the taper's own rounding.
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.GetParameter(fader) is var db && (db == decibels || Math.Abs(db - decibels) < 1e-9), 10_000),
            $"fader at {f.Control.Control.GetParameter(fader)} dB");
    }
}
