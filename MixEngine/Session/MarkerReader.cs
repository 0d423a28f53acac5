using System.Text.Json;

namespace MixEngine.Session;

/// <summary>
/// Reads the session file's optional <c>markers</c> array (docs/session-format.md, Markers) into a <see cref="MarkerList"/>,
/// recording each problem with its JSON path (<c>$.markers[2].end</c>) and keeping every valid marker. Control side.
/// </summary>
internal static class MarkerReader
{
    private static readonly string[] Fields = ["name", "position", "end", "colour", "comment"];

    /// <summary>The markers of <paramref name="root"/>'s <c>markers</c> field (empty when absent); positions read against <paramref name="timeline"/>.</summary>
    public static MarkerList Read(JsonObjectReader root, SessionTimeline timeline, SessionProblemList problems)
    {
        var markers = new List<Marker>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in root.Array("markers", required: false, "markers"))
        {
            if (!JsonObjectReader.TryOpen(item, path, problems, "a marker", Fields, out var r)) continue;
            string? name = r.String("name", required: true, "the marker name (non-empty string)");
            if (name is not null && Marker.NameProblem(name) is { } nameProblem)
            {
                r.Problem("name", nameProblem);
                name = null;
            }
            else if (name is not null && names.TryGetValue(name, out string? first))
            {
                r.Problem("name", $"marker name '{name}' is used already by {first}; expected unique marker names");
                name = null;
            }
            long? position = r.Required("position", "a timecode label or samples from the session start") is { } p
                ? timeline.ReadPosition(p, r.PathOf("position"), problems, "marker position") : null;
            long? end = r.Get("end") is { } e ? timeline.ReadPosition(e, r.PathOf("end"), problems, "marker end") : null;
            if (position is { } start && end is { } stop && stop <= start)
            {
                r.Problem("end", $"range end {stop} is not after the marker position {start}; expected an end after the position, or no end for a point marker");
                end = null;
            }
            string? colour = r.String("colour", required: false, "a colour #RRGGBB");
            if (colour is not null && !System.Text.RegularExpressions.Regex.IsMatch(colour, Marker.ColourPattern))
            {
                r.Problem("colour", $"'{colour}' is not a colour; expected #RRGGBB (hex digits)");
                colour = null;
            }
            string? comment = r.String("comment", required: false, "a comment (non-empty string)");
            if (name is null || position is null) continue;
            names[name] = path;
            var marker = new Marker(name, position.Value, end, colour, comment);
            if (marker.Problem() is { } problem) problems.Add(path, problem);
            else markers.Add(marker);
        }
        return MarkerList.From(markers);
    }
}
