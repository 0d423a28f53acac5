using System.Text;
using System.Text.Json;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Writes a <see cref="MappingProfile"/> as profile JSON that <see cref="MappingProfileReader"/> reads back to the same
/// profile (what learn saves). Control side; no shared state.
/// </summary>
public static class MappingProfileWriter
{
    /// <summary>The profile as indented JSON text.</summary>
    public static string ToJson(MappingProfile profile)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("mixengineSurfaceProfile", MappingProfile.FormatVersion);
            w.WriteString("name", profile.Name);
            w.WriteNumber("strips", profile.Strips);
            w.WriteBoolean("selectByTouch", profile.SelectByTouch);
            w.WriteNumber("touchTimeoutMs", (int)profile.TouchTimeout.TotalMilliseconds);
            w.WriteStartArray("controls");
            foreach (var c in profile.Controls) WriteControl(w, c);
            w.WriteEndArray();
            if (profile.SoftKeys.Count > 0)
            {
                w.WriteStartArray("softKeys");
                foreach (var page in profile.SoftKeys)
                {
                    w.WriteStartObject();
                    w.WriteString("name", page.Name);
                    w.WriteStartArray("keys");
                    foreach (var key in page.Keys) w.WriteStringValue(key.Text);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One control as a JSON object (also what the learn RPC returns).</summary>
    public static string ControlJson(MappingControl control)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteControl(w, control);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the profile to <paramref name="path"/> atomically (a temporary file renamed over it).</summary>
    public static void Save(MappingProfile profile, string path)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        File.WriteAllText(temp, ToJson(profile));
        File.Move(temp, full, overwrite: true);
    }

    private static void WriteControl(Utf8JsonWriter w, MappingControl c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        WriteMidi(w, "midi", c.Midi);
        w.WriteString(c.Action.Kind == MappingActionKind.Command ? "command" : "target", c.Action.Text);
        if (c.Touch is { } touch) WriteMidi(w, "touch", touch);
        if (c.Minimum is { } min && c.Maximum is { } max)
        {
            w.WriteNumber("min", min);
            w.WriteNumber("max", max);
        }
        if (c.Midi.IsRelative) w.WriteNumber("step", c.Step);
        if (c.Echo) w.WriteBoolean("echo", true);
        w.WriteEndObject();
    }

    private static void WriteMidi(Utf8JsonWriter w, string name, MidiBinding m)
    {
        w.WriteStartObject(name);
        w.WriteString("type", m.KindName);
        w.WriteNumber("channel", m.Channel + 1);
        if (m.Kind != MidiControlKind.PitchBend) w.WriteNumber("number", m.Number);
        if (m.IsRelative) w.WriteString("relative", RelativeEncoder.NameOf(m.Relative));
        w.WriteEndObject();
    }
}
