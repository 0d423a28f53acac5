using System.Text.Json;

namespace MixEngine.Session;

/// <summary>
/// Reads and checks the session's <c>layouts</c> section (docs/session-format.md, Layouts): each layout has a unique
/// non-empty name and lists ids of the session's tracks, buses and VCAs, each at most once. Problems are recorded with
/// their JSON path. Control side; no shared state.
/// </summary>
internal static class SurfaceLayoutReader
{
    private static readonly string[] Fields = ["name", "strips"];

    /// <summary>The layouts of <paramref name="section"/> (null: none) checked against the ids of <paramref name="session"/>.</summary>
    public static IReadOnlyList<SurfaceLayout> Read(JsonElement? section, string path, MixSession session, SessionProblemList problems)
    {
        if (section is not { } element) return [];
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"expected an array of surface layouts, found {JsonObjectReader.Describe(element)}");
            return [];
        }
        var ids = new HashSet<string>(session.Tracks.Select(t => t.Id).Concat(session.Buses.Select(b => b.Id)).Concat(session.Vcas.Select(v => v.Id)), StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var layouts = new List<SurfaceLayout>();
        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            string itemPath = $"{path}[{index++}]";
            if (!JsonObjectReader.TryOpen(item, itemPath, problems, "a surface layout", Fields, out var r)) continue;
            string? name = r.String("name", required: true, "the layout name (non-empty string)");
            if (name is not null && !names.Add(name)) r.Problem("name", $"layout name '{name}' is used twice; layout names are unique");
            var strips = new List<string>();
            foreach (var (strip, stripPath) in r.Array("strips", required: true, "track, bus or VCA ids"))
            {
                if (strip.ValueKind != JsonValueKind.String || strip.GetString() is not { Length: > 0 } id)
                    problems.Add(stripPath, $"expected a track, bus or VCA id (non-empty string), found {JsonObjectReader.Describe(strip)}");
                else if (!ids.Contains(id))
                    problems.Add(stripPath, $"no track, bus or VCA has id '{id}'");
                else if (strips.Contains(id))
                    problems.Add(stripPath, $"strip '{id}' is listed twice in layout '{name}'");
                else strips.Add(id);
            }
            if (name is not null) layouts.Add(new SurfaceLayout(name, strips));
        }
        return layouts;
    }

    /// <summary>Writes <paramref name="layouts"/> as the <c>layouts</c> array (nothing when there are none).</summary>
    public static void Write(Utf8JsonWriter w, IReadOnlyList<SurfaceLayout> layouts)
    {
        if (layouts.Count == 0) return;
        w.WriteStartArray("layouts");
        foreach (var layout in layouts)
        {
            w.WriteStartObject();
            w.WriteString("name", layout.Name);
            w.WriteStartArray("strips");
            foreach (string id in layout.Strips) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
