namespace MixEngine.Offline.Delivery;

/// <summary>Which blocks an integrated-loudness criterion averages.</summary>
public enum LoudnessGating
{
    /// <summary>BS.1770 absolute and relative gates over the whole programme.</summary>
    Programme,

    /// <summary>Only blocks where the dialogue (DX) stem is active (dialogue-stem gating, not Dolby Dialogue Intelligence).</summary>
    Dialogue,
}

/// <summary>An integrated-loudness target: <paramref name="Target"/> ± <paramref name="Tolerance"/> under <paramref name="Gating"/>.</summary>
public sealed record LoudnessTarget(double Target, double Tolerance, LoudnessGating Gating);

/// <summary>A loudness range band; advisory bands warn instead of failing.</summary>
public sealed record LoudnessRangeBand(double? Min, double? Max, bool Advisory);

/// <summary>
/// A delivery specification: the loudness and peak criteria a print must meet (docs/delivery-specs.md). Immutable;
/// read by <see cref="DeliverySpecReader"/>, evaluated by <see cref="ComplianceCheck"/>; any thread.
/// </summary>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the spec is for and any caveat.</param>
/// <param name="Reference">Where its numbers come from.</param>
/// <param name="Integrated">The integrated-loudness target.</param>
/// <param name="Fallback">Used instead of <paramref name="Integrated"/> when dialogue covers less than <paramref name="FallbackWhenSpeechBelow"/>.</param>
/// <param name="FallbackWhenSpeechBelow">Speech fraction (0 … 1) below which the fallback applies.</param>
/// <param name="TruePeakMax">Highest allowed true peak in dBTP.</param>
/// <param name="MaxShortTermMax">Highest allowed max short-term loudness in LUFS, if the spec has one.</param>
/// <param name="LoudnessRange">Loudness range band, if the spec has one.</param>
public sealed record DeliverySpec(
    string Name,
    string Description,
    string Reference,
    LoudnessTarget Integrated,
    LoudnessTarget? Fallback,
    double FallbackWhenSpeechBelow,
    double? TruePeakMax,
    double? MaxShortTermMax,
    LoudnessRangeBand? LoudnessRange)
{
    /// <summary>True when any criterion needs the dialogue stem.</summary>
    public bool NeedsDialogue => Integrated.Gating == LoudnessGating.Dialogue || Fallback?.Gating == LoudnessGating.Dialogue;
}
