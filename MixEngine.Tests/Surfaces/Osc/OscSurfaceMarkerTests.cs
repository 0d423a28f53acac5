using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.ControlPlane;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>
/// Markers over OSC: Ardour's <c>/add_marker</c>, <c>/remove_marker</c>, <c>/next_marker</c>, <c>/prev_marker</c> and
/// <c>/marker</c>, and the <c>/mixengine/marker/…</c> namespace with its list feedback, on the control facade's markers.
/// The fixture session runs at 48 kHz, 24 fps from 01:00:00:00 (2,000 samples a frame).
/// </summary>
public class OscSurfaceMarkerTests
{
    private static void WaitForPlayhead(OscSurfaceFixture f, long position) =>
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.Position == position, 10_000), $"playhead at {f.Control.Control.Transport.Position}, expected {position}");

    private static void WaitForMarkers(OscSurfaceFixture f, params string[] names) =>
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Markers.Select(m => m.Name).SequenceEqual(names), 10_000),
            $"markers {string.Join(", ", f.Control.Control.Markers.Select(m => m.Name))}, expected {string.Join(", ", names)}");

    [Fact]
    public async Task Ardour_marker_addresses_add_at_the_playhead_step_between_markers_and_remove_the_one_under_the_playhead()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        peer.Send("/locate", Int32(4800), Int32(0));
        WaitForPlayhead(f, 4800);
        peer.Send("/add_marker", Float32(1)); // a TouchOSC button press: a generated name
        peer.Send("/add_marker", Float32(0)); // its release does nothing
        peer.Send("/locate", Int32(24000), Int32(0));
        WaitForPlayhead(f, 24000);
        peer.Send("/add_marker", String("Sc 2"));
        WaitForMarkers(f, "Marker 1", "Sc 2");
        Assert.Equal([new Marker("Marker 1", 4800), new Marker("Sc 2", 24000)], f.Control.Control.Markers);

        peer.Send("/prev_marker");
        WaitForPlayhead(f, 4800);
        peer.Send("/next_marker", Float32(1));
        WaitForPlayhead(f, 24000);
        peer.Send("/next_marker"); // none after: the session end, as Ardour does
        WaitForPlayhead(f, ControlFixture.Length);
        peer.Send("/marker", Int32(1)); // the first marker in timeline order
        WaitForPlayhead(f, 4800);
        peer.Send("/marker", String("Sc 2"));
        WaitForPlayhead(f, 24000);

        peer.Send("/remove_marker");
        WaitForMarkers(f, "Marker 1");
        peer.Send("/remove_marker");
        var error = peer.WaitFor(m => m.Address == "/mixengine/error")!;
        Assert.Equal("/remove_marker", error.Arguments[0].AsString);
        Assert.Contains("no marker starts at the playhead (sample 24000)", error.Arguments[1].AsString);
    }

    [Fact]
    public async Task Ardour_marker_with_an_unknown_name_renames_the_marker_under_the_playhead_and_locating_stops_the_transport()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var other = f.Control.Control.RegisterClient("grpc");
        f.Control.Control.AddMarker(other, new Marker("Sc 1", 9600));
        f.Control.Control.AddMarker(other, new Marker("Sc 2", 19200));
        peer.Send("/marker", Float32(2));
        WaitForPlayhead(f, 19200);
        peer.Send("/marker", String("Sc 2 alt"));
        WaitForMarkers(f, "Sc 1", "Sc 2 alt");

        f.Control.Control.Play(other);
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Playing, 10_000));
        peer.Send("/marker", String("Sc 1")); // Ardour's OSC::set_marker locates with MustStop
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport is { State: TransportState.Stopped, Position: 9600 }, 10_000));

        peer.Send("/marker", String("Sc 9")); // a name no marker has while the playhead is on Sc 1: Sc 1 is renamed
        WaitForMarkers(f, "Sc 9", "Sc 2 alt");
        peer.Send("/marker", Int32(3));
        Assert.Contains("expected 1 … 2", peer.WaitFor(m => m.Address == "/mixengine/error")!.Arguments[1].AsString);
    }

    [Fact]
    public async Task A_watching_client_gets_the_list_on_every_change_by_anyone_and_on_refresh()
    {
        await using var f = new OscSurfaceFixture();
        using var watcher = f.Peer();
        using var editor = f.Peer();
        watcher.Send("/mixengine/markers");
        Assert.Equal(0, watcher.WaitFor(m => m.Address == "/mixengine/markers")!.Arguments[0].AsNumber);

        editor.Send("/mixengine/marker/add", String("Sc 12"), String("01:00:01:00"), Int64(96000));
        var count = watcher.WaitFor(m => m.Address == "/mixengine/markers")!;
        Assert.Equal(1, count.Arguments[0].AsNumber);
        var marker = watcher.WaitFor(m => m.Address == "/mixengine/marker")!;
        Assert.Equal("ishshss", string.Concat(marker.Arguments.Select(a => a.Tag)));
        Assert.Equal([1.0, 48000.0, 96000.0], new[] { marker.Arguments[0], marker.Arguments[2], marker.Arguments[4] }.Select(a => a.AsNumber!.Value));
        Assert.Equal(["Sc 12", "01:00:01:00", "", ""], new[] { marker.Arguments[1], marker.Arguments[3], marker.Arguments[5], marker.Arguments[6] }.Select(a => a.AsString));

        var grpc = f.Control.Control.RegisterClient("grpc");
        f.Control.Control.AddMarker(grpc, new Marker("2-pop", 0, Colour: "#FF0000"));
        Assert.Equal(2, watcher.WaitFor(m => m.Address == "/mixengine/markers")!.Arguments[0].AsNumber);
        var first = watcher.WaitFor(m => m.Address == "/mixengine/marker")!;
        Assert.Equal(["2-pop", "#FF0000"], new[] { first.Arguments[1], first.Arguments[5] }.Select(a => a.AsString));
        Assert.Equal(-1, first.Arguments[4].AsNumber); // a point marker has no end
        watcher.Drain();

        watcher.Send("/refresh");
        Assert.Equal(2, watcher.WaitFor(m => m.Address == "/mixengine/markers")!.Arguments[0].AsNumber);
        Assert.DoesNotContain(editor.Collect(300), m => m.Address is "/mixengine/markers" or "/mixengine/marker"); // not watching
    }

    [Fact]
    public async Task Namespace_addresses_rename_move_goto_loop_and_undo_markers()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        var markers = f.Control.Control;
        peer.Send("/mixengine/marker/add", String("Loop"), Int32(9600), Int32(19200));
        peer.Send("/mixengine/marker/add", String("Sc 1"), Int32(4800));
        WaitForMarkers(f, "Sc 1", "Loop");
        peer.Send("/mixengine/marker/move", String("Loop"), String("01:00:00:06")); // a range keeps its length: 12000 … 21600
        peer.Send("/mixengine/marker/rename", Int32(1), String("Scene 1"));
        WaitForMarkers(f, "Scene 1", "Loop");
        Assert.Equal(new Marker("Loop", 12000, 21600), markers.Markers.Named("Loop"));

        peer.Send("/mixengine/marker/goto", Int32(2));
        WaitForPlayhead(f, 12000);
        peer.Send("/mixengine/marker/goto", String("Scene 1"));
        WaitForPlayhead(f, 4800);
        peer.Send("/mixengine/marker/next");
        WaitForPlayhead(f, 12000);
        peer.Send("/mixengine/marker/previous");
        WaitForPlayhead(f, 4800);
        peer.Send("/mixengine/marker/loop", String("Loop"));
        Assert.True(SpinWait.SpinUntil(() => markers.Transport.Loop == new LoopRange(12000, 21600), 10_000));

        peer.Send("/mixengine/marker/undo");
        WaitForMarkers(f, "Sc 1", "Loop");
        peer.Send("/mixengine/marker/redo");
        WaitForMarkers(f, "Scene 1", "Loop");
        peer.Send("/mixengine/marker/remove", String("Scene 1"));
        WaitForMarkers(f, "Loop");
        Assert.Equal(5, markers.MarkerUndoDepth);
    }

    [Theory]
    [InlineData("/mixengine/marker/add", "Sc 1", "exists already")]
    [InlineData("/mixengine/marker/remove", "Sc 9", "no marker named 'Sc 9'; markers: Sc 1")]
    [InlineData("/mixengine/marker/goto", "Sc 9", "no marker named 'Sc 9'")]
    [InlineData("/mixengine/marker/loop", "Sc 1", "is a point, not a range")]
    [InlineData("/mixengine/marker/redo", "", "no undone marker edit to redo")]
    [InlineData("/mixengine/marker/fly", "", "unknown marker address")]
    [InlineData("/add_marker", " padded", "leading or trailing spaces")]
    public async Task A_marker_message_that_cannot_be_carried_out_is_refused_naming_the_address_and_changes_nothing(string address, string argument, string problem)
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        f.Control.Control.AddMarker(f.Control.Control.RegisterClient("grpc"), new Marker("Sc 1", 4800));
        var before = f.Control.Control.MarkerState;
        if (argument.Length == 0) peer.Send(address);
        else peer.Send(address, String(argument));
        var error = peer.WaitFor(m => m.Address == "/mixengine/error")!;
        Assert.Equal(address, error.Arguments[0].AsString);
        Assert.Contains(problem, error.Arguments[1].AsString);
        Assert.Same(before, f.Control.Control.MarkerState);
    }

    [Fact]
    public async Task A_marker_address_pattern_reaches_the_marker_methods()
    {
        await using var f = new OscSurfaceFixture();
        using var peer = f.Peer();
        peer.Send("/mixengine/marker/{add,goto}", String("Sc 1")); // add at the playhead (0), then locate to it
        WaitForMarkers(f, "Sc 1");
        Assert.DoesNotContain(peer.Collect(300), m => m.Address == "/mixengine/error");
    }
}
