using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Markers over OSC: Ardour's marker addresses (<c>/add_marker</c>, <c>/remove_marker</c>, <c>/next_marker</c>,
/// <c>/prev_marker</c>, <c>/marker</c>, as Ardour's libs/surfaces/osc/osc.cc registers them) and the
/// <c>/mixengine/marker/…</c> namespace; every edit goes through <see cref="IMixControl"/>, whose feedback hub tells every
/// client that watches markers (docs/osc.md, Markers).
/// </summary>
public sealed partial class OscSurface
{
    /// <summary>Ardour's marker addresses, in the order of docs/osc.md.</summary>
    internal static readonly string[] ArdourMarkerAddresses = ["/add_marker", "/remove_marker", "/next_marker", "/prev_marker", "/marker"];

    /// <summary>The <c>/mixengine/marker</c> addresses.</summary>
    internal static readonly string[] MarkerAddresses =
    [
        "/mixengine/markers", "/mixengine/marker/add", "/mixengine/marker/remove", "/mixengine/marker/rename", "/mixengine/marker/move",
        "/mixengine/marker/goto", "/mixengine/marker/next", "/mixengine/marker/previous", "/mixengine/marker/loop",
        "/mixengine/marker/undo", "/mixengine/marker/redo",
    ];

    /// <summary>One of Ardour's marker addresses (a button press, or <c>/add_marker s</c>, <c>/marker s|i|f</c>).</summary>
    private void ArdourMarker(OscMessage m, OscSurfaceClient client)
    {
        bool named = m.Arguments.Count == 1 && m.Arguments[0].Tag == 's';
        switch (m.Address)
        {
            case "/add_marker":
                if (named || Pressed(m))
                    _control.AddMarker(client.Id, new Marker(named ? m.Arguments[0].AsString : _control.Markers.UnusedName(), _control.Transport.Position));
                break;
            case "/remove_marker":
                if (!Pressed(m)) break;
                long playhead = _control.Transport.Position;
                var here = _control.Markers.StartingAt(playhead);
                if (here.Count == 0) throw new OscCommandException(m.Address, $"no marker starts at the playhead (sample {playhead}); expected the playhead on a marker (/marker or /mixengine/marker/goto locate to one)");
                foreach (var marker in here) _control.RemoveMarker(client.Id, marker.Name);
                break;
            case "/next_marker":
                if (Pressed(m)) _control.LocateToNextMarker(client.Id);
                break;
            case "/prev_marker":
                if (Pressed(m)) _control.LocateToPreviousMarker(client.Id);
                break;
            default:
                SetMarker(m, client);
                break;
        }
    }

    /// <summary>
    /// Ardour's <c>/marker</c>: a number locates to that marker (1-based, timeline order); a name locates to the marker
    /// so named, or, when none is and a marker starts at the playhead, renames that one. Ardour stops the transport as
    /// it locates (<c>MustStop</c> in <c>OSC::set_marker</c>), so this does too.
    /// </summary>
    private void SetMarker(OscMessage m, OscSurfaceClient client)
    {
        if (m.Arguments.Count != 1)
            throw new OscCommandException(m.Address, $"{m.Arguments.Count} arguments; expected one: a marker number (1-based, timeline order) or a marker name");
        Marker target;
        if (m.Arguments[0].Tag == 's')
        {
            string name = m.Arguments[0].AsString;
            var markers = _control.Markers;
            if (markers.Find(name) is { } found) target = found;
            else
            {
                var here = markers.StartingAt(_control.Transport.Position);
                if (here.Count != 1)
                    throw new OscCommandException(m.Address, $"no marker named '{name}' and {(here.Count == 0 ? "no" : "more than one")} marker at the playhead to rename; expected a marker name ({string.Join(", ", markers.Select(x => x.Name))})");
                _control.ChangeMarker(client.Id, here[0].Name, here[0] with { Name = name });
                return;
            }
        }
        else target = _control.Markers.Numbered(MarkerNumber(m, 0));
        _control.Stop(client.Id);
        _control.LocateToMarker(client.Id, target.Name);
    }

