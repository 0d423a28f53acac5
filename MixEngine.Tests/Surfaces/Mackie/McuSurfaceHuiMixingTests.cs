using System.Text;
using MixEngine.Automation;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// Mixing on a HUI-only surface through the in-memory loopback: EQ and dynamics on the V-pots from the parameter-edit
/// section's keys, the automation-mode keys acting on strips selected on the HUI, and banking with names and fader
/// positions refreshed. Byte-exact where bytes matter; every expectation waits for its message.
/// </summary>
public class McuSurfaceHuiMixingTests
{
    private static readonly McuSurfaceOptions Hui = new() { HuiPorts = ["loopback:mcu0/b"], HuiTimeout = TimeSpan.FromSeconds(30) };

    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static string Small(int display, string text) => "SysEx F0000066050010" + $"{display:X2}" + Convert.ToHexString(Encoding.ASCII.GetBytes(text)) + "F7";

    private static string Large(int slice, string text) => "SysEx F0000066050012" + $"{slice:X2}" + Convert.ToHexString(Encoding.ASCII.GetBytes(text)) + "F7";

    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    /// <summary>A HUI switch press (zone select + port | 40) and its release.</summary>
    private static byte[] Press(int zone, int port) => [0xB0, 0x0F, (byte)zone, 0xB0, 0x2F, (byte)(0x40 | port), 0xB0, 0x0F, (byte)zone, 0xB0, 0x2F, (byte)port];

    /// <summary>True when <paramref name="items"/> hold the LED pair zone select + port (port +40 when lit).</summary>
    private static bool HasLed(List<string> items, int zone, int portValue) =>
        items.Zip(items.Skip(1)).Any(p => p.First == $"B0 0C {zone:X2}" && p.Second == $"B0 2C {portValue:X2}");

    private static void Online(McuPeer peer)
    {
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x00, 0x00)));
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001008", StringComparison.Ordinal))); // select-assign: the last of the full state
        peer.Drain();
    }

    [Fact]
    public async Task INSERT_PARAM_puts_the_EQ_on_the_V_pots_and_ASSIGN_the_dynamics_with_labels_values_and_LEDs()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        peer.Send(Press(HuiMap.EditZone, 0)); // INSERT/PARAM: EQ, page 1 = band 1 gain
        var eq = peer.CollectThrough(m => m == Small(8, "EQ 1"));
        Assert.NotEmpty(eq);
        Assert.Contains(Large(0, "Gan1      "), eq); // strip 1 (two bells) shows the label; strip 2 has no EQ: blank
        Assert.Contains(Large(4, "0.0       "), eq); // band 1 gain 0 dB
        Assert.True(HasLed(eq, HuiMap.EditZone, 0x40)); // INSERT/PARAM lit
        Assert.True(HasLed(eq, HuiMap.SendZone, 0x02)); // PAN dark

        var gain = f.Handle("track/Dialog 1/eq/1/gain");
        double before = f.Control.GetNormalized(gain);
        peer.Send(0xB0, 0x40, 0x4A); // V-pot 1, 10 ticks clockwise (HUI sign: bit 6 set = clockwise)
        Assert.True(Settles(() => Math.Abs(f.Control.GetNormalized(gain) - before - 10 / 63.0) < 1e-9)); // one tick = 1/63 of the 0..1 range
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001204", StringComparison.Ordinal) && !m.Contains("302E30"))); // the value row moved off 0.0

        peer.Send(Press(HuiMap.EditZone, 0)); // again: the next EQ page
        Assert.NotNull(peer.WaitFor(m => m == Small(8, "EQ 2")));

        peer.Send(Press(HuiMap.EditZone, 1)); // ASSIGN: dynamics
        var dyn = peer.CollectThrough(m => m == Small(8, "Dyn1"));
        Assert.NotEmpty(dyn);
        Assert.True(HasLed(dyn, HuiMap.EditZone, 0x41)); // ASSIGN lit …
        Assert.True(HasLed(dyn, HuiMap.EditZone, 0x00)); // … INSERT/PARAM dark
        string parameter = f.Surface.Pots.Parameter!;
        Assert.StartsWith("dyn/", parameter);
        var dynamics = f.Handle($"track/Dialog 2/{parameter}"); // strip 2 has the compressor
        double start = f.Control.GetNormalized(dynamics);
        peer.Send(0xB0, 0x41, 0x05); // V-pot 2, 5 ticks counter-clockwise
        Assert.True(Settles(() => Math.Abs(f.Control.GetNormalized(dynamics) - Math.Max(0, start - 5 / 63.0)) < 1e-9));
        Assert.Equal(McuPotMode.Dynamics, f.Surface.Pots.Mode);
    }

    [Fact]
    public async Task Automation_keys_act_on_the_strips_selected_on_the_HUI_and_their_LEDs_follow_the_engine()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);

        peer.Send([.. Press(0x00, 1), .. Press(0x02, 1)]); // SELECT strips 1 and 3
        Assert.True(Settles(() => f.Surface.Selected.Count == 2));
        peer.Send(Press(0x18, 4)); // WRITE
        var write = peer.CollectAll([Hex(0xB0, 0x0C, 0x18), Hex(0xB0, 0x2C, 0x44)]);
        Assert.True(HasLed(write, 0x18, 0x44));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Write), f.Control.GetAutomationMode("track/Dialog 1"));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Write), f.Control.GetAutomationMode("track/Dialog 3"));
        Assert.Equal(AutomationModeSetting.Default, f.Control.GetAutomationMode("track/Dialog 2"));

        peer.Send(Press(0x18, 0)); // TRIM: write trim
        Assert.True(Settles(() => f.Control.GetAutomationMode("track/Dialog 3") == new AutomationModeSetting(AutomationMode.Write, Trim: true)));
        f.Control.SetAutomationMode(f.Control.RegisterClient("other"), "track/Dialog 1", new AutomationModeSetting(AutomationMode.Touch));
        var touch = peer.CollectUntil(items => HasLed(items, 0x18, 0x45)); // TOUCH lit by a change made elsewhere
        Assert.True(HasLed(touch, 0x18, 0x45));
    }

    [Fact]
    public async Task Bank_right_on_the_HUI_shows_the_next_strips_with_their_names_and_fader_positions()
    {
        await using var f = new McuSurfaceFixture(options: Hui);
        var peer = f.Peers[0];
        Online(peer);
        f.Control.SetParameter(f.Control.RegisterClient("other"), f.Handle("track/Dialog 6/fader"), -20.0);
        peer.Drain();

        peer.Send(Press(0x0A, 3)); // BANK right: 13 strips, the last full bank starts at strip 6
        string[] expected = [Small(0, "Dlg6"), Hex(0xB0, 0x00, 0x26), Hex(0xB0, 0x20, 0x33), Small(5, "fx  "), Small(7, "dlg ")]; // −20 dB = 4915 = hi 26, lo 33
        var right = peer.CollectAll(expected);
        Assert.All(expected, item => Assert.Contains(item, right));
        Assert.Equal(5, f.Surface.Bank.Offset);

        peer.Send(Press(0x0A, 1)); // BANK left
        Assert.NotNull(peer.WaitFor(m => m == Small(0, "Dlg1")));
        Assert.Equal(0, f.Surface.Bank.Offset);
    }
}
