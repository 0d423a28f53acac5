using System.Text.Json;
using System.Text.Json.Serialization;

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
    IReadOnlyList<PrintReport> Prints)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
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
