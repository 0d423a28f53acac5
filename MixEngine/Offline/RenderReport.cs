using System.Text.Json;
using System.Text.Json.Serialization;
using MixEngine.Graph;
using MixEngine.Offline.Delivery;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// The result of an offline render: one <see cref="PrintReport"/> per print and the totals. Written as
/// <c>render-report.json</c> by <see cref="WriteJson"/>; in the JSON, a peak of −∞ dBFS (digital silence) is null.
/// Immutable; any thread.
/// </summary>
/// <param name="Session">Session name.</param>
/// <param name="SampleRate">Session sample rate in Hz.</param>
/// <param name="RangeStart">First timeline sample rendered.</param>
/// <param name="RangeEnd">Timeline sample after the last one rendered.</param>
/// <param name="Frames">Frames rendered (per print).</param>
/// <param name="Threads">Render threads used.</param>
/// <param name="BlockSize">Block size used.</param>
/// <param name="RenderSeconds">Total wall time, from plan build to the last commit.</param>
/// <param name="Speed">Audio duration divided by render seconds (a multiple of real time).</param>
/// <param name="Files">Number of files written (multi-mono prints count each file).</param>
/// <param name="Prints">One entry per print output, in session order.</param>
/// <param name="Delivery">Name of the delivery spec the deliverable prints were checked against, or null.</param>
public sealed record RenderReport(
    string Session,
    int SampleRate,
    long RangeStart,
    long RangeEnd,
    long Frames,
    int Threads,
    int BlockSize,
    double RenderSeconds,
    double Speed,
    int Files,
    IReadOnlyList<PrintReport> Prints,
    string? Delivery = null)
{
    /// <summary>
    /// Processor time (user and system, every thread of the process) over the span of <see cref="RenderSeconds"/>: what
    /// the render itself cost, without the process's start-up or the reading of the session (a benchmark of playback
    /// compares this between sessions).
    /// </summary>
    public double RenderCpuSeconds { get; init; }

    /// <summary>Per print (same order as <see cref="Prints"/>): measured loudness and its timeline, for the HTML report; not in the JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<PrintLoudness> Loudness { get; init; } = [];

    /// <summary>How prints were conformed by <see cref="LoudnessConform"/> (render --normalize-to); empty for a plain render.</summary>
    public IReadOnlyList<ConformReport> Conform { get; init; } = [];

    /// <summary>Every strip processor that produced NaN/Inf during the render (reset, its strip silenced for that block), with the count; empty when none did.</summary>
    public IReadOnlyList<NonFiniteReset> NonFiniteResets { get; init; } = [];

    /// <summary>True when no checked print failed its delivery spec.</summary>
    [JsonIgnore]
    public bool Delivered => Prints.All(p => p.Compliance is null || p.Compliance.Passed);

    /// <summary>
    /// Checks every deliverable print (a printed bus that feeds no other bus: the printmaster, not its stems) against
    /// <paramref name="spec"/>; returns the report with each such print's compliance filled in. Control side.
    /// </summary>
    public RenderReport CheckedAgainst(DeliverySpec spec, MixSession session)
    {
        var prints = Prints.Select((p, i) =>
            DeliverablePrint.Is(session, p.Bus) && i < Loudness.Count
                ? p with { Compliance = ComplianceCheck.Evaluate(spec, Loudness[i].Figures) }
                : p).ToList();
        var loudness = Loudness.Select((l, i) => l with { Compliance = prints[i].Compliance }).ToList();
        return this with { Prints = prints, Delivery = spec.Name, Loudness = loudness };
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = RenderReportJson.Default,
    };

    /// <summary>The report as indented camelCase JSON; control side.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Writes the report as JSON to <paramref name="path"/> (temporary file, then rename); control side.</summary>
    public void WriteJson(string path)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp";
        File.WriteAllText(temp, ToJson() + "\n");
        File.Move(temp, full, overwrite: true);
    }
}
