using System.Text.Json;

namespace MixEngine.Session;

/// <summary>
/// Writes a strip's processing (<c>order</c>, <c>eq</c>, <c>dyn</c>) into the open strip object, every field explicitly and
/// only the fields that apply to each EQ band's type, so <see cref="ProcessingReader"/> reads back the same settings.
/// Control side; any thread (no shared state).
/// </summary>
internal static class ProcessingWriter
{
    /// <summary>Writes the processing fields of <paramref name="processing"/>.</summary>
    public static void Write(Utf8JsonWriter w, StripProcessing processing)
    {
        w.WriteString("order", processing.Order == ProcessingOrder.DynamicsFirst ? "dynamicsFirst" : "eqFirst");
        w.WriteStartArray("eq");
        foreach (var band in processing.Eq) WriteBand(w, band);
        w.WriteEndArray();
        w.WriteStartObject("dyn");
        if (processing.Gate is { } g)
        {
            w.WriteStartObject("gate");
            w.WriteBoolean("enabled", g.Enabled);
            w.WriteNumber("threshold", g.ThresholdDb);
            w.WriteNumber("range", g.RangeDb);
            w.WriteNumber("ratio", g.Ratio);
            w.WriteNumber("attack", g.AttackMs);
            w.WriteNumber("hold", g.HoldMs);
            w.WriteNumber("release", g.ReleaseMs);
            w.WriteNumber("hysteresis", g.HysteresisDb);
            w.WriteEndObject();
        }
        if (processing.Compressor is { } c)
        {
            w.WriteStartObject("comp");
            w.WriteBoolean("enabled", c.Enabled);
            w.WriteNumber("threshold", c.ThresholdDb);
            w.WriteNumber("ratio", c.Ratio);
            w.WriteNumber("knee", c.KneeDb);
            w.WriteNumber("attack", c.AttackMs);
            w.WriteNumber("release", c.ReleaseMs);
            w.WriteNumber("makeup", c.MakeupDb);
            w.WriteNumber("sidechainHighPass", c.SidechainHighPassHz);
            w.WriteString("detection", c.Detection == LevelDetection.Rms ? "rms" : "peak");
            if (c.Key is null) w.WriteNull("key");
            else w.WriteString("key", c.Key);
            w.WriteEndObject();
        }
        if (processing.DeEsser is { } d)
        {
            w.WriteStartObject("deesser");
            w.WriteBoolean("enabled", d.Enabled);
            w.WriteNumber("frequency", d.FrequencyHz);
            w.WriteNumber("threshold", d.ThresholdDb);
            w.WriteNumber("range", d.RangeDb);
            w.WriteNumber("q", d.Q);
            w.WriteNumber("ratio", d.Ratio);
            w.WriteNumber("attack", d.AttackMs);
            w.WriteNumber("release", d.ReleaseMs);
            w.WriteEndObject();
        }
        if (processing.Limiter is { } l)
        {
            w.WriteStartObject("limiter");
            w.WriteBoolean("enabled", l.Enabled);
            w.WriteNumber("ceiling", l.CeilingDb);
            w.WriteNumber("lookahead", l.LookaheadMs);
            w.WriteNumber("release", l.ReleaseMs);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteBand(Utf8JsonWriter w, EqBand band)
    {
        w.WriteStartObject();
        w.WriteBoolean("enabled", band.Enabled);
        w.WriteString("type", JsonNamingPolicy.CamelCase.ConvertName(band.Type.ToString()));
        w.WriteNumber("frequency", band.FrequencyHz);
        if (band.HasGain) w.WriteNumber("gain", band.GainDb);
        if (band.HasQ) w.WriteNumber("q", band.Q);
        if (band.HasSlope) w.WriteNumber("slope", band.SlopeDbPerOctave);
        w.WriteEndObject();
    }
}
