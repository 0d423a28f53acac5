namespace MixEngine.Offline;

/// <summary>
/// A loudness conform applied to one print as it is written (docs/loudness.md, "Conform"): a constant gain, then, only
/// when <paramref name="LimiterCeilingDbtp"/> is set, a look-ahead true-peak limiter at that ceiling. The print stays
/// sample-aligned with the other prints (the limiter's look-ahead is compensated). Immutable; any thread.
/// </summary>
/// <param name="GainDb">Gain applied to every channel, in dB.</param>
/// <param name="LimiterCeilingDbtp">True-peak ceiling of the limiter in dBTP, or null for gain only.</param>
public sealed record PrintConform(double GainDb, double? LimiterCeilingDbtp);
