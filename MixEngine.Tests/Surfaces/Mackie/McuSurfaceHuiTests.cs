using MixEngine.ControlPlane;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceHuiTests
{
    private static readonly McuSurfaceOptions Hui = new()
    {
        HuiPorts = ["loopback:mcu0/b"],
        HuiPingInterval = TimeSpan.FromMilliseconds(200),
        HuiTimeout = TimeSpan.FromSeconds(30), // the peer answers one ping only; a loaded machine must not time it out mid-test
    };

    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    /// <summary>Answers pings until the full state has arrived (the strip 1 name on its small display), then drains.</summary>
    private static void Online(McuPeer peer)
    {
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x00, 0x00)));
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001000", StringComparison.Ordinal)));
        peer.Drain();
    }

    [Fact]
    public async Task The_host_pings_a_HUI_unit_and_its_reply_brings_the_full_state()
    {
        await using var f = new McuSurfaceFixture(options: Hui with { MasterStrip = "bus/pm" });
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x00, 0x00))); // the keep-alive

        peer.Send(0x90, 0x00, 0x7F);
        string[] expected =
        [
            "SysEx F000006605001000" + Convert.ToHexString("Dlg1"u8) + "F7", // strip 1's 4-character display
            Hex(0xB0, 0x00, 0x60), Hex(0xB0, 0x20, 0x00), Hex(0xB0, 0x10, 0x46),
            "SysEx F0000066050011" + "0000100010001100" + "F7",
        ];
        var state = peer.CollectAll(expected);

        Assert.Contains(expected[0], state);
        int hi = state.IndexOf(Hex(0xB0, 0x00, 0x60)); // Dialog 1 at 0 dB: 12288 = hi 60, lo 00
        Assert.True(hi >= 0);
        Assert.Equal(Hex(0xB0, 0x20, 0x00), state[hi + 1]);
        Assert.Contains(Hex(0xB0, 0x10, 0x46), state); // pan ring, centre
        Assert.Contains("SysEx F0000066050011" + "0000100010001100" + "F7", state); // time 01:00:00:00, right to left, dots as +10
        Assert.DoesNotContain(state, m => m.StartsWith("E8", StringComparison.Ordinal) || m.StartsWith("D0", StringComparison.Ordinal)); // no MCU bytes
        Assert.Equal([true], f.Surface.Online);
    }

    [Fact]
    public async Task A_silent_HUI_unit_goes_offline_and_gets_everything_again_when_it_answers()
    {
        await using var f = new McuSurfaceFixture(options: Hui with { HuiTimeout = TimeSpan.FromMilliseconds(700) });
        var peer = f.Peers[0];
        Online(peer);

        Assert.True(Settles(() => !f.Surface.Online[0])); // no reply for 700 ms
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F000006605001000" + Convert.ToHexString("Dlg1"u8) + "F7"));
    }

    [Fact]
    public async Task Fader_touch_and_hi_lo_moves_drive_the_strip_and_are_echoed()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);
        var fader = f.Handle("track/Dialog 1/fader");

        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x40); // zone 0 port 0 pressed: fader 1 touched
        Assert.True(Settles(() => f.Control.IsTouched(fader)));
        peer.Send(0xB0, 0x00, 0x40, 0xB0, 0x20, 0x00); // hi then lo: 8192 = −10 dB
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xB0, 0x00, 0x40)));
        Assert.Equal(-10.0, f.Control.GetParameter(fader), 0.005); // one 14-bit step: 0.003 dB
        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x00);
        Assert.True(Settles(() => !f.Control.IsTouched(fader)));
    }

    [Fact]
    public async Task Switches_act_through_zone_and_port_and_LEDs_answer_the_same_way()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        peer.Send(0xB0, 0x0F, 0x01, 0xB0, 0x2F, 0x42, 0xB0, 0x0F, 0x01, 0xB0, 0x2F, 0x02); // strip 2 MUTE press and release
        var led = peer.WaitFor(m => m == Hex(0xB0, 0x2C, 0x42));
        Assert.NotNull(led);
        Assert.Equal(1.0, f.Control.GetParameter(f.Handle("track/Dialog 2/mute")));
        peer.Send(0xB0, 0x0F, 0x0E, 0xB0, 0x2F, 0x44); // transport zone, PLAY
        Assert.True(Settles(() => f.Control.Transport.State != TransportState.Stopped));
        peer.Send(0xB0, 0x0F, 0x0A, 0xB0, 0x2F, 0x43); // BANK right
        Assert.True(Settles(() => f.Surface.Bank.Offset == 5));
    }

    [Fact]
    public async Task Meters_go_out_as_poly_pressure_on_both_sides()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        f.Control.Play(f.Control.RegisterClient("transport"));

        Assert.NotNull(peer.WaitFor(m => m == Hex(0xA0, 0x00, 0x0B))); // a −6 dBFS sine on strip 1: level B
        Assert.NotNull(peer.WaitFor(m => m == Hex(0xA0, 0x00, 0x1B)));
    }
}
