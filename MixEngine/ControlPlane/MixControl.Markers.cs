using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>Markers: kept in <see cref="Session"/> (so saves and session edits carry them), edited under the edit lock, published through the feedback hub.</summary>
public sealed partial class MixControl
{
    private readonly MarkerHistory _markerHistory = new();
    private MarkerState? _markerState;

    /// <inheritdoc/>
    public MarkerList Markers => Session.Markers;

    /// <summary>The markers with who changed them last; any control thread.</summary>
    public MarkerState MarkerState => Volatile.Read(ref _markerState) ?? new MarkerState(Session.Markers, ControlClientId.None, "start", 0);

    /// <summary>Marker edits that <see cref="UndoMarkerEdit"/> can take back; any control thread.</summary>
    public int MarkerUndoDepth
    {
        get { lock (_edit) return _markerHistory.UndoCount; }
    }

    /// <summary>Undone marker edits that <see cref="RedoMarkerEdit"/> can restore; any control thread.</summary>
    public int MarkerRedoDepth
    {
        get { lock (_edit) return _markerHistory.RedoCount; }
    }

    /// <summary>The marker state last changed, or null before the first change (the hub's thread polls it without allocating).</summary>
    internal MarkerState? PublishedMarkers => Volatile.Read(ref _markerState);

    /// <inheritdoc/>
    public Marker AddMarker(ControlClientId client, Marker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        EditMarkers(client, "add", markers => markers.With(marker));
        return marker;
    }

    /// <inheritdoc/>
    public Marker ChangeMarker(ControlClientId client, string name, Marker changed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(changed);
        EditMarkers(client, "change", markers => markers.Replace(name, changed));
        return changed;
    }

    /// <inheritdoc/>
    public Marker RemoveMarker(ControlClientId client, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Marker? removed = null;
        EditMarkers(client, "remove", markers =>
        {
            removed = markers.Named(name);
            return markers.Without(name);
        });
        return removed!;
    }

    /// <summary>
    /// Replaces every marker at once (a session edit's markers) as one undo step; nothing happens when the list is the
    /// same. Any control thread.
    /// </summary>
    public void ReplaceMarkers(ControlClientId client, MarkerList markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        if (!markers.SameAs(Markers)) EditMarkers(client, "replace", _ => markers);
    }

    /// <inheritdoc/>
    public bool UndoMarkerEdit(ControlClientId client) => Step(client, "undo", () => _markerHistory.Undo());

    /// <inheritdoc/>
    public bool RedoMarkerEdit(ControlClientId client) => Step(client, "redo", () => _markerHistory.Redo());

    /// <inheritdoc/>
    public Marker LocateToMarker(ControlClientId client, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var marker = Markers.Named(name);
        Locate(client, marker.Position);
        return marker;
    }

    /// <inheritdoc/>
    public Marker LocateToMarker(ControlClientId client, int number)
    {
        var marker = Markers.Numbered(number);
        Locate(client, marker.Position);
        return marker;
    }

    /// <inheritdoc/>
    public Marker? LocateToNextMarker(ControlClientId client)
    {
        var next = Markers.After(Transport.Position);
        Locate(client, next?.Position ?? Session.TimelineEnd);
        return next;
    }

    /// <inheritdoc/>
    public Marker? LocateToPreviousMarker(ControlClientId client)
    {
        var previous = Markers.Before(Transport.Position);
        Locate(client, previous?.Position ?? 0);
        return previous;
    }

    /// <inheritdoc/>
    public Timecode TimecodeAt(long position)
    {
        var session = Session;
        return Timecode.FromSamplesSinceMidnight(session.StartSamplesSinceMidnight + position, session.SampleRate, session.TimecodeRate);
    }

    /// <inheritdoc/>
    public long PositionOf(Timecode timecode)
    {
        var session = Session;
        long position = timecode.ToSamplesSinceMidnight(session.SampleRate) - session.StartSamplesSinceMidnight;
        return position >= 0 ? position
            : throw new ArgumentException($"timecode {timecode} lies before the session start {session.Start}; expected a timecode at or after it", nameof(timecode));
    }

    /// <summary>Called by <see cref="ApplySession"/> under the edit lock: the markers <paramref name="edited"/> should carry per <paramref name="install"/>.</summary>
    private MarkerList MarkersToInstall(MixSession edited, MarkerList current, MarkerInstall install) =>
        install == MarkerInstall.KeepCurrent || edited.Markers.SameAs(current) ? current : edited.Markers;

    /// <summary>Called by <see cref="ApplySession"/> under the edit lock after the swap: publishes a marker change and keeps the history consistent.</summary>
    private void MarkersInstalled(MarkerList before, MarkerList after, MarkerInstall install)
    {
        if (install == MarkerInstall.Load) _markerHistory.Clear();
        if (ReferenceEquals(before, after)) return;
        _markerHistory.Clear();
        Publish(after, ControlClientId.None, "session");
    }

    private void EditMarkers(ControlClientId client, string action, Func<MarkerList, MarkerList> edit)
    {
        _clients.Check(client);
        lock (_edit)
        {
            var slots = Volatile.Read(ref _slots);
            var before = slots.Session.Markers;
            var after = edit(before);
            Volatile.Write(ref _slots, slots.WithSession(slots.Session with { Markers = after }));
            _markerHistory.Record(before, after, action);
            Publish(after, client, action);
        }
    }

    private bool Step(ControlClientId client, string action, Func<(MarkerList Markers, string What)?> step)
    {
        _clients.Check(client);
        lock (_edit)
        {
            if (step() is not { } target) return false;
            var slots = Volatile.Read(ref _slots);
            Volatile.Write(ref _slots, slots.WithSession(slots.Session with { Markers = target.Markers }));
            Publish(target.Markers, client, $"{action} {target.What}");
            return true;
        }
    }

    private void Publish(MarkerList markers, ControlClientId client, string action)
    {
        long version = (Volatile.Read(ref _markerState)?.Version ?? 0) + 1;
        Volatile.Write(ref _markerState, new MarkerState(markers, client, action, version));
    }
}
