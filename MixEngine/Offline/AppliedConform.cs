namespace MixEngine.Offline;

/// <summary>What a render did to one print to conform it (render-report.json, per print). Immutable; any thread.</summary>
/// <param name="GainDb">Gain applied, in dB.</param>
/// <param name="LimiterCeilingDbtp">Ceiling of the true-peak limiter in dBTP, or null when no limiter ran.</param>
/// <param name="MaxLimiterReductionDb">Largest gain reduction of the limiter over the print, in dB (0 without a limiter).</param>
public sealed record AppliedConform(double GainDb, double? LimiterCeilingDbtp, double MaxLimiterReductionDb);
