namespace MixEngine.Offline.Delivery;

/// <summary>Evaluates a measured print against a <see cref="DeliverySpec"/>; pure, any thread.</summary>
public static class ComplianceCheck
{
    /// <summary>Checks <paramref name="measured"/> against <paramref name="spec"/>.</summary>
    public static ComplianceReport Evaluate(DeliverySpec spec, FileLoudness measured)
    {
        var results = new List<CriterionResult>();
        var (target, why) = TargetFor(spec, measured);
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

    /// <summary>
    /// The integrated-loudness target that applies to <paramref name="measured"/>: the spec's own, or its fallback when
    /// dialogue covers less than the spec's threshold; with the reason for a fallback (empty otherwise). Pure.
    /// </summary>
    public static (LoudnessTarget Target, string Why) TargetFor(DeliverySpec spec, FileLoudness measured)
    {
        if (spec.Fallback is not null && measured.Dialogue is { } d && d.SpeechFraction < spec.FallbackWhenSpeechBelow)
            return (spec.Fallback, $" (fallback: dialogue covers {d.SpeechFraction:P0} < {spec.FallbackWhenSpeechBelow:P0})");
        return (spec.Integrated, "");
    }

    /// <summary>The loudness <paramref name="target"/> is judged on: dialogue-gated or programme integrated; NaN when the dialogue figure is missing. Pure.</summary>
    public static double MeasuredFor(LoudnessTarget target, FileLoudness measured) =>
        target.Gating == LoudnessGating.Dialogue ? measured.Dialogue?.GatedLufs ?? double.NaN : measured.IntegratedLufs;

    private static CriterionResult Integrated(LoudnessTarget target, FileLoudness m, string why)
    {
        string name = (target.Gating == LoudnessGating.Dialogue ? "integrated loudness, dialogue-gated" : "integrated loudness") + why;
        string requirement = $"{target.Target:0.0} ± {target.Tolerance:0.0} LUFS";
        double value = MeasuredFor(target, m);
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
