using System.Text;
using MixEngine.ControlPlane;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// The displays of a HUI unit (spec surfaces.md §2.5) through the in-memory loopback, byte-exact: the 4-character strip
/// displays (names, the fader's value while touched), the 2x40 main display (V-pot labels and values, 5 cells a strip),
/// the select-assign display with the assign keys, and the time display. Every expectation waits for its message.
/// </summary>
public class McuSurfaceHuiDisplayTests
{
    private static readonly McuSurfaceOptions Hui = new() { HuiPorts = ["loopback:mcu0/b"], HuiTimeout = TimeSpan.FromSeconds(30) };

    private const string HuiSysEx = "SysEx F00000660500"; // F0, Mackie id 00 00 66, HUI device 05, 00

    private static string Ascii(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    private static string Small(int display, string text) => HuiSysEx + "10" + $"{display:X2}" + Ascii(text) + "F7";

    private static string Large(int slice, string text) => HuiSysEx + "12" + $"{slice:X2}" + Ascii(text) + "F7";

    private static string Time(string digitsRightToLeft) => "SysEx F0000066050011" + digitsRightToLeft + "F7";

    /// <summary>Answers the first ping and returns the unit's full state: everything up to the select-assign display, which is drawn after the strips and the main display.</summary>
    private static List<string> Online(McuPeer peer)
    {
        Assert.NotNull(peer.WaitFor(m => m == "90 00 00"));
        peer.Send(0x90, 0x00, 0x7F);
        var state = peer.CollectThrough(m => m.StartsWith(HuiSysEx + "1008", StringComparison.Ordinal));
        Assert.NotEmpty(state);
        return state;
    }

    /// <summary>True when <paramref name="items"/> hold the LED pair zone select + port (port +40 when lit).</summary>
    private static bool HasLed(List<string> items, int zone, int portValue) =>
        items.Zip(items.Skip(1)).Any(p => p.First == $"B0 0C {zone:X2}" && p.Second == $"B0 2C {portValue:X2}");

    [Fact]
    public async Task The_full_state_draws_the_main_display_the_strip_displays_and_the_select_assign_display()
    {
        await using var f = new McuSurfaceFixture(options: Hui);

        var state = Online(f.Peers[0]);

        Assert.Contains(Small(0, "Dlg1"), state);
        Assert.Contains(Small(7, "Dlg8"), state);
        // Each strip owns 5 cells of a 40-character row: the V-pot's parameter (pan) on top, its value below; a slice is 2 strips.
        for (int slice = 0; slice < 4; slice++) Assert.Contains(Large(slice, "Pan  Pan  "), state);
        for (int slice = 4; slice < 8; slice++) Assert.Contains(Large(slice, "C    C    "), state);
        Assert.Equal(Small(8, "Pan1"), state[^1]); // select-assign: pan, page 1
        Assert.True(HasLed(state, 0x0B, 0x42)); // the assign zone's PAN LED is lit …
        Assert.True(HasLed(state, 0x0B, 0x07)); // … SEND A dark
    }

    [Fact]
    public async Task Non_ASCII_names_are_folded_on_the_strip_displays_byte_for_byte()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);
        string[] names = ["Straße 1", "対話", "🎬 FX"];

        f.Control.ApplySession(f.Session with { Tracks = [.. f.Session.Tracks.Select((t, i) => i < names.Length ? t with { Name = names[i] } : t)] }, f.Build);

        string[] expected = [Small(0, "Str1"), Small(1, "__  "), Small(2, "_ FX")]; // ß → ss then abbreviated; one '_' per CJK character or emoji
        var after = peer.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, after));
    }

    [Fact]
    public async Task A_touched_fader_shows_its_value_on_the_strip_display_and_the_name_returns_on_release()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x40); // zone 0 port 0 pressed: fader 1 touched
        Assert.NotNull(peer.WaitFor(m => m == Small(0, "0.0 "))); // unity
        peer.Send(0xB0, 0x00, 0x40, 0xB0, 0x20, 0x00); // 8192 = −10 dB
        Assert.NotNull(peer.WaitFor(m => m == Small(0, "-10 ")));
        peer.Send(0xB0, 0x0F, 0x00, 0xB0, 0x2F, 0x00);
        Assert.NotNull(peer.WaitFor(m => m == Small(0, "Dlg1")));
    }

    [Fact]
    public async Task SEND_A_puts_the_first_send_on_the_V_pots_and_PAN_brings_pan_back()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        peer.Send(0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x47, 0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x07); // SEND A press, release
        var drawn = peer.CollectThrough(m => m == Small(8, "SndA"));
        Assert.Contains(Large(0, "fx   fx   "), drawn); // every track sends to bus fx at −10 dB
        Assert.Contains(Large(4, "-10  -10  "), drawn);
        Assert.True(HasLed(drawn, 0x0B, 0x47)); // SEND A lit, PAN dark
        Assert.True(HasLed(drawn, 0x0B, 0x02));
        Assert.Equal((McuPotMode.Send, 0), (f.Surface.Pots.Mode, f.Surface.Pots.Page));

        peer.Send(0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x46, 0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x06); // SEND B: the session has one send bus
        peer.Send(0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x42, 0xB0, 0x0F, 0x0B, 0xB0, 0x2F, 0x02); // PAN
        drawn = peer.CollectThrough(m => m == Small(8, "Pan1"));
        Assert.DoesNotContain(drawn, m => m.StartsWith(HuiSysEx + "1008" + Ascii("Snd"), StringComparison.Ordinal)); // SEND B changed nothing
        Assert.Contains(Large(0, "Pan  Pan  "), drawn);
    }

    [Fact]
    public async Task Turning_a_V_pot_shows_its_value_on_the_bottom_row_of_the_main_display()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);
        var pan = f.Handle("track/Dialog 2/pan/x");

        peer.Send(0xB0, 0x41, 0x4A); // strip 2's V-pot, 10 ticks clockwise (HUI sign: bit 6 set)

        Assert.True(SpinWait.SpinUntil(() => f.Control.GetParameter(pan) > 0, 10_000));
        string value = HuiText.Value(pan.Descriptor, f.Control.GetParameter(pan));
        Assert.StartsWith("R", value);
        Assert.NotNull(peer.WaitFor(m => m == Large(4, "C    " + value.PadRight(5))));
    }

    [Fact]
    public async Task The_time_display_follows_the_playhead()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        f.Control.Locate(f.Control.RegisterClient("transport"), 48000); // one second after the session start 01:00:00:00

        // 01:00:01:00 right to left: 0 0 1. 0 0. 0 1. 0 (a separator lights the dot of the digit to its left: +10).
        Assert.NotNull(peer.WaitFor(m => m == Time("0000110010001100")));
    }
}
