using System.Text.Json;

namespace MixEngine.Session;

/// <summary>Writes a session's markers as the <c>markers</c> array that <see cref="MarkerReader"/> reads back to the same list. Control side.</summary>
internal static class MarkerWriter
{
    /// <summary>Writes the <c>markers</c> array (nothing when there are none); <paramref name="position"/> writes a position field.</summary>
    public static void Write(Utf8JsonWriter w, MarkerList markers, Action<string, long> position)
    {
        if (markers.Count == 0) return;
        w.WriteStartArray("markers");
        foreach (var m in markers)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            position("position", m.Position);
            if (m.End is { } end) position("end", end);
            if (m.Colour is { } colour) w.WriteString("colour", colour);
            if (m.Comment is { } comment) w.WriteString("comment", comment);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