    /// <summary>The <c>/mixengine/marker/…</c> and <c>/mixengine/markers</c> addresses.</summary>
    private void NamespaceMarker(OscMessage m, OscSurfaceClient client)
    {
        switch (m.Address)
        {
            case "/mixengine/markers":
                client.WatchMarkers(m.Arguments.Count == 0 || Number(m, 0, "1 (watch) or 0 (stop)") >= 0.5);
                break;
            case "/mixengine/marker/add":
            {
                string name = m.Arguments.Count > 0 ? Text(m, 0, "the marker name") : _control.Markers.UnusedName();
                long position = m.Arguments.Count > 1 ? Position(m, 1, "the marker position") : _control.Transport.Position;
                long? end = m.Arguments.Count > 2 ? Position(m, 2, "the range end") : null;
                _control.AddMarker(client.Id, new Marker(name, position, end));
                break;
            }
            case "/mixengine/marker/remove":
                _control.RemoveMarker(client.Id, Target(m).Name);
                break;
            case "/mixengine/marker/rename":
            {
                var marker = Target(m);
                _control.ChangeMarker(client.Id, marker.Name, marker with { Name = Text(m, 1, "the new name") });
                break;
            }
            case "/mixengine/marker/move":
            {
                var marker = Target(m);
                long position = Position(m, 1, "the new position");
                long? end = m.Arguments.Count > 2 ? Position(m, 2, "the new range end") : marker.End + (position - marker.Position);
                _control.ChangeMarker(client.Id, marker.Name, marker with { Position = position, End = end });
                break;
            }
            case "/mixengine/marker/goto":
                _control.LocateToMarker(client.Id, Target(m).Name);
                break;
            case "/mixengine/marker/next":
                if (Pressed(m)) _control.LocateToNextMarker(client.Id);
                break;
            case "/mixengine/marker/previous":
                if (Pressed(m)) _control.LocateToPreviousMarker(client.Id);
                break;
            case "/mixengine/marker/loop":
            {
                var marker = Target(m);
                if (marker.End is not { } loopEnd)
                    throw new OscCommandException(m.Address, $"marker '{marker.Name}' is a point, not a range; expected a range marker (one with an end)");
                _control.SetLoop(client.Id, new LoopRange(marker.Position, loopEnd));
                break;
            }
            case "/mixengine/marker/undo" or "/mixengine/marker/redo":
                if (!Pressed(m)) break;
                bool undo = m.Address.EndsWith("undo", StringComparison.Ordinal);
                if (!(undo ? _control.UndoMarkerEdit(client.Id) : _control.RedoMarkerEdit(client.Id)))
                    throw new OscCommandException(m.Address, undo ? "no marker edit to undo" : "no undone marker edit to redo (a new edit clears them)");
                break;
            default:
                throw new OscCommandException(m.Address, $"unknown marker address; expected one of {string.Join(", ", MarkerAddresses)}");
        }
    }

    /// <summary>The marker the first argument names: a name (string) or a number (1-based, timeline order).</summary>
    private Marker Target(OscMessage m) =>
        m.Arguments.Count > 0 && m.Arguments[0].Tag == 's' ? _control.Markers.Named(m.Arguments[0].AsString) : _control.Markers.Numbered(MarkerNumber(m, 0));

    /// <summary>A position argument: samples from the session start (a number) or a timecode label at the session's rate (a string).</summary>
    private long Position(OscMessage m, int index, string what)
    {
        if (index < m.Arguments.Count && m.Arguments[index].Tag == 's')
        {
            string text = m.Arguments[index].AsString;
            if (!Timecode.TryParse(text, _control.Transport.Timecode.Rate, out var tc, out string error))
                throw new OscCommandException(m.Address, $"argument {index + 1} ('{text}'): {error}; expected {what} as HH:MM:SS:FF or samples");
            return _control.PositionOf(tc);
        }
        return (long)Math.Round(Number(m, index, $"{what} in samples from the session start, or a timecode string HH:MM:SS:FF"));
    }

    private static int MarkerNumber(OscMessage m, int index)
    {
        double n = Number(m, index, "a marker number (1-based, timeline order) or a marker name");
        return n == Math.Round(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n
            : throw new OscCommandException(m.Address, $"marker number {n} is not a whole number; expected 1, 2, 3 …");
    }

    private static string Text(OscMessage m, int index, string what)
    {
        if (index >= m.Arguments.Count) throw new OscCommandException(m.Address, $"argument {index + 1} is missing; expected {what} (a string)");
        return m.Arguments[index].Tag == 's' ? m.Arguments[index].AsString
            : throw new OscCommandException(m.Address, $"argument {index + 1} has type '{m.Arguments[index].Tag}'; expected {what} as a string");
    }
}
