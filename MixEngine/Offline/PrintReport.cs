using MixEngine.Offline.Delivery;

namespace MixEngine.Offline;

/// <summary>What one print produced. Immutable; any thread.</summary>
/// <param name="Bus">Id of the printed bus.</param>
/// <param name="Paths">Final file paths (one, or one per channel for multi-mono).</param>
/// <param name="Channels">Channel count.</param>
/// <param name="Layout">Channel layout name ("7.1.2", ...).</param>
/// <param name="ChannelLabels">Channel labels in file order.</param>
/// <param name="FileLayout">"interleaved" or "multiMono".</param>
/// <param name="SampleFormat">Sample format on disk ("int24", "float32", ...).</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Frames">Frames written.</param>
/// <param name="TimeReference">BWF TimeReference of the first sample (samples since midnight).</param>
/// <param name="SamplePeakDbfs">Sample peak per channel in dBFS, measured on the 64-bit mix before conversion; null means −∞ (digital silence).</param>
/// <param name="RenderSeconds">Wall time of the render that produced it (all prints of a render are produced together, so they share it).</param>
/// <param name="Speed">Audio duration divided by render seconds (a multiple of real time).</param>
/// <param name="Loudness">Loudness and true peak of the print (also written into each file's bext v2 loudness fields).</param>
/// <param name="Compliance">Result against the render's delivery spec, for deliverable prints when one was given.</param>
/// <param name="Conform">The loudness conform applied to this print (gain, limiter), or null when it was printed as mixed.</param>
public sealed record PrintReport(
    string Bus,
    IReadOnlyList<string> Paths,
    int Channels,
    string Layout,
    IReadOnlyList<string> ChannelLabels,
    string FileLayout,
    string SampleFormat,
    int SampleRate,
    long Frames,
    long TimeReference,
    IReadOnlyList<double?> SamplePeakDbfs,
    double RenderSeconds,
    double Speed,
    PrintLoudnessReport Loudness,
    ComplianceReport? Compliance = null,
    AppliedConform? Conform = null);
