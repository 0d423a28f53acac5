using System.Reflection;
using System.Text.Json;
using MixEngine.Session;

namespace MixEngine.Offline.Delivery;

/// <summary>
/// Loads delivery specifications: the ones shipped with the engine by name (ebu-r128, ebu-r128-s1, atsc-a85,
/// streaming-dialogue-27) or a user-written JSON file by path (format in docs/delivery-specs.md). Every problem in a
/// file is reported at once with its JSON path, as for session files. Control side.
/// </summary>
public static class DeliverySpecReader
{
    private const string ResourcePrefix = "MixEngine.Offline.Delivery.Specs.";
    private static readonly string[] TopFields =
        ["name", "description", "reference", "integrated", "fallback", "truePeakMax", "maxShortTermMax", "loudnessRange"];
    private static readonly string[] TargetFields = ["target", "tolerance", "gating"];
    private static readonly string[] FallbackFields = ["whenSpeechBelow", "target", "tolerance", "gating"];
    private static readonly string[] RangeFields = ["min", "max", "advisory"];

    /// <summary>Names of the specs shipped with the engine.</summary>
    public static IReadOnlyList<string> ShippedNames { get; } = typeof(DeliverySpecReader).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Loads a shipped spec by name, or a spec file when <paramref name="nameOrPath"/> is not a shipped name. Throws
    /// <see cref="SessionValidationException"/> listing every problem (source named as the file or "spec NAME").
    /// </summary>
    public static DeliverySpec Load(string nameOrPath)
    {
        if (ShippedNames.Contains(nameOrPath))
        {
            using var stream = typeof(DeliverySpecReader).Assembly.GetManifestResourceStream(ResourcePrefix + nameOrPath + ".json")!;
            using var text = new StreamReader(stream);
            return Parse(text.ReadToEnd(), $"delivery spec '{nameOrPath}'");
        }
        if (!File.Exists(nameOrPath))
            throw new SessionValidationException(nameOrPath, [new SessionProblem("$", $"no such delivery spec: not one of the shipped specs ({string.Join(", ", ShippedNames)}) and no file at {Path.GetFullPath(nameOrPath)}", nameOrPath)]);
        return Parse(File.ReadAllText(nameOrPath), nameOrPath);
    }

    /// <summary>Parses spec JSON; <paramref name="source"/> names it in problems.</summary>
    public static DeliverySpec Parse(string json, string source)
    {
        var problems = new SessionProblemList();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new SessionValidationException(source, [new SessionProblem("$", $"not valid JSON: {e.Message}", source)]);
        }
        using (document)
        {
            DeliverySpec? spec = null;
            if (JsonObjectReader.TryOpen(document.RootElement, "$", problems, "a delivery spec", TopFields, out var top))
            {
                string name = top.String("name", required: true) ?? "";
                string description = top.String("description", required: false) ?? "";
                string reference = top.String("reference", required: false) ?? "";
                var integrated = Target(top, "integrated", problems, TargetFields, out _);
                LoudnessTarget? fallback = null;
                double whenSpeechBelow = 0;
                if (top.Get("fallback") is not null)
                    fallback = Target(top, "fallback", problems, FallbackFields, out whenSpeechBelow);
                double? truePeak = top.Get("truePeakMax") is null ? null : top.Number("truePeakMax", 0, -60, 6, "dBTP");
                double? maxShortTerm = top.Get("maxShortTermMax") is null ? null : top.Number("maxShortTermMax", 0, -70, 0, "LUFS");
                LoudnessRangeBand? range = null;
                if (top.Get("loudnessRange") is { } r && JsonObjectReader.TryOpen(r, top.PathOf("loudnessRange"), problems, "a loudness range band", RangeFields, out var band))
                {
                    double? min = band.Get("min") is null ? null : band.Number("min", 0, 0, 60, "LU");
                    double? max = band.Get("max") is null ? null : band.Number("max", 0, 0, 60, "LU");
                    if (min is null && max is null) band.Problem("max", "a loudness range band needs min, max or both");
                    range = new LoudnessRangeBand(min, max, band.Bool("advisory", false));
                }
                spec = new DeliverySpec(name, description, reference, integrated ?? new LoudnessTarget(0, 0, LoudnessGating.Programme),
                    fallback, whenSpeechBelow, truePeak, maxShortTerm, range);
            }
            if (problems.Count > 0 || spec is null)
                throw new SessionValidationException(source, problems.All.Select(p => p with { File = p.File ?? source }).ToList());
            return spec;
        }
    }

    private static LoudnessTarget? Target(JsonObjectReader parent, string field, SessionProblemList problems, string[] allowed, out double whenSpeechBelow)
    {
        whenSpeechBelow = 0;
        var element = parent.Required(field, "an object with target, tolerance and gating");
        if (element is null || !JsonObjectReader.TryOpen(element.Value, parent.PathOf(field), problems, "a loudness target", allowed, out var o))
            return null;
        if (allowed.Contains("whenSpeechBelow"))
            whenSpeechBelow = o.Get("whenSpeechBelow") is null ? 0 : o.Number("whenSpeechBelow", 0, 0, 1, "fraction of the programme");
        double target = o.Get("target") is null ? Missing(o, "target") : o.Number("target", 0, -70, 0, "LUFS");
        double tolerance = o.Get("tolerance") is null ? Missing(o, "tolerance") : o.Number("tolerance", 0, 0, 20, "LU");
        string gating = o.Choice("gating", required: true, ["programme", "dialogue"], "a gating") ?? "programme";
        return new LoudnessTarget(target, tolerance, gating == "dialogue" ? LoudnessGating.Dialogue : LoudnessGating.Programme);
    }

    private static double Missing(JsonObjectReader o, string name)
    {
        o.Problem(name, $"missing field '{name}'");
        return 0;
    }
}
