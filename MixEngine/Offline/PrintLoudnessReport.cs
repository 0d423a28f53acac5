namespace MixEngine.Offline;

/// <summary>
/// Loudness of one print in the render report (BS.1770-5 / EBU R128, docs/loudness.md). In JSON a value of −∞
/// (silence) is null. Immutable; any thread.
/// </summary>
/// <param name="IntegratedLufs">Integrated loudness (programme-gated).</param>
/// <param name="LoudnessRangeLu">Loudness range (EBU Tech 3342).</param>
/// <param name="TruePeakDbtp">Highest true peak over all channels.</param>
/// <param name="MaxMomentaryLufs">Highest momentary loudness.</param>
/// <param name="MaxShortTermLufs">Highest short-term loudness.</param>
/// <param name="DialogueGated">Loudness over the blocks where the dialogue stem is active, when the render prints one.</param>
public sealed record PrintLoudnessReport(
    double? IntegratedLufs,
    double? LoudnessRangeLu,
    double? TruePeakDbtp,
    double? MaxMomentaryLufs,
    double? MaxShortTermLufs,
    DialogueGatedReport? DialogueGated)
{
    /// <summary>Builds the report entry from a measurement; −∞ becomes null.</summary>
    public static PrintLoudnessReport From(FileLoudness m, string? dialogueBus) => new(
        Finite(m.IntegratedLufs), Finite(m.LoudnessRangeLu), Finite(m.TruePeakDbtp), Finite(m.MaxMomentaryLufs), Finite(m.MaxShortTermLufs),
        m.Dialogue is { } d && dialogueBus is not null
            ? new DialogueGatedReport(dialogueBus, Finite(d.GatedLufs), Math.Round(100 * d.SpeechFraction, 2), Finite(d.DialogueStemLufs), Finite(d.ThresholdLufs))
            : null);

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 2) : null;
}

/// <summary>Dialogue-stem-gated loudness of a print (not Dolby Dialogue Intelligence; docs/loudness.md).</summary>
/// <param name="DialogueBus">Id of the printed bus used as the dialogue stem.</param>
/// <param name="LoudnessLufs">The print's loudness over the dialogue-active blocks.</param>
/// <param name="SpeechPercent">Share of blocks that are dialogue-active.</param>
/// <param name="DialogueStemLufs">The dialogue stem's own integrated loudness.</param>
/// <param name="ThresholdLufs">Dialogue-stem loudness a block had to exceed.</param>
public sealed record DialogueGatedReport(string DialogueBus, double? LoudnessLufs, double SpeechPercent, double? DialogueStemLufs, double? ThresholdLufs);
