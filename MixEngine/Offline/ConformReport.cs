using MixEngine.Offline.Delivery;

namespace MixEngine.Offline;

/// <summary>
/// How one print was conformed to a delivery spec (render-report.json, <c>conform</c>): the loudness it had as mixed,
/// the gain and limiting applied, the loudness it has now, and which constraint set the result. Immutable; any thread.
/// </summary>
/// <param name="Bus">Id of the conformed bus.</param>
/// <param name="Spec">Name of the delivery spec whose target was used.</param>
/// <param name="Gating">Programme (BS.1770 gates) or dialogue-gated integrated loudness.</param>
/// <param name="TargetLufs">The integrated-loudness target.</param>
/// <param name="TruePeakCeilingDbtp">The spec's true-peak ceiling, or null when it has none.</param>
/// <param name="BeforeLufs">Integrated loudness (under <paramref name="Gating"/>) as mixed.</param>
/// <param name="BeforeTruePeakDbtp">True peak as mixed.</param>
/// <param name="GainDb">Gain applied to the print.</param>
/// <param name="Limited">True when the gain alone would have broken the ceiling and the true-peak limiter ran.</param>
/// <param name="MaxLimiterReductionDb">Largest limiter gain reduction in dB (0 when not limited).</param>
/// <param name="AfterLufs">Integrated loudness (under <paramref name="Gating"/>) of the conformed print.</param>
/// <param name="AfterTruePeakDbtp">True peak of the conformed print.</param>
/// <param name="Passes">Renders it took, the measuring ones and the final print included.</param>
/// <param name="Binding">The constraint that set the result: "integrated loudness target" or "true-peak ceiling".</param>
public sealed record ConformReport(
    string Bus,
    string Spec,
    LoudnessGating Gating,
    double TargetLufs,
    double? TruePeakCeilingDbtp,
    double BeforeLufs,
    double BeforeTruePeakDbtp,
    double GainDb,
    bool Limited,
    double MaxLimiterReductionDb,
    double AfterLufs,
    double AfterTruePeakDbtp,
    int Passes,
    string Binding);
