using MixEngine.Automation;
using MixEngine.Surfaces.Osc;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>Automation modes over OSC: Ardour's <c>/strip/gain/automation</c> and the <c>/mixengine/automation/…</c> namespace, on the control facade's mode API.</summary>
public class OscSurfaceAutomationTests
{
    private static bool Is(OscMessage m, string address, int ssid) =>
        m.Address == address && m.Arguments.Count == 2 && m.Arguments[0].AsNumber == ssid;

    private static OscPeer Registered(OscSurfaceFixture f, int gainMode)
    {
        var peer = f.Peer();
        peer.Send("/set_surface", Int32(0), Int32(159), Int32(3), Int32(gainMode));
        Assert.NotNull(peer.WaitFor(m => Is(m, gainMode == 0 ? "/strip/gain/automation_name" : "/strip/fader/automation_name", 4)));
        peer.Drain();
        return peer;
    }

    [Fact]
    public async Task An_Ardour_gain_automation_number_sets_the_faders_mode_and_every_client_is_shown_it()
    {
        await using var f = new OscSurfaceFixture();
        using var setter = Registered(f, gainMode: 0);
        using var watcher = Registered(f, gainMode: 1);
        var fader = f.Control.Control.Resolve("track/b/fader");

        setter.Send("/strip/gain/automation", Int32(2), Int32(3)); // ssid 2 (track b), 3 = Touch

        Assert.Equal(3.0, watcher.WaitFor(m => Is(m, "/strip/fader/automation", 2))!.Arguments[1].AsNumber); // gain mode 1: the fader path
        Assert.Equal("Touch", watcher.WaitFor(m => Is(m, "/strip/fader/automation_name", 2))!.Arguments[1].AsString);
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch), f.Control.Control.GetOwnAutomationMode(fader));
        Assert.Equal("Touch", setter.WaitFor(m => Is(m, "/strip/gain/automation_name", 2))!.Arguments[1].AsString); // state, not an echo of a held control
    }

    [Fact]
    public async Task A_strip_mode_set_elsewhere_reaches_clients_and_a_refresh_shows_it_again()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = Registered(f, gainMode: 0);
        var other = f.Control.Control.RegisterClient("grpc");

        f.Control.Control.SetAutomationMode(other, "track/DX 1", new AutomationModeSetting(AutomationMode.Latch, Trim: true));

        Assert.Equal(4.0, peer.WaitFor(m => Is(m, "/strip/gain/automation", 1))!.Arguments[1].AsNumber);
        Assert.Equal("Latch Trim", peer.WaitFor(m => Is(m, "/strip/gain/automation_name", 1))!.Arguments[1].AsString);
        Assert.DoesNotContain(peer.Collect(300), m => Is(m, "/strip/gain/automation", 1)); // sent once: only changes
        peer.Send("/refresh");
        Assert.Equal(4.0, peer.WaitFor(m => Is(m, "/strip/gain/automation", 1))!.Arguments[1].AsNumber);
    }

    [Fact]
    public async Task The_mixengine_namespace_sets_strip_and_parameter_modes_by_name_and_feeds_back_the_mode_in_force()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var fader = f.Control.Control.Resolve("track/b/fader");

        peer.Send("/mixengine/automation/track/b/fader");
        Assert.Equal("read", peer.WaitFor(m => m.Address == "/mixengine/automation/track/b/fader")!.Arguments[0].AsString);
        peer.Send("/mixengine/automation/track/b", String("touchLatch"));
        Assert.Equal("touchLatch", peer.WaitFor(m => m.Address == "/mixengine/automation/track/b/fader")!.Arguments[0].AsString); // follows its strip
        Assert.Equal("touchLatch", peer.WaitFor(m => m.Address == "/mixengine/automation/track/b")!.Arguments[0].AsString);

        peer.Send("/mixengine/automation/track/b/fader", String("writeTrim"));
        Assert.Equal("writeTrim", peer.WaitFor(m => m.Address == "/mixengine/automation/track/b/fader")!.Arguments[0].AsString);
        Assert.Equal(new AutomationModeSetting(AutomationMode.Write, Trim: true), f.Control.Control.GetOwnAutomationMode(fader));

        peer.Send("/mixengine/automation/track/b/fader", Nil);
        Assert.Equal("touchLatch", peer.WaitFor(m => m.Address == "/mixengine/automation/track/b/fader")!.Arguments[0].AsString);
        Assert.Null(f.Control.Control.GetOwnAutomationMode(fader));
    }

    [Theory]
    [InlineData("/mixengine/automation/track/b", "sometimes", "not an automation mode")]
    [InlineData("/mixengine/automation/track/b/mute", "writeTrim", "trim modes apply only to gain-type parameters")]
    [InlineData("/mixengine/automation/track/nope", "read", "nope")]
    public async Task A_mode_that_cannot_be_set_is_refused_naming_the_address_and_nothing_changes(string address, string mode, string problem)
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();

        peer.Send(address, String(mode));

        var error = peer.WaitFor(m => m.Address == "/mixengine/error");
        Assert.Equal(address, error!.Arguments[0].AsString);
        Assert.Contains(problem, error.Arguments[1].AsString);
        Assert.Equal(AutomationModeSetting.Default, f.Control.Control.GetAutomationMode("track/b"));
    }
}
