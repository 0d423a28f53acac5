using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.V1;
using MixEngine.Session;
using Marker = MixEngine.Session.Marker;
using MarkerList = MixEngine.Protocol.V1.MarkerList;

namespace MixEngine.Protocol.Services;

/// <summary>The marker calls of <c>mixengine.v1.SessionService</c>: proto markers to <see cref="IMixControl"/>'s marker edits and back. Request threads.</summary>
public sealed partial class SessionApi
{
    /// <inheritdoc/>
    public override Task<MarkerList> ListMarkers(ListMarkersRequest request, ServerCallContext context) => Markers();

    /// <inheritdoc/>
    public override Task<MarkerList> AddMarker(AddMarkerRequest request, ServerCallContext context)
    {
        var wanted = request.Marker ?? throw new ArgumentException("marker: missing; expected the marker to add (name and position)");
        long? at = request.AtPlayhead ? control.Transport.Position : null;
        control.AddMarker(callers.ClientOf(context), FromProto(wanted, "marker", keepName: null, at));
        return Markers();
    }

    /// <inheritdoc/>
    public override Task<MarkerList> UpdateMarker(UpdateMarkerRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name)) throw new ArgumentException("name: empty; expected the name of the marker to change");
        control.Markers.Named(request.Name);
        var wanted = request.Marker ?? throw new ArgumentException("marker: missing; expected the marker as it should be");
        control.ChangeMarker(callers.ClientOf(context), request.Name, FromProto(wanted, "marker", keepName: request.Name, at: null));
        return Markers();
    }

    /// <inheritdoc/>
    public override Task<MarkerList> RemoveMarker(RemoveMarkerRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Name)) throw new ArgumentException("name: empty; expected the name of the marker to remove");
        control.RemoveMarker(callers.ClientOf(context), request.Name);
        return Markers();
    }

    /// <inheritdoc/>
    public override Task<MarkerList> UndoMarkerEdit(UndoMarkerEditRequest request, ServerCallContext context) =>
        control.UndoMarkerEdit(callers.ClientOf(context)) ? Markers() : throw new InvalidOperationException("nothing to undo: no marker edit since the session was loaded");

    /// <inheritdoc/>
    public override Task<MarkerList> RedoMarkerEdit(RedoMarkerEditRequest request, ServerCallContext context) =>
        control.RedoMarkerEdit(callers.ClientOf(context)) ? Markers() : throw new InvalidOperationException("nothing to redo: no undone marker edit (a new marker edit clears them)");

    /// <summary>A marker as the wire carries it (positions as samples and labels, its 1-based number).</summary>
    internal static V1.Marker ToProto(Marker m, int number, IMixControl control)
    {
        var proto = new V1.Marker
        {
            Name = m.Name,
            PositionSamples = m.Position,
            Timecode = control.TimecodeAt(m.Position).ToString(),
            Colour = m.Colour ?? "",
            Comment = m.Comment ?? "",
            Number = number,
        };
        if (m.End is { } end)
        {
            proto.EndSamples = end;
            proto.EndTimecode = control.TimecodeAt(end).ToString();
        }
        return proto;
    }

    private Task<MarkerList> Markers()
    {
        var list = new MarkerList { UndoDepth = control.MarkerUndoDepth, RedoDepth = control.MarkerRedoDepth };
        var markers = control.Markers;
        for (int i = 0; i < markers.Count; i++) list.Markers.Add(ToProto(markers[i], i + 1, control));
        return Task.FromResult(list);
    }

    /// <summary>The engine marker a request describes; bad fields throw <see cref="ArgumentException"/> naming them under <paramref name="field"/>.</summary>
    private Marker FromProto(V1.Marker m, string field, string? keepName, long? at)
    {
        string name = m.Name.Length == 0 && keepName is not null ? keepName : m.Name;
        long position = at ?? Position(m.Timecode, m.PositionSamples, $"{field}.timecode", $"{field}.position_samples");
        long? end = m.EndTimecode.Length > 0 || m.EndSamples != 0 ? Position(m.EndTimecode, m.EndSamples, $"{field}.end_timecode", $"{field}.end_samples") : null;
        var marker = new Marker(name, position, end, m.Colour.Length == 0 ? null : m.Colour, m.Comment.Length == 0 ? null : m.Comment);
        if (marker.Problem() is { } problem) throw new ArgumentException($"{field}: {problem}");
        return marker;
    }

    private long Position(string timecode, long samples, string timecodeField, string samplesField)
    {
        if (timecode.Length == 0)
            return samples >= 0 ? samples : throw new ArgumentException($"{samplesField}: {samples} is before the session start; expected 0 or more samples");
        if (!Timecode.TryParse(timecode, control.Session.TimecodeRate, out var label, out string error)) throw new ArgumentException($"{timecodeField}: {error}");
        try
        {
            return control.PositionOf(label);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{timecodeField}: {e.Message}");
        }
    }
}
