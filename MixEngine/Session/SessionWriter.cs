using System.Text;
using System.Text.Json;
using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// Writes a <see cref="MixSession"/> as session JSON (docs/session-format.md) that <see cref="SessionReader"/> reads back
/// to the same session. Every field is written explicitly; positions are written as timecode labels when the label maps
/// back to exactly the same sample, otherwise as samples. Control side; any thread (no shared state).
/// </summary>
public static class SessionWriter
{
    /// <summary>Returns the session as indented JSON text.</summary>
    public static string ToJson(MixSession session)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(w, session);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Saves the session to <paramref name="path"/> atomically: writes a temporary file in the same folder, flushes it to
    /// disk and renames it over the target, so a failure never leaves a half-written session (the old file stays intact).
    /// </summary>
    public static void Save(MixSession session, string path)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(ToJson(session));
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// As <see cref="Save"/>, first copying the current file (when there is one) to <paramref name="path"/> + <c>.bak</c>
    /// (flushed to disk), so the previous version survives the save; returns the backup path, or null when there was no file.
    /// </summary>
    public static string? SaveKeepingPrevious(MixSession session, string path)
    {
        string full = Path.GetFullPath(path);
        string? backup = null;
        if (File.Exists(full))
        {
            backup = full + ".bak";
            File.Copy(full, backup, overwrite: true);
            using var stream = new FileStream(backup, FileMode.Open, FileAccess.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
        Save(session, full);
        return backup;
    }

    private static void Write(Utf8JsonWriter w, MixSession s)
    {
        w.WriteStartObject();
        w.WriteNumber("mixengine", SessionReader.FormatVersion);
        w.WriteString("name", s.Name);
        w.WriteNumber("sampleRate", s.SampleRate);
        w.WriteStartObject("timecode");
        w.WriteString("rate", s.TimecodeRate.Name);
        w.WriteString("start", s.Start.ToString());
        w.WriteEndObject();
        if (s.End is { } end) WritePosition(w, "end", end, s);
        w.WriteStartArray("tracks");
        foreach (var t in s.Tracks) WriteTrack(w, t, s);
        w.WriteEndArray();
        w.WriteStartArray("buses");
        foreach (var b in s.Buses) WriteBus(w, b);
        w.WriteEndArray();
        w.WriteStartArray("vcas");
        foreach (var v in s.Vcas) WriteVca(w, v);
        w.WriteEndArray();
        w.WriteStartArray("outputs");
        foreach (var o in s.Outputs) WriteOutput(w, o);
        w.WriteEndArray();
        AutomationWriter.Write(w, s.Automation, p => PositionText(p, s));
        MarkerWriter.Write(w, s.Markers, (name, p) => WritePosition(w, name, p, s));
        SurfaceLayoutReader.Write(w, s.Layouts);
        w.WriteEndObject();
    }

    private static void WriteTrack(Utf8JsonWriter w, Track t, MixSession s)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("name", t.Name);
        w.WriteString("stem", t.Stem);
        w.WriteString("format", t.Format.Name);
        w.WriteString("output", t.Output);
        WriteStrip(w, t.Strip);
        WriteSends(w, t.Sends);
        w.WriteStartArray("clips");
        foreach (var c in t.Clips) WriteClip(w, c, s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteClip(Utf8JsonWriter w, Clip c, MixSession s)
    {
        w.WriteStartObject();
        if (c.Name is not null) w.WriteString("name", c.Name);
        w.WriteString("media", c.Media);
        w.WriteStartArray("channels");
        foreach (int ch in c.SourceChannels) w.WriteNumberValue(ch);
        w.WriteEndArray();
        WritePosition(w, "position", c.Position, s);
        w.WriteNumber("sourceOffset", c.SourceOffset);
        w.WriteNumber("length", c.Length);
        WriteFade(w, "fadeIn", c.FadeIn);
        WriteFade(w, "fadeOut", c.FadeOut);
        WriteDecibels(w, "gain", c.GainDb);
        w.WriteEndObject();
    }

    private static void WriteFade(Utf8JsonWriter w, string name, Fade fade)
    {
        if (fade == Fade.None) return;
        w.WriteStartObject(name);
        w.WriteNumber("length", fade.Length);
        w.WriteString("shape", fade.Shape switch
        {
            FadeShape.EqualPower => "equalPower",
            FadeShape.SCurve => "sCurve",
            _ => "linear",
        });
        w.WriteEndObject();
    }

    private static void WriteBus(Utf8JsonWriter w, Bus b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("name", b.Name);
        w.WriteString("format", b.Format.Name);
        if (b.Output is null) w.WriteNull("output");
        else w.WriteString("output", b.Output);
        WriteStrip(w, b.Strip);
        WriteSends(w, b.Sends);
        w.WriteEndObject();
    }

    private static void WriteStrip(Utf8JsonWriter w, Strip strip)
    {
        w.WriteStartObject("strip");
        WriteDecibels(w, "trim", strip.TrimDb);
        w.WriteBoolean("polarity", strip.Polarity);
        WriteDecibels(w, "fader", strip.FaderDb);
        w.WriteBoolean("mute", strip.Mute);
        w.WriteBoolean("solo", strip.Solo);
        w.WriteBoolean("soloSafe", strip.SoloSafe);
        w.WriteStartObject("pan");
        w.WriteNumber("x", strip.Pan.X);
        w.WriteNumber("y", strip.Pan.Y);
        w.WriteNumber("z", strip.Pan.Z);
        w.WriteNumber("width", strip.Pan.Width);
        WriteDecibels(w, "lfe", strip.Pan.LfeDb);
        w.WriteNumber("divergence", strip.Pan.Divergence);
        w.WriteNumber("rotation", strip.Pan.Rotation);
        w.WriteBoolean("height", strip.Pan.Height);
        w.WriteString("law", strip.Pan.Law.Name());
        w.WriteEndObject();
        ProcessingWriter.Write(w, strip.Processing);
        w.WriteEndObject();
    }

    private static void WriteSends(Utf8JsonWriter w, IReadOnlyList<Send> sends)
    {
        w.WriteStartArray("sends");
        foreach (var send in sends)
        {
            w.WriteStartObject();
            w.WriteString("bus", send.Bus);
            WriteDecibels(w, "level", send.LevelDb);
            w.WriteString("tap", send.Tap == SendTap.PreFader ? "pre" : "post");
            w.WriteBoolean("mute", send.Mute);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteVca(Utf8JsonWriter w, Vca v)
    {
        w.WriteStartObject();
        w.WriteString("id", v.Id);
        w.WriteString("name", v.Name);
        WriteDecibels(w, "fader", v.FaderDb);
        w.WriteBoolean("mute", v.Mute);
        w.WriteStartArray("members");
        foreach (string m in v.Members) w.WriteStringValue(m);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter w, PrintOutput o)
    {
        w.WriteStartObject();
        w.WriteString("bus", o.Bus);
        w.WriteString("file", o.File);
        w.WriteString("sampleFormat", o.Format switch
        {
            SampleFormat.Int16 => "int16",
            SampleFormat.Int32 => "int32",
            SampleFormat.Float32 => "float32",
            SampleFormat.Float64 => "float64",
            _ => "int24",
        });
        w.WriteString("layout", o.Layout == PrintLayout.MultiMono ? "multiMono" : "interleaved");
        w.WriteBoolean("dither", o.Dither);
        w.WriteEndObject();
    }

    private static void WriteDecibels(Utf8JsonWriter w, string name, double db)
    {
        if (double.IsNegativeInfinity(db)) w.WriteString(name, "-inf");
        else w.WriteNumber(name, db);
    }

    /// <summary>Writes a timeline position as the timecode label of that exact sample when one exists, else as samples.</summary>
    private static void WritePosition(Utf8JsonWriter w, string name, long position, MixSession s)
    {
        if (ExactLabel(position, s) is { } label) w.WriteString(name, label);
        else w.WriteNumber(name, position);
    }

    /// <summary>A position as JSON text: the quoted exact timecode label, else the sample count.</summary>
    private static string PositionText(long position, MixSession s) =>
        ExactLabel(position, s) is { } label ? $"\"{label}\"" : position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? ExactLabel(long position, MixSession s)
    {
        long absolute = s.StartSamplesSinceMidnight + position;
        var label = Timecode.FromSamplesSinceMidnight(absolute, s.SampleRate, s.TimecodeRate);
        return label.Hours <= 23 && label.ToSamplesSinceMidnight(s.SampleRate) == absolute ? label.ToString() : null;
    }
}
