namespace MixEngine.Offline.Delivery;

/// <summary>Verdict of one criterion.</summary>
public enum Verdict
{
    /// <summary>Within the limit.</summary>
    Pass,

    /// <summary>Outside the limit.</summary>
    Fail,

    /// <summary>Outside an advisory band (guidance only; does not fail the print).</summary>
    Warn,

    /// <summary>Could not be measured (e.g. dialogue gating without a dialogue stem).</summary>
    NotMeasured,
}

/// <summary>One criterion's result: measured value, what was asked, and the margin to its limit (negative = outside).</summary>
public sealed record CriterionResult(string Criterion, double Measured, string Unit, string Requirement, double Margin, Verdict Verdict);

/// <summary>A print's results against a spec; <see cref="Binding"/> names the criterion closest to (or furthest past) its limit.</summary>
public sealed record ComplianceReport(string Spec, string Path, IReadOnlyList<CriterionResult> Criteria, string? Binding)
{
    /// <summary>True when no criterion failed or could not be measured.</summary>
    public bool Passed => Criteria.All(c => c.Verdict is Verdict.Pass or Verdict.Warn);
}

/// <summary>Evaluates a measured print against a <see cref="DeliverySpec"/>; pure, any thread.</summary>
public static class ComplianceCheck
{
    /// <summary>Checks <paramref name="measured"/> against <paramref name="spec"/>.</summary>
    public static ComplianceReport Evaluate(DeliverySpec spec, FileLoudness measured)
    {
        var results = new List<CriterionResult>();
        var target = spec.Integrated;
        string why = "";
        if (spec.Fallback is not null && measured.Dialogue is { } d && d.SpeechFraction < spec.FallbackWhenSpeechBelow)
        {
            target = spec.Fallback;
            why = $" (fallback: dialogue covers {d.SpeechFraction:P0} < {spec.FallbackWhenSpeechBelow:P0})";
        }
        results.Add(Integrated(target, measured, why));
        if (spec.TruePeakMax is { } tp)
            results.Add(Maximum("true peak", measured.TruePeakDbtp, "dBTP", tp));
        if (spec.MaxShortTermMax is { } st)
            results.Add(Maximum("max short-term loudness", measured.MaxShortTermLufs, "LUFS", st));
        if (spec.LoudnessRange is { } band)
            results.Add(Range(band, measured.LoudnessRangeLu));

        string? binding = results.Where(r => r.Verdict is Verdict.Pass or Verdict.Fail)
            .OrderBy(r => r.Margin).Select(r => r.Criterion).FirstOrDefault();
        return new ComplianceReport(spec.Name, measured.Path, results, binding);
    }

    private static CriterionResult Integrated(LoudnessTarget target, FileLoudness m, string why)
    {
        string name = (target.Gating == LoudnessGating.Dialogue ? "integrated loudness, dialogue-gated" : "integrated loudness") + why;
        string requirement = $"{target.Target:0.0} ± {target.Tolerance:0.0} LUFS";
        double value = target.Gating == LoudnessGating.Dialogue ? m.Dialogue?.GatedLufs ?? double.NaN : m.IntegratedLufs;
        if (double.IsNaN(value)) return new CriterionResult(name + " (no dialogue stem given)", value, "LUFS", requirement, double.NegativeInfinity, Verdict.NotMeasured);
        double margin = target.Tolerance - Math.Abs(value - target.Target);
        if (double.IsNaN(margin)) margin = double.NegativeInfinity;
        return new CriterionResult(name, value, "LUFS", requirement, margin, margin >= 0 ? Verdict.Pass : Verdict.Fail);
    }

    private static CriterionResult Maximum(string name, double value, string unit, double limit)
    {
        double margin = limit - value;
        return new CriterionResult(name, value, unit, $"≤ {limit:0.0} {unit}", margin, margin >= 0 ? Verdict.Pass : Verdict.Fail);
    }

    private static CriterionResult Range(LoudnessRangeBand band, double lra)
    {
        double margin = Math.Min(band.Min is { } low ? lra - low : double.PositiveInfinity, band.Max is { } high ? high - lra : double.PositiveInfinity);
        string requirement = (band.Min, band.Max) switch
        {
            ({ } lo, { } hi) => $"{lo:0.0} … {hi:0.0} LU",
            ({ } lo, null) => $"≥ {lo:0.0} LU",
            (null, { } hi) => $"≤ {hi:0.0} LU",
            _ => "",
        } + (band.Advisory ? " (advisory)" : "");
        var verdict = margin >= 0 ? Verdict.Pass : band.Advisory ? Verdict.Warn : Verdict.Fail;
        return new CriterionResult("loudness range", lra, "LU", requirement, margin, verdict);
    }
}
