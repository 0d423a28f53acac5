using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Marker feedback of an <see cref="OscSurfaceClient"/> that watches markers (<c>/mixengine/markers</c>): the whole list
/// as <c>/mixengine/markers i:count</c> followed by one <c>/mixengine/marker i:number s:name h:position s:timecode
/// h:end s:colour s:comment</c> per marker (end −1 for a point marker, empty strings for no colour or comment), sent
/// when the client starts watching, on <c>/refresh</c> and whenever the list changes (by anyone, the client included).
/// Every member runs under the client's lock.
/// </summary>
internal sealed partial class OscSurfaceClient
{
    private bool _watchMarkers;
    private MarkerList? _markersSent;

    /// <inheritdoc/>
    public void OnMarkers(MarkerState markers)
    {
        lock (_gate)
            if (_watchMarkers && !ReferenceEquals(markers.Markers, _markersSent)) SendMarkers(markers.Markers);
    }

    /// <summary>Watches the markers (sends the list now) or stops watching them.</summary>
    public void WatchMarkers(bool on)
    {
        lock (_gate)
        {
            _watchMarkers = on;
            if (on) SendMarkers(_control.Markers);
        }
    }

    /// <summary>The list again for a full-state push, when the client watches markers.</summary>
    private void SendWatchedMarkers()
    {
        if (_watchMarkers) SendMarkers(_control.Markers);
    }

    private void SendMarkers(MarkerList markers)
    {
        _markersSent = markers;
        var count = new OscWriter(_buffer, "/mixengine/markers", "i");
        count.Int32(markers.Count);
        Flush(count.Length);
        for (int i = 0; i < markers.Count; i++)
        {
            var m = markers[i];
            var w = new OscWriter(_buffer, "/mixengine/marker", "ishshss");
            w.Int32(i + 1);
            w.String(m.Name);
            w.Int64(m.Position);
            w.String(_control.TimecodeAt(m.Position).ToString());
            w.Int64(m.End ?? -1);
            w.String(m.Colour ?? "");
            w.String(m.Comment ?? "");
            Flush(w.Length);
        }
    }
}
