using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Tests.ControlPlane;

public class MixControlAutomationTests
{
    private static readonly AutomationModeSetting Touch = new(AutomationMode.Touch);
    private static readonly AutomationModeSetting Latch = new(AutomationMode.Latch);
    private static readonly AutomationModeSetting TouchTrim = new(AutomationMode.Touch, Trim: true);

    private static FeedbackRates Rates(string name, ControlClientId client) =>
        new(name, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40), FeedbackRates.Never, client);

    [Fact]
    public void A_strip_mode_applies_to_every_parameter_of_the_strip_without_a_mode_of_its_own()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        f.Control.SetAutomationMode(client, "track/DX 1", Touch);
        Assert.Equal(Touch, f.Control.GetAutomationMode("track/DX 1"));
        Assert.Equal(Touch, f.Control.GetAutomationMode(f.Control.Resolve("track/DX 1/fader")));
        Assert.Equal(Touch, f.Control.GetAutomationMode(f.Control.Resolve("track/DX 1/pan/x")));
        Assert.Equal(AutomationModeSetting.Default, f.Control.GetAutomationMode(f.Control.Resolve("track/b/fader")));
        Assert.Equal(Touch, f.Control.Session.Automation.Modes["track/DX 1"]);
    }

    [Fact]
    public void A_strip_named_by_id_sets_the_mode_of_its_name_form()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        f.Control.SetAutomationMode(client, "track#a", Latch);
        Assert.Equal(Latch, f.Control.GetAutomationMode("track/DX 1"));
    }

    [Fact]
    public void A_parameter_mode_wins_over_its_strip_and_clearing_it_follows_the_strip_again()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        var fader = f.Control.Resolve("track/DX 1/fader");
        f.Control.SetAutomationMode(client, "track/DX 1", Latch);
        f.Control.SetAutomationMode(client, fader, TouchTrim);
        Assert.Equal(TouchTrim, f.Control.GetAutomationMode(fader));
        Assert.Equal(TouchTrim, f.Control.GetOwnAutomationMode(fader));
        Assert.Equal(Latch, f.Control.GetAutomationMode(f.Control.Resolve("track/DX 1/pan/x")));
        f.Control.SetAutomationMode(client, fader, null);
        Assert.Null(f.Control.GetOwnAutomationMode(fader));
        Assert.Equal(Latch, f.Control.GetAutomationMode(fader));
        Assert.Null(f.Control.Session.Automation.Lane("track/DX 1/fader")); // an empty lane without a mode is not kept
    }

    [Fact]
    public void A_trim_mode_on_a_parameter_that_is_not_gain_type_is_refused_naming_the_address()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        var pan = f.Control.Resolve("track/DX 1/pan/x");
        var e = Assert.Throws<ArgumentException>(() => f.Control.SetAutomationMode(client, pan, TouchTrim));
        Assert.Contains("track/DX 1/pan/x", e.Message);
        Assert.Contains("touchTrim", e.Message);
        Assert.Equal(AutomationModeSetting.Default, f.Control.GetAutomationMode(pan)); // nothing applied
    }

    [Fact]
    public void Off_with_trim_is_refused_naming_the_strip()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        var e = Assert.Throws<ArgumentException>(() => f.Control.SetAutomationMode(client, "track/DX 1", new AutomationModeSetting(AutomationMode.Off, true)));
        Assert.Contains("track/DX 1", e.Message);
        Assert.False(f.Control.Session.Automation.Modes.ContainsKey("track/DX 1"));
    }

    [Fact]
    public void A_mode_on_a_parameter_that_cannot_be_automated_is_refused_naming_the_address()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        var solo = f.Control.Resolve("track/DX 1/solo");
        Assert.False(solo.Descriptor.Automatable);
        var e = Assert.Throws<ArgumentException>(() => f.Control.SetAutomationMode(client, solo, Touch));
        Assert.Contains("track/DX 1/solo", e.Message);
    }

    [Fact]
    public void An_unknown_strip_is_refused_naming_it_and_the_tracks_that_exist()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        var e = Assert.Throws<ParameterAddressException>(() => f.Control.SetAutomationMode(client, "track/DX 9", Touch));
        Assert.Contains("DX 9", e.Message);
        Assert.Contains("DX 1", e.Message);
        Assert.Throws<ParameterAddressException>(() => f.Control.GetAutomationMode("track/DX 9"));
    }

    [Fact]
    public void A_new_subscriber_first_gets_every_strip_mode_and_every_parameter_mode()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        f.Control.SetAutomationMode(client, "bus/pm", Latch);
        f.Control.SetAutomationMode(client, f.Control.Resolve("track/b/fader"), TouchTrim);
        var sub = new RecordingSubscriber();
        using var _ = f.Control.Feedback.Subscribe(sub, Rates("surface", f.Control.RegisterClient("surface")));
        f.Control.Hub.Pump(TimeSpan.Zero);
        var modes = sub.Modes.ToDictionary(m => m.Target, m => m.Mode);
        Assert.Equal(["bus/pm", "track/DX 1", "track/b", "track/b/fader", "vca/dlg"], modes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Latch, modes["bus/pm"]);
        Assert.Equal(AutomationModeSetting.Default, modes["track/DX 1"]);
        Assert.Equal(TouchTrim, modes["track/b/fader"]);
        Assert.Equal("track/b/fader", sub.Modes.Single(m => m.Target == "track/b/fader").Parameter?.Address.ToString());
    }

    [Fact]
    public void A_mode_change_by_one_client_reaches_every_other_client_but_not_its_own_subscriber()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("a");
        var b = f.Control.RegisterClient("b");
        var subA = new RecordingSubscriber();
        var subB = new RecordingSubscriber();
        using var ra = f.Control.Feedback.Subscribe(subA, Rates("a", a));
        using var rb = f.Control.Feedback.Subscribe(subB, Rates("b", b));
        f.Control.Hub.Pump(TimeSpan.Zero);
        subA.Clear();
        subB.Clear();
        var fader = f.Control.Resolve("track/DX 1/fader");
        f.Control.SetAutomationMode(a, "track/DX 1", Touch);
        f.Control.SetAutomationMode(a, fader, Latch);
        f.Control.SetAutomationMode(a, fader, Latch); // unchanged: not published again
        f.Control.Hub.Pump(TimeSpan.FromMilliseconds(5));
        Assert.Empty(subA.Modes);
        Assert.Equal(
            [new AutomationModeChange("track/DX 1", null, Touch, a), new AutomationModeChange("track/DX 1/fader", fader, Latch, a)],
            subB.Modes);
        f.Control.SetAutomationMode(b, fader, null);
        f.Control.Hub.Pump(TimeSpan.FromMilliseconds(10));
        Assert.Equal(new AutomationModeChange("track/DX 1/fader", fader, null, b), Assert.Single(subA.Modes));
    }

    [Fact]
    public void Modes_survive_a_structural_edit_that_starts_from_the_controls_session()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("desk");
        f.Control.SetAutomationMode(client, "track/DX 1", Touch);
        var edited = f.Control.Session with { Vcas = [] };
        f.Control.ApplySession(edited, f.Build);
        Assert.Equal(Touch, f.Control.GetAutomationMode("track/DX 1"));
    }
}
