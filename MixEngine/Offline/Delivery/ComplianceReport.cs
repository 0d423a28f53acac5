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
