using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// Markers (docs/session-format.md, Markers): named positions and ranges kept in the session, edited by any client (each
/// edit one undo step of the marker history), used to locate the playhead. Every change is published to every feedback
/// subscriber (<see cref="IFeedbackSubscriber.OnMarkers"/>). Bad input throws <see cref="ArgumentException"/> naming the
/// marker and what was expected, with nothing changed.
/// </summary>
public partial interface IMixControl
{
    /// <summary>The session's markers in timeline order (numbers are 1-based in this order); any control thread.</summary>
    MarkerList Markers { get; }

    /// <summary>Adds a marker (its name must be new); one undo step. Returns it. Any control thread.</summary>
    Marker AddMarker(ControlClientId client, Marker marker);

    /// <summary>
    /// Replaces the marker named <paramref name="name"/> by <paramref name="changed"/>: a rename, a move, a new range end,
    /// colour or comment, or all at once; one undo step. Returns the changed marker. Any control thread.
    /// </summary>
    Marker ChangeMarker(ControlClientId client, string name, Marker changed);

    /// <summary>Removes the marker named <paramref name="name"/>; one undo step. Returns the removed marker. Any control thread.</summary>
    Marker RemoveMarker(ControlClientId client, string name);

    /// <summary>Takes back the newest marker edit (or the newest one redone); false when there is none. Any control thread.</summary>
    bool UndoMarkerEdit(ControlClientId client);

    /// <summary>Re-applies the newest undone marker edit; false when there is none (a new edit clears them). Any control thread.</summary>
    bool RedoMarkerEdit(ControlClientId client);

    /// <summary>Moves the playhead to the marker named <paramref name="name"/> (a range: to its start); playing continues from there. Returns the marker. Any control thread.</summary>
    Marker LocateToMarker(ControlClientId client, string name);

    /// <summary>Moves the playhead to marker number <paramref name="number"/> (1-based, timeline order). Returns the marker. Any control thread.</summary>
    Marker LocateToMarker(ControlClientId client, int number);

    /// <summary>
    /// Moves the playhead to the first marker starting after it; with none after it, to the session end (as Ardour's
    /// next-marker does), returning null. Any control thread.
    /// </summary>
    Marker? LocateToNextMarker(ControlClientId client);

    /// <summary>
    /// Moves the playhead to the last marker starting before it; with none before it, to the session start (as Ardour's
    /// previous-marker does), returning null. Any control thread.
    /// </summary>
    Marker? LocateToPreviousMarker(ControlClientId client);

    /// <summary>The timecode label of timeline position <paramref name="position"/> (session start + position) at the session's rate, for showing markers; any control thread.</summary>
    Timecode TimecodeAt(long position);

    /// <summary>The timeline position of a timecode label at the session's rate; throws <see cref="ArgumentException"/> when it lies before the session start. Any control thread.</summary>
    long PositionOf(Timecode timecode);
}
