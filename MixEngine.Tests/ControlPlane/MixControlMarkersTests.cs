using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Tests.ControlPlane;

public class MixControlMarkersTests
{
    [Fact]
    public void Every_marker_edit_reaches_every_subscriber_with_who_made_it()
    {
        using var f = new ControlFixture();
        var mixer = f.Control.RegisterClient("mixer");
        var a = new RecordingSubscriber();
        var b = new RecordingSubscriber();
        using var sa = f.Control.Feedback.Subscribe(a, new FeedbackRates("a", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, mixer));
        using var sb = f.Control.Feedback.Subscribe(b, new FeedbackRates("b", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, ControlClientId.None));
        f.Control.Hub.Pump(TimeSpan.Zero);
        Assert.Empty(Assert.Single(a.Markers).Markers); // the initial state on subscribing
        f.Control.AddMarker(mixer, new Marker("Reel 1", 1000));
        f.Control.AddMarker(mixer, new Marker("2-pop", 0));
        f.Control.Hub.Pump(TimeSpan.FromMilliseconds(5)); // two edits in one round: the newest list is delivered once
        f.Control.ChangeMarker(mixer, "Reel 1", new Marker("Reel 1 FFOA", 1200, Comment: "first frame of action"));
        f.Control.Hub.Pump(TimeSpan.FromMilliseconds(10));
        f.Control.RemoveMarker(mixer, "2-pop");
        f.Control.Hub.Pump(TimeSpan.FromMilliseconds(15));
        foreach (var subscriber in new[] { a, b })
        {
            var states = subscriber.Markers;
            Assert.Equal(4, states.Count);
            Assert.Equal(["2-pop", "Reel 1"], states[1].Markers.Select(m => m.Name));
            Assert.Equal(["2-pop", "Reel 1 FFOA"], states[2].Markers.Select(m => m.Name));
            Assert.Equal(["Reel 1 FFOA"], states[3].Markers.Select(m => m.Name));
            Assert.Equal(["add", "change", "remove"], states.Skip(1).Select(s => s.Action));
            Assert.All(states.Skip(1), s => Assert.Equal(mixer, s.ChangedBy)); // the changer sees its own edit too: markers are state
        }
        Assert.Equal([new Marker("Reel 1 FFOA", 1200, Comment: "first frame of action")], f.Control.LiveSession().Markers);
    }

    [Fact]
    public void Undo_and_redo_step_through_marker_edits_one_at_a_time()
    {
        using var f = new ControlFixture();
        var mixer = f.Control.RegisterClient("mixer");
        f.Control.AddMarker(mixer, new Marker("A", 10));
        f.Control.AddMarker(mixer, new Marker("B", 20));
        f.Control.ChangeMarker(mixer, "A", new Marker("A", 30));
        Assert.Equal(3, f.Control.MarkerUndoDepth);
        Assert.True(f.Control.UndoMarkerEdit(mixer));
        Assert.Equal([new Marker("A", 10), new Marker("B", 20)], f.Control.Markers);
        Assert.True(f.Control.UndoMarkerEdit(mixer));
        Assert.Equal([new Marker("A", 10)], f.Control.Markers);
        Assert.True(f.Control.RedoMarkerEdit(mixer));
        Assert.Equal([new Marker("A", 10), new Marker("B", 20)], f.Control.Markers);
        Assert.Equal("redo add", f.Control.MarkerState.Action);
        f.Control.RemoveMarker(mixer, "A"); // a new edit clears what could be redone
        Assert.False(f.Control.RedoMarkerEdit(mixer));
        Assert.True(f.Control.UndoMarkerEdit(mixer));
        Assert.True(f.Control.UndoMarkerEdit(mixer));
        Assert.True(f.Control.UndoMarkerEdit(mixer));
        Assert.Empty(f.Control.Markers);
        Assert.False(f.Control.UndoMarkerEdit(mixer));
    }

    [Fact]
    public void A_refused_edit_changes_nothing_and_records_no_step()
    {
        using var f = new ControlFixture();
        var mixer = f.Control.RegisterClient("mixer");
        f.Control.AddMarker(mixer, new Marker("A", 10));
        var state = f.Control.MarkerState;
        Assert.Contains("exists already", Assert.Throws<ArgumentException>(() => f.Control.AddMarker(mixer, new Marker("A", 5))).Message);
        Assert.Contains("no marker named 'Z'", Assert.Throws<MarkerNotFoundException>(() => f.Control.RemoveMarker(mixer, "Z")).Message);
        Assert.Contains("not after its start", Assert.Throws<ArgumentException>(() => f.Control.ChangeMarker(mixer, "A", new Marker("A", 10, 5))).Message);
        Assert.Same(state, f.Control.MarkerState);
        Assert.Equal(1, f.Control.MarkerUndoDepth);
    }

    [Fact]
    public void Locating_to_a_marker_by_name_number_next_and_previous_moves_the_playhead()
    {
        using var f = new ControlFixture();
        var mixer = f.Control.RegisterClient("mixer");
        f.Control.AddMarker(mixer, new Marker("Sc 1", 4800));
        f.Control.AddMarker(mixer, new Marker("Loop", 9600, 19200));
        f.Control.AddMarker(mixer, new Marker("Sc 2", 24000));
        long Position()
        {
            f.Render();
            return f.Control.Transport.Position;
        }
        Assert.Equal("Sc 2", f.Control.LocateToMarker(mixer, "Sc 2").Name);
        Assert.Equal(24000, Position());
        Assert.Equal("Loop", f.Control.LocateToMarker(mixer, 2).Name);
        Assert.Equal(9600, Position());
        Assert.Equal("Sc 2", f.Control.LocateToNextMarker(mixer)!.Name);
        Assert.Equal(24000, Position());
        Assert.Null(f.Control.LocateToNextMarker(mixer)); // none after: the session end, as Ardour does
        Assert.Equal(ControlFixture.Length, Position());
        Assert.Equal("Sc 2", f.Control.LocateToPreviousMarker(mixer)!.Name);
        Assert.Equal(24000, Position());
        f.Control.LocateToMarker(mixer, "Sc 1");
        Position();
        Assert.Null(f.Control.LocateToPreviousMarker(mixer)); // none before: the session start
        Assert.Equal(0, Position());
        Assert.Throws<MarkerNotFoundException>(() => f.Control.LocateToMarker(mixer, 4));
        Assert.Throws<MarkerNotFoundException>(() => f.Control.LocateToMarker(mixer, "Sc 3"));
    }

    [Fact]
    public void A_structural_edit_keeps_the_markers_unless_it_brings_its_own()
    {
        using var f = new ControlFixture();
        var mixer = f.Control.RegisterClient("mixer");
        f.Control.AddMarker(mixer, new Marker("A", 10));
        var renamed = f.Control.Session with { Name = "renamed", Markers = MarkerList.Empty };
        f.Control.ApplySession(renamed, f.Build, MarkerInstall.KeepCurrent);
        Assert.Equal([new Marker("A", 10)], f.Control.Markers);
        Assert.Equal(1, f.Control.MarkerUndoDepth);
        f.Control.ApplySession(f.Control.Session with { Markers = MarkerList.From([new Marker("B", 5)]) }, f.Build);
        Assert.Equal([new Marker("B", 5)], f.Control.Markers);
        Assert.Equal("session", f.Control.MarkerState.Action);
        Assert.Equal(0, f.Control.MarkerUndoDepth); // the old steps do not lead to the new list
    }
}
