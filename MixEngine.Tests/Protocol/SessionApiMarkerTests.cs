using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// The marker calls of SessionService (and marker targets of TransportService.Locate, MarkersChanged events) over a
/// real in-process server. The fixture session runs at 48 kHz, 24 fps from 01:00:00:00 (2,000 samples a frame).
/// </summary>
public class SessionApiMarkerTests
{
    private static long Playhead(TransportService.TransportServiceClient t, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15); // the engine's thread may lag on a loaded machine
        long position;
        do position = t.GetTransport(new GetTransportRequest()).PositionSamples;
        while (position != expected && DateTime.UtcNow < deadline);
        return position;
    }

    [Fact]
    public void A_mixer_adds_changes_and_removes_markers_and_an_observer_lists_them_in_timeline_order()
    {
        using var f = new GrpcFixture();
        var desk = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.MixerKey));
        var observer = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.ObserverKey));
        desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "Sc 12", Timecode = "01:00:01:00", EndTimecode = "01:00:02:00", Colour = "#FF8800" } });
        var added = desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "2-pop", PositionSamples = 0 } });
        Assert.Equal((2, 0), (added.UndoDepth, added.RedoDepth));

        var list = observer.ListMarkers(new ListMarkersRequest()).Markers;
        Assert.Equal([("2-pop", 1, 0L, "01:00:00:00", 0L), ("Sc 12", 2, 48000L, "01:00:01:00", 96000L)],
            list.Select(m => (m.Name, m.Number, m.PositionSamples, m.Timecode, m.EndSamples)));
        Assert.Equal(("01:00:02:00", "", "#FF8800"), (list[1].EndTimecode, list[0].EndTimecode, list[1].Colour));

        var changed = desk.UpdateMarker(new UpdateMarkerRequest { Name = "Sc 12", Marker = new Marker { Name = "Sc 12 alt", PositionSamples = 2000, Comment = "re-cut" } });
        Assert.Equal(("Sc 12 alt", 2000L, 0L, "re-cut", ""), (changed.Markers[1].Name, changed.Markers[1].PositionSamples, changed.Markers[1].EndSamples, changed.Markers[1].Comment, changed.Markers[1].Colour));
        var removed = desk.RemoveMarker(new RemoveMarkerRequest { Name = "2-pop" });
        Assert.Equal(["Sc 12 alt"], removed.Markers.Select(m => m.Name));
        var undone = desk.UndoMarkerEdit(new UndoMarkerEditRequest());
        Assert.Equal(["2-pop", "Sc 12 alt"], undone.Markers.Select(m => m.Name));
        Assert.Equal((3, 1), (undone.UndoDepth, undone.RedoDepth));
        Assert.Equal(["Sc 12 alt"], desk.RedoMarkerEdit(new RedoMarkerEditRequest()).Markers.Select(m => m.Name));
        Assert.Equal(StatusCode.PermissionDenied,
            Assert.Throws<RpcException>(() => observer.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "x" } })).StatusCode);
    }

    [Fact]
    public void Bad_marker_requests_name_the_field_and_change_nothing()
    {
        using var f = new GrpcFixture();
        var desk = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.MixerKey));
        desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "A", PositionSamples = 10 } });
        RpcException Refused(Action call) => Assert.Throws<RpcException>(call);
        var taken = Refused(() => desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "A", PositionSamples = 5 } }));
        Assert.Equal(StatusCode.InvalidArgument, taken.StatusCode);
        Assert.Contains("exists already", taken.Status.Detail);
        var colour = Refused(() => desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "B", Colour = "red" } }));
        Assert.StartsWith("marker: marker 'B' colour 'red'", colour.Status.Detail);
        var early = Refused(() => desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "B", Timecode = "00:59:59:00" } }));
        Assert.StartsWith("marker.timecode:", early.Status.Detail);
        var missing = Refused(() => desk.RemoveMarker(new RemoveMarkerRequest { Name = "Z" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no marker named 'Z'; markers: A", missing.Status.Detail);
        Assert.Equal(StatusCode.NotFound, Refused(() => desk.UpdateMarker(new UpdateMarkerRequest { Name = "Z", Marker = new Marker { Name = "Y" } })).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, Refused(() => desk.RedoMarkerEdit(new RedoMarkerEditRequest())).StatusCode);
        Assert.Equal(["A"], desk.ListMarkers(new ListMarkersRequest()).Markers.Select(m => m.Name));
    }

    [Fact]
    public void Locate_reaches_markers_by_name_number_and_step_and_a_marker_added_at_the_playhead_lands_there()
    {
        using var f = new GrpcFixture();
        var desk = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.MixerKey));
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        transport.Locate(new LocateRequest { PositionSamples = 4000 });
        Assert.Equal(4000, Playhead(transport, 4000));
        desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "Here" }, AtPlayhead = true });
        desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "Later", PositionSamples = 20000 } });

        transport.Locate(new LocateRequest { MarkerName = "Later" });
        Assert.Equal(20000, Playhead(transport, 20000));
        transport.Locate(new LocateRequest { MarkerNumber = 1 });
        Assert.Equal(4000, Playhead(transport, 4000));
        transport.Locate(new LocateRequest { MarkerStep = MarkerStep.Next });
        Assert.Equal(20000, Playhead(transport, 20000));
        transport.Locate(new LocateRequest { MarkerStep = MarkerStep.Previous });
        Assert.Equal(4000, Playhead(transport, 4000));
        Assert.Equal(StatusCode.NotFound, Assert.Throws<RpcException>(() => transport.Locate(new LocateRequest { MarkerNumber = 3 })).StatusCode);
        Assert.StartsWith("marker_step:", Assert.Throws<RpcException>(() => transport.Locate(new LocateRequest { MarkerStep = MarkerStep.Unspecified })).Status.Detail);
    }

    [Fact]
    public void Marker_changes_are_events_with_the_whole_list_and_who_made_them()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var desk = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.MixerKey));
        using var call = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        Event? Next(Func<Event, bool> match)
        {
            while (call.ResponseStream.MoveNext().GetAwaiter().GetResult())
                if (match(call.ResponseStream.Current)) return call.ResponseStream.Current;
            return null;
        }
        Assert.Empty(Next(e => e.Markers is not null)!.Markers.Markers); // the initial state: no markers
        desk.AddMarker(new AddMarkerRequest { Marker = new Marker { Name = "Reel 2", PositionSamples = 480 } });
        var added = Next(e => e.Markers is not null)!;
        Assert.Equal(("add", "grpc desk"), (added.Markers.Action, added.Source));
        Assert.Equal([("Reel 2", 480L, 1)], added.Markers.Markers.Select(m => (m.Name, m.PositionSamples, m.Number)));
    }
}
