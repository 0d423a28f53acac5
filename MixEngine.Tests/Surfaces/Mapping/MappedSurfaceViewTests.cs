using MixEngine.Automation;
using MixEngine.Surfaces.Mapping;

namespace MixEngine.Tests.Surfaces.Mapping;

public class MappedSurfaceViewTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static bool Settles(Func<bool> condition) => MappedSurfaceFixture.Settles(condition);

    /// <summary>4 strips: faders on pitch bend channels 1-4 with touch notes 104-107; buttons on notes.</summary>
    private static MappingProfile Profile(string extra = "", string softKeys = "") => MappingProfileReader.Parse($$"""
        { "mixengineSurfaceProfile": 1, "name": "view test", "strips": 4, "controls": [
          { "midi": { "type": "pitchBend", "channel": 1 }, "target": "strip/1/fader", "touch": { "type": "note", "channel": 1, "number": 104 } },
          { "midi": { "type": "pitchBend", "channel": 2 }, "target": "strip/2/fader", "touch": { "type": "note", "channel": 1, "number": 105 } },
          { "midi": { "type": "pitchBend", "channel": 3 }, "target": "strip/3/fader", "touch": { "type": "note", "channel": 1, "number": 106 } },
          { "midi": { "type": "pitchBend", "channel": 4 }, "target": "strip/4/fader", "touch": { "type": "note", "channel": 1, "number": 107 } },
          { "midi": { "type": "note", "channel": 1, "number": 16 }, "target": "strip/1/mute" },
          { "midi": { "type": "note", "channel": 1, "number": 50 }, "command": "spill/strip/1" },
          { "midi": { "type": "note", "channel": 1, "number": 51 }, "command": "spill/back" },
          { "midi": { "type": "note", "channel": 1, "number": 52 }, "command": "layout:Dialog" },
          { "midi": { "type": "note", "channel": 1, "number": 53 }, "command": "layout/next" },
          { "midi": { "type": "note", "channel": 1, "number": 54 }, "command": "bank/next" }
          {{(extra.Length > 0 ? "," : "")}} {{extra}} ] {{(softKeys.Length > 0 ? "," : "")}} {{softKeys}} }
        """, "view.json");

    private static void Press(MappedSurfaceFixture f, byte note) => f.Peer.Send(0x90, note, 0x7F, 0x90, note, 0x00);

    [Fact]
    public async Task Spill_shows_a_VCAs_members_on_the_faders_and_back_restores_the_view_and_bank()
    {
        await using var f = new MappedSurfaceFixture(Profile("""
            { "midi": { "type": "note", "channel": 1, "number": 55 }, "command": "spill/strip/4" }
            """));
        var other = f.Control.RegisterClient("other");
        f.Control.SetParameter(other, f.Handle("track/Dialog 2/fader"), -20.0);
        for (int i = 0; i < 3; i++) Press(f, 54); // bank/next to the last full bank: Dialog 10, fx, pm, dlg
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 10", "bus/fx", "bus/pm", "vca/dlg"])));
        f.Peer.Drain();

        Press(f, 55); // spill the VCA in slot 4
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 1", "track/Dialog 2", "", ""])));
        Assert.Equal("vca/dlg", f.Surface.Spilled);
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0xE1, 0x33, 0x26))); // fader 2 moves to Dialog 2 at −20 dB (4915 = 0x1333)
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0xE2, 0x00, 0x00))); // blank slots go to the bottom

        Press(f, 51); // spill/back
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 10", "bus/fx", "bus/pm", "vca/dlg"])));
        Assert.Null(f.Surface.Spilled);
    }

    [Fact]
    public async Task Spill_of_a_stem_bus_shows_the_tracks_and_buses_feeding_it()
    {
        await using var f = new MappedSurfaceFixture(Profile());
        Press(f, 53);
        Press(f, 53); // layout/next twice: every strip → "Dialog" → "Buses" (pm, fx)
        Assert.True(Settles(() => f.Surface.Layout == "Buses"));
        Assert.Equal(["bus/pm", "bus/fx", "", ""], f.Surface.Shown);

        Press(f, 50); // spill pm: Dialog 1-8 and fx feed it
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 1", "track/Dialog 2", "track/Dialog 3", "track/Dialog 4"])));
        Press(f, 54);
        Press(f, 54);
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 6", "track/Dialog 7", "track/Dialog 8", "bus/fx"]))); // 9 members, last bank full
        Press(f, 51);
        Assert.True(Settles(() => f.Surface.Spilled is null && f.Surface.Shown.SequenceEqual(["bus/pm", "bus/fx", "", ""])));
    }

    [Fact]
    public async Task A_session_layout_selected_at_runtime_orders_the_strips_and_lights_its_key()
    {
        await using var f = new MappedSurfaceFixture(Profile());
        Assert.Contains(Hex(0x90, 52, 0x00), f.Peer.CollectBurst()); // layout key dark: every strip is shown

        Press(f, 52);
        Assert.True(Settles(() => f.Surface.Shown.SequenceEqual(["track/Dialog 2", "track/Dialog 1", "vca/dlg", ""])));
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0x90, 52, 0x7F)));
        f.Peer.Send(0xE0, 0x00, 0x40); // fader 1 now drives Dialog 2
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(f.Handle("track/Dialog 2/fader")) + 10.0) < 0.005)); // 8192: one 14-bit step above −10 dB, 0.003 dB
        Assert.Equal(0.0, f.Control.GetParameter(f.Handle("track/Dialog 1/fader")));
    }

    [Fact]
    public async Task Touching_a_fader_selects_its_strip_and_a_touched_fader_is_not_moved_until_released()
    {
        await using var f = new MappedSurfaceFixture(Profile());
        var fader = f.Handle("track/Dialog 3/fader");
        var other = f.Control.RegisterClient("other");
        f.Peer.CollectBurst();

        f.Peer.Send(0x90, 106, 0x7F); // touch fader 3
        Assert.True(Settles(() => f.Surface.Selected is ["track/Dialog 3"] && f.Control.IsTouched(fader)));
        f.Control.SetParameter(other, fader, -20.0);
        Assert.DoesNotContain(f.Peer.Collect(500), m => m.StartsWith("E2", StringComparison.Ordinal));

        f.Peer.Send(0x90, 106, 0x00);
        Assert.Equal(Hex(0xE2, 0x33, 0x26), f.Peer.WaitFor(m => m.StartsWith("E2", StringComparison.Ordinal))); // −20 dB sent on release
        Assert.True(Settles(() => !f.Control.IsTouched(fader)));

        f.Peer.Send(0x90, 104, 0x7F, 0x90, 104, 0x00); // touching fader 1 moves the selection there
        Assert.True(Settles(() => f.Surface.Selected is ["track/Dialog 1"]));
    }

    [Fact]
    public async Task A_mute_button_toggles_through_the_facade_and_its_LED_follows_engine_state()
    {
        await using var f = new MappedSurfaceFixture(Profile());
        f.Peer.CollectBurst();

        Press(f, 16);
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0x90, 16, 0x7F)));
        Assert.Equal(1.0, f.Control.GetParameter(f.Handle("track/Dialog 1/mute")));
        f.Control.SetMute(f.Control.RegisterClient("other"), "track/Dialog 1", false);
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0x90, 16, 0x00)));
    }

    [Fact]
    public async Task Soft_keys_run_the_commands_of_the_current_page_and_page_on()
    {
        await using var f = new MappedSurfaceFixture(Profile("""
            { "midi": { "type": "note", "channel": 1, "number": 60 }, "command": "softkey/1" },
            { "midi": { "type": "note", "channel": 1, "number": 61 }, "command": "softkey/2" },
            { "midi": { "type": "note", "channel": 1, "number": 62 }, "command": "softkeys/next" },
            { "midi": { "type": "note", "channel": 1, "number": 63 }, "command": "strip/1/select" }
            """,
            """ "softKeys": [ { "name": "Automation", "keys": ["automation/touch", "automation/latch"] }, { "name": "Views", "keys": ["layout:Buses", "layout/all"] } ]"""));
        f.Peer.CollectBurst();
        Press(f, 63); // select Dialog 1
        Assert.True(Settles(() => f.Surface.Selected is ["track/Dialog 1"]));

        Press(f, 61); // page 1, key 2: latch on the selected strip
        Assert.True(Settles(() => f.Control.GetAutomationMode("track/Dialog 1").Mode == AutomationMode.Latch));
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0x90, 61, 0x7F))); // the key shows its command's state

        Press(f, 62); // next page
        Assert.True(Settles(() => f.Surface.SoftKeyPage == 1));
        Press(f, 60); // page 2, key 1: layout Buses
        Assert.True(Settles(() => f.Surface.Layout == "Buses"));
        Assert.Equal(AutomationMode.Latch, f.Control.GetAutomationMode("track/Dialog 1").Mode);
    }
}
