using System.Text.Json;

namespace MixEngine.Session;

/// <summary>
/// Reads the processing fields of a strip object (<c>order</c>, <c>eq</c>, <c>dyn</c>), recording every problem with its
/// JSON path (<c>$.tracks[0].strip.eq[2].gain</c>). Ranges come from <see cref="ProcessingField"/>. The compressor's key
/// is only read here; whether it names a track or bus, and whether it makes a cycle, is checked with the routing
/// (<see cref="KeyRouting"/>). Control side, one thread.
/// </summary>
internal static class ProcessingReader
{
    /// <summary>The processing field names of a strip object.</summary>
    public static readonly string[] StripFields = ["order", "eq", "dyn"];

    private static readonly string[] Orders = ["eqFirst", "dynamicsFirst"];
    private static readonly string[] DynFields = ["gate", "comp", "deesser", "limiter"];
    private static readonly string[] BandTypes = ["highPass", "lowPass", "lowShelf", "highShelf", "bell", "notch", "bandPass"];
    private static readonly string[] Detections = ["peak", "rms"];
    private static readonly string[] BandFields = ["enabled", "type", "frequency", "gain", "q", "slope"];

    /// <summary>Reads the processing of the strip object <paramref name="strip"/>; <see cref="StripProcessing.None"/> parts for anything absent or wrong.</summary>
    public static StripProcessing Read(JsonObjectReader strip, SessionProblemList problems)
    {
        var order = strip.Choice("order", required: false, Orders, "processing order") == "dynamicsFirst"
            ? ProcessingOrder.DynamicsFirst
            : ProcessingOrder.EqFirst;
        var bands = ReadEq(strip, problems);
        if (strip.Get("dyn") is not { } element
            || !JsonObjectReader.TryOpen(element, strip.PathOf("dyn"), problems, "the dynamics section", DynFields, out var dyn))
            return StripProcessing.None with { Order = order, Eq = bands };
        return new StripProcessing(order, bands,
            Section(dyn, "gate", "a gate", problems, ProcessingField.Gate, out var gate) ? ToGate(gate) : null,
            ReadCompressor(dyn, problems),
            Section(dyn, "deesser", "a de-esser", problems, ProcessingField.DeEsser, out var deesser) ? ToDeEsser(deesser) : null,
            ReadLimiter(dyn, problems));
    }

    private static List<EqBand> ReadEq(JsonObjectReader strip, SessionProblemList problems)
    {
        var bands = new List<EqBand>();
        var items = strip.Array("eq", required: false, "EQ bands").ToList();
        if (items.Count > StripProcessing.MaxEqBands)
            strip.Problem("eq", $"{items.Count} EQ bands; expected at most {StripProcessing.MaxEqBands}");
        foreach (var (item, path) in items.Take(StripProcessing.MaxEqBands))
            if (ReadBand(item, path, problems) is { } band) bands.Add(band);
        return bands;
    }

    private static EqBand? ReadBand(JsonElement item, string path, SessionProblemList problems)
    {
        if (!JsonObjectReader.TryOpen(item, path, problems, "an EQ band", BandFields, out var b)) return null;
        string? typeName = b.Choice("type", required: true, BandTypes, "EQ band type");
        var band = new EqBand(b.Bool("enabled", true), typeName is null ? EqBandType.Bell : (EqBandType)Array.IndexOf(BandTypes, typeName),
            Number(b, ProcessingField.EqFrequency), ProcessingField.EqGain.Default, ProcessingField.EqQ.Default, 12);
        if (typeName is null) return null;
        if (band.HasGain) band = band with { GainDb = Number(b, ProcessingField.EqGain) };
        else NotFor(b, "gain", typeName, "bell, lowShelf and highShelf");
        if (band.HasQ) band = band with { Q = Number(b, ProcessingField.EqQ) };
        else NotFor(b, "q", typeName, "every type but highPass and lowPass");
        if (band.HasSlope) band = band with { SlopeDbPerOctave = Slope(b) };
        else NotFor(b, "slope", typeName, "highPass and lowPass");
        return band;
    }

