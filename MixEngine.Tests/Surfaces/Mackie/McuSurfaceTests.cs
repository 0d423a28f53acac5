using MixEngine.ControlPlane;
using MixEngine.Realtime;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static string Cell(byte device, int strip, int line, string seven) =>
        "SysEx F0000066" + device.ToString("X2") + "12" + (line * 0x38 + strip * 7).ToString("X2") + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(seven)) + "F7";

    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    [Fact]
    public async Task A_unit_announcing_itself_gets_its_full_state_byte_exact()
    {
        await using var f = new McuSurfaceFixture();
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F0000066140" + "0F7")); // Device Query while silent

        peer.Send(0xF0, 0x00, 0x00, 0x66, 0x14, 0x01, 0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05, 0x57, 0x18, 0x61, 0x05, 0xF7);
        string[] expected =
        [
            .. Enumerable.Range(0, 8).Select(s => $"SysEx F000006614200{s}03F7"), // meter mode: signal LED + peak hold
            Hex(0xE0, 0x00, 0x60), // Dialog 1 at 0 dB = 12288 (0x3000), LSB first
            Hex(0xE8, 0x00, 0x60), // master fader: bus pm at 0 dB
            Cell(0x14, 0, 0, "Dialg1 "),
            Cell(0x14, 7, 0, "Dialg8"), // strip 8 has no separator cell
            Cell(0x14, 0, 1, "C      "), // bottom line: the pan value
            Hex(0xB0, 0x30, 0x46), // pan centre: dot at 6 with the LED under the knob
            Hex(0xB0, 0x4B, 0x10), // assignment display "P1"
            Hex(0xB0, 0x4A, 0x31),
            Hex(0x90, 0x2A, 0x7F), // PAN key lit
            Hex(0x90, 0x2F, 0x7F), // bank right possible (13 strips, 8 shown)
            Hex(0x90, 0x10, 0x00), // every LED cleared first
            Hex(0xB0, 0x42, 0x70), // timecode 01:00:00:00, third digit from the right with its dot
            Hex(0xB0, 0x46, 0x71), // the hours' "1" with its dot
        ];
        var state = peer.CollectAll(expected);

        Assert.All(expected, item => Assert.Contains(item, state));
        Assert.Equal([true], f.Surface.Online);
    }

    [Fact]
    public async Task A_fader_move_is_applied_through_the_taper_and_echoed_even_when_it_repeats()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var fader = f.Handle("track/Dialog 1/fader");

        f.Peers[0].Send(0xE0, 0x00, 0x40); // 8192 = −10 dB on the taper
        Assert.Equal(Hex(0xE0, 0x00, 0x40), f.Peers[0].WaitFor(m => m.StartsWith("E0", StringComparison.Ordinal)));
        Assert.Equal(-10.0, f.Control.GetParameter(fader), 0.005); // 8192/16383 is a hair above the −10 dB point (0.5); one step there is 0.003 dB
        f.Peers[0].Send(0xE0, 0x00, 0x40);
        Assert.Equal(Hex(0xE0, 0x00, 0x40), f.Peers[0].WaitFor(m => m.StartsWith("E0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_touched_fader_drives_automation_touch_and_is_not_moved_by_another_client_until_released()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        var fader = f.Handle("track/Dialog 1/fader");
        var other = f.Control.RegisterClient("other");

        peer.Send(0x90, 0x68, 0x7F);
        Assert.True(Settles(() => f.Control.IsTouched(fader)));
        f.Control.SetParameter(other, fader, -20.0);
        Assert.NotNull(peer.WaitFor(m => m == Cell(0x14, 0, 1, "-20.0  "))); // the touched strip shows the fader's value
        Assert.True(Settles(() => f.Control.GetParameter(fader) == -20.0));
        Assert.DoesNotContain(peer.Collect(500), m => m.StartsWith("E0", StringComparison.Ordinal));

        peer.Send(0x90, 0x68, 0x00);
        Assert.Equal(Hex(0xE0, 0x33, 0x26), peer.WaitFor(m => m.StartsWith("E0", StringComparison.Ordinal))); // −20 dB = 4915 = 0x1333
        Assert.True(Settles(() => !f.Control.IsTouched(fader)));
    }

    [Fact]
    public async Task Mute_solo_and_select_keys_act_on_the_strip_and_light_from_engine_state()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0x90, 0x11, 0x7F, 0x90, 0x11, 0x00); // MUTE strip 2
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x11, 0x7F)));
        Assert.Equal(1.0, f.Control.GetParameter(f.Handle("track/Dialog 2/mute")));
        peer.Send(0x90, 0x08, 0x7F); // SOLO strip 1
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x08, 0x7F)));
        Assert.Equal(1.0, f.Control.GetParameter(f.Handle("track/Dialog 1/solo")));
        peer.Send(0x90, 0x1A, 0x7F); // SELECT strip 3
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x1A, 0x7F)));
        Assert.Equal(["track/Dialog 3"], f.Surface.Selected);

        f.Control.SetMute(f.Control.RegisterClient("other"), "track/Dialog 2", false); // another client: the LED follows the engine
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x11, 0x00)));
    }

    [Fact]
    public async Task Bank_and_channel_keys_move_the_strips_with_names_and_fader_positions_refreshed_and_the_last_bank_full()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        f.Control.SetParameter(f.Control.RegisterClient("other"), f.Handle("track/Dialog 6/fader"), -20.0);
        peer.Drain();

        peer.Send(0x90, 0x2F, 0x7F); // BANK right: 13 strips, so the last full bank starts at strip 6
        string[] expected =
        [
            Cell(0x14, 0, 0, "Dialg6 "),
            Hex(0xE0, 0x33, 0x26), // Dialog 6 at −20 dB
            Cell(0x14, 5, 0, "fx     "),
            Cell(0x14, 7, 0, "dlg   "),
            Hex(0x90, 0x2F, 0x00), // no bank further right
        ];
        var right = peer.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, right));
        Assert.Equal(5, f.Surface.Bank.Offset);

        peer.Send(0x90, 0x30, 0x7F); // CHANNEL left: one strip
        var left = peer.CollectAll([Cell(0x14, 0, 0, "Dialg5 "), Hex(0xE1, 0x33, 0x26)]);
        Assert.Contains(Cell(0x14, 0, 0, "Dialg5 "), left);
        Assert.Contains(Hex(0xE0, 0x33, 0x26), left.Where(m => m.StartsWith("E1", StringComparison.Ordinal)).Select(m => m.Replace("E1", "E0")));

        peer.Send(0x90, 0x2E, 0x7F); // BANK left
        Assert.NotNull(peer.WaitFor(m => m == Cell(0x14, 0, 0, "Dialg1 ")));
        Assert.Equal(0, f.Surface.Bank.Offset);
    }

    [Fact]
    public async Task Extenders_show_consecutive_strips_in_the_configured_order_whatever_order_their_ports_were_made()
    {
        await using var f = new McuSurfaceFixture(units: 2, unitOrder: ["loopback:mcu1/b", "loopback:mcu0/b"]);
        f.Online();
        var main = f.Peers[1];
        var extender = f.Peers[0];

        main.Send(0xE0, 0x00, 0x40);
        extender.Send(0xE0, 0x00, 0x40);
        Assert.NotNull(main.WaitFor(m => m == Hex(0xE0, 0x00, 0x40)));
        Assert.NotNull(extender.WaitFor(m => m == Hex(0xE0, 0x00, 0x40)));
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(f.Handle("track/Dialog 1/fader")) + 10.0) < 0.005)); // one 14-bit step: 0.003 dB
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(f.Handle("track/Dialog 9/fader")) + 10.0) < 0.005));
        Assert.Equal(0, f.Surface.Bank.Offset);
        Assert.Equal(["loopback:mcu1/b", "loopback:mcu0/b"], f.Surface.UnitIds);

        extender.Send(0xF0, 0x00, 0x00, 0x66, 0x15, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF7); // the extender power-cycles
        string[] expected =
        [
            Cell(0x15, 0, 0, "Dialg9 "),
            Cell(0x15, 4, 0, "dlg    "),
            Cell(0x15, 5, 0, "       "), // beyond the last strip: blank
        ];
        var resent = extender.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, resent));
        Assert.DoesNotContain(resent, m => m.StartsWith("E8", StringComparison.Ordinal)); // the master fader lives on the main unit
    }

    [Fact]
    public async Task Deleting_strips_while_banked_right_re_clamps_the_bank_and_folds_new_names()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        peer.Send(0x90, 0x2F, 0x7F);
        Assert.True(Settles(() => f.Surface.Bank.Offset == 5));
        peer.Drain();

        var edited = f.Session with { Tracks = [.. f.Session.Tracks.Take(6).Select((t, i) => i == 1 ? t with { Name = "Ève 2" } : t)] };
        f.Control.ApplySession(edited, f.Build);

        var after = peer.CollectAll([Cell(0x14, 0, 0, "Eve 2  "), Cell(0x14, 1, 0, "Dialg3 ")]);
        Assert.Equal(1, f.Surface.Bank.Offset); // 9 strips left: the last full bank starts at strip 2
        Assert.Contains(Cell(0x14, 0, 0, "Eve 2  "), after);
        Assert.Contains(Cell(0x14, 1, 0, "Dialg3 "), after); // was Dialog 7
    }

    [Fact]
    public async Task Non_ASCII_names_are_folded_on_the_scribble_strips_byte_for_byte()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        string[] names = ["Straße 1", "対話", "🎬 FX", "Ünder"];

        f.Control.ApplySession(f.Session with { Tracks = [.. f.Session.Tracks.Select((t, i) => i < names.Length ? t with { Name = names[i] } : t)] }, f.Build);

        string[] expected = [Cell(0x14, 0, 0, "Strss1 "), Cell(0x14, 1, 0, "__     "), Cell(0x14, 2, 0, "_ FX   "), Cell(0x14, 3, 0, "Under  ")];
        var after = peer.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, after));
    }

    [Fact]
    public async Task V_pots_turn_relatively_with_an_implied_touch_and_the_ring_follows()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        var pan = f.Handle("track/Dialog 1/pan/x");

        peer.Send(0xB0, 0x10, 0x05); // +5 ticks of 1/63
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xB0, 0x30, 0x07))); // round((0.5 + 5/63)·10) + 1 = 7, off centre
        Assert.Equal(2 * 5 / 63.0, f.Control.GetParameter(pan), 9);
        Assert.True(f.Control.IsTouched(pan));
        peer.Send(0xB0, 0x10, 0x45); // −5 ticks
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xB0, 0x30, 0x46)));
        Assert.Equal(0.0, f.Control.GetParameter(pan), 9);
        Assert.True(Settles(() => !f.Control.IsTouched(pan))); // the implied touch ends 500 ms after the last turn

        peer.Send(0xB0, 0x10, 0x45, 0x90, 0x20, 0x7F); // turn left, then push: back to the default
        Assert.True(Settles(() => f.Control.GetParameter(pan) == 0.0));
    }

    [Fact]
    public async Task Assignment_keys_page_through_eq_and_sends_and_flip_swaps_fader_and_pot()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0x90, 0x2C, 0x7F); // EQ: band 1 gain first
        string[] expected =
        [
            Hex(0xB0, 0x4B, 0x05), // "E1"
            Hex(0xB0, 0x30, 0x56), // 0 dB of −24 … +24: boost/cut at centre with the centre LED
            Hex(0xB0, 0x31, 0x00), // Dialog 2 has no EQ: ring off
        ];
        var eq = peer.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, eq));
        Assert.Equal("eq/1/gain", f.Surface.Pots.Parameter);
        peer.Send(0x90, 0x2C, 0x7F);
        Assert.True(Settles(() => f.Surface.Pots.Parameter == "eq/1/frequency"));

        peer.Send(0x90, 0x29, 0x7F); // SEND: the fx send level
        Assert.True(Settles(() => f.Surface.Pots.Parameter == "send/fx/level"));
        peer.Drain();
        peer.Send(0x90, 0x32, 0x7F); // FLIP: the fader drives the send, the pot the fader
        var flipped = peer.CollectAll([Hex(0x90, 0x32, 0x7F), Hex(0xE0, 0x00, 0x40)]);
        Assert.Contains(Hex(0x90, 0x32, 0x7F), flipped);
        var send = f.Handle("track/Dialog 1/send/fx/level");
        Assert.Contains(Hex(0xE0, 0x00, 0x40), flipped); // the send at −10 dB sits at 8192 on the fader taper
        peer.Send(0xE0, 0x33, 0x26);
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(send) + 20.0) < 0.005)); // 4915 is the nearest 14-bit step to −20 dB (0.003 dB per step)
        Assert.Equal(0.0, f.Control.GetParameter(f.Handle("track/Dialog 1/fader")));
    }

    [Fact]
    public async Task Transport_keys_play_and_stop_and_the_timecode_display_follows()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0x90, 0x5E, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x5E, 0x7F)));
        // 01:00:01:xx — seconds' units digit "1" with its dot: a second of audio, which a starved real-time engine may
        // take many seconds to render.
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xB0, 0x42, 0x71), timeoutMs: 30_000));
        peer.Send(0x90, 0x5D, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x5D, 0x7F)));
        Assert.True(Settles(() => f.Control.Transport.State == TransportState.Stopped));
    }

    [Fact]
    public async Task Meters_are_refreshed_about_every_100_ms_while_a_strip_has_signal()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        f.Control.Play(f.Control.RegisterClient("transport"));
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xD0, 0x0B)));

        // A −6 dBFS sine: segment B (−10 … −5 dB). The rate is judged by the median of 10 intervals between arrivals: a
        // loaded 2-core machine delays some rounds (one long interval, then a short one as the reader catches up), which
        // moves a few intervals but not the median. Refreshing every 50 ms tick or 40 ms value round would put it under
        // 80 ms (the hub never delivers sooner than 100 ms). The hub delivers only new readings, which the engine
        // publishes every 1/30 s of audio, so an interval is at most 100 ms plus one publication period on the wall
        // clock; a starved real-time engine renders far slower than the wall clock (down to 1/20 here), so its pace over
        // the same span sets that period. The median stays within 1.5 × that bound: 200 ms on a machine keeping real time.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long from = f.Control.Transport.Position;
        var arrivals = peer.ArrivalTimes(m => m == Hex(0xD0, 0x0B), 11, out var second);
        double audioPerWall = (f.Control.Transport.Position - from) / 48000.0 / clock.Elapsed.TotalSeconds;
        Assert.Equal(11, arrivals.Count);
        var intervals = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).Order().ToList();
        double median = intervals[intervals.Count / 2];
        double longest = 100.0 + 1000.0 / RealtimeEngineOptions.Default.MeterRateHz / Math.Min(1.0, audioPerWall);
        Assert.True(median >= 80.0 && median <= 1.5 * longest, $"median interval {median:F0} ms, allowed 80 … {1.5 * longest:F0} ms (engine at {audioPerWall:F2}× real time)");
        Assert.DoesNotContain(second, m => m == Hex(0xD0, 0x1B)); // strip 2 is silent: no level for it
    }

    [Fact]
    public async Task Unknown_and_malformed_input_is_counted_and_the_surface_keeps_working()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0xA0, 0x01, 0x02); // poly pressure means nothing on MCU
        peer.Send(0xF7); // an end of SysEx without a start
        peer.Send(0xE0, 0x00, 0x40);

        Assert.NotNull(peer.WaitFor(m => m == Hex(0xE0, 0x00, 0x40)));
        Assert.True(f.Surface.Unhandled >= 1);
        Assert.True(Settles(() => f.Surface.Malformed >= 1));
    }
}