    private static void NotFor(JsonObjectReader band, string field, string type, string appliesTo)
    {
        if (band.Get(field) is not null)
            band.Problem(field, $"'{field}' does not apply to a {type} band (it applies to {appliesTo}); remove it");
    }

    private static int Slope(JsonObjectReader band)
    {
        const int fallback = 12;
        if (band.Get("slope") is not { } v) return fallback;
        string expected = $"a slope in dB/octave: one of {string.Join(", ", EqBand.Slopes)}";
        if (JsonObjectReader.TryGetWhole(v, out long n) && EqBand.Slopes.Contains((int)Math.Clamp(n, 0, 1000))) return (int)n;
        band.Problem("slope", $"expected {expected}, found {JsonObjectReader.Describe(v)}");
        return fallback;
    }

    private static bool Section(JsonObjectReader dyn, string name, string what, SessionProblemList problems,
        IReadOnlyList<ProcessingField> fields, out JsonObjectReader section, params string[] extra)
    {
        section = default;
        if (dyn.Get(name) is not { } element) return false;
        var allowed = fields.Select(f => f.Name).Prepend(ProcessingField.Enabled.Name).Concat(extra).ToArray();
        return JsonObjectReader.TryOpen(element, dyn.PathOf(name), problems, what, allowed, out section);
    }

    private static double Number(JsonObjectReader r, ProcessingField field) =>
        r.Number(field.Name, field.Default, field.Minimum, field.Maximum, field.UnitSuffix);

    private static double Field(JsonObjectReader r, IReadOnlyList<ProcessingField> fields, string name) =>
        Number(r, fields.First(f => f.Name == name));

    private static GateSettings ToGate(JsonObjectReader g)
    {
        var f = ProcessingField.Gate;
        return new GateSettings(g.Bool("enabled", true), Field(g, f, "threshold"), Field(g, f, "range"), Field(g, f, "ratio"),
            Field(g, f, "attack"), Field(g, f, "hold"), Field(g, f, "release"), Field(g, f, "hysteresis"));
    }

    private static CompressorSettings? ReadCompressor(JsonObjectReader dyn, SessionProblemList problems)
    {
        if (!Section(dyn, "comp", "a compressor", problems, ProcessingField.Compressor, out var c, "detection", "key")) return null;
        var f = ProcessingField.Compressor;
        var detection = c.Choice("detection", required: false, Detections, "level detection") == "rms" ? LevelDetection.Rms : LevelDetection.Peak;
        string? key = null;
        if (c.Get("key") is { ValueKind: not JsonValueKind.Null })
            key = c.String("key", required: false, "the id of the track or bus that keys the compressor, or null");
        return new CompressorSettings(c.Bool("enabled", true), Field(c, f, "threshold"), Field(c, f, "ratio"), Field(c, f, "knee"),
            Field(c, f, "attack"), Field(c, f, "release"), Field(c, f, "makeup"), detection, Field(c, f, "sidechainHighPass"), key);
    }

    private static DeEsserSettings ToDeEsser(JsonObjectReader d)
    {
        var f = ProcessingField.DeEsser;
        return new DeEsserSettings(d.Bool("enabled", true), Field(d, f, "frequency"), Field(d, f, "threshold"), Field(d, f, "range"),
            Field(d, f, "q"), Field(d, f, "ratio"), Field(d, f, "attack"), Field(d, f, "release"));
    }

    private static LimiterSettings? ReadLimiter(JsonObjectReader dyn, SessionProblemList problems)
    {
        if (!Section(dyn, "limiter", "a limiter", problems, ProcessingField.Limiter, out var l, ProcessingField.LimiterLookahead.Name)) return null;
        var f = ProcessingField.Limiter;
        return new LimiterSettings(l.Bool("enabled", true), Field(l, f, "ceiling"), Number(l, ProcessingField.LimiterLookahead), Field(l, f, "release"));
    }
}
