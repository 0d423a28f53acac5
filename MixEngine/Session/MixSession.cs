using MixEngine.Automation;
using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// The session document: tracks, clips, buses, VCAs and print outputs, as one immutable snapshot.
/// Built on the control side (by <see cref="SessionReader"/> or an editor) and handed to the graph builder;
/// immutable, so any thread may read it. Positions are samples at <see cref="SampleRate"/>, counted from the
/// session start (timeline sample 0 = <see cref="Start"/>).
/// </summary>
/// <param name="Name">Human-readable session name (used in BWF descriptions and reports).</param>
/// <param name="SampleRate">Session sample rate in Hz; every media file must match it.</param>
/// <param name="TimecodeRate">The picture timecode rate the timeline is viewed in.</param>
/// <param name="Start">Timecode of timeline sample 0 (e.g. 01:00:00:00); maps to BWF TimeReference.</param>
/// <param name="End">Optional end of the session in timeline samples; when null the end of the last clip.</param>
/// <param name="Tracks">Tracks in session order (this order is also the summing order, which keeps renders bit-identical).</param>
/// <param name="Buses">Buses in session order.</param>
/// <param name="Vcas">VCA masters.</param>
/// <param name="Outputs">Which bus prints to which file.</param>
/// <param name="BaseDirectory">Directory that relative media and output paths resolve against (the session file's folder).</param>
public sealed record MixSession(
    string Name,
    int SampleRate,
    TimecodeRate TimecodeRate,
    Timecode Start,
    long? End,
    IReadOnlyList<Track> Tracks,
    IReadOnlyList<Bus> Buses,
    IReadOnlyList<Vca> Vcas,
    IReadOnlyList<PrintOutput> Outputs,
    string BaseDirectory)
{
    /// <summary>Automation lanes, modes and preferences (empty when the session file has no <c>automation</c> section).</summary>
    public SessionAutomation Automation { get; init; } = SessionAutomation.Empty;

    /// <summary>Named positions and ranges on the timeline, in timeline order (empty when the file has no <c>markers</c>).</summary>
    public MarkerList Markers { get; init; } = MarkerList.Empty;

    /// <summary>Named strip orders for control surfaces (empty when the session file has no <c>layouts</c> section).</summary>
    public IReadOnlyList<SurfaceLayout> Layouts { get; init; } = [];

    /// <summary>Session start as samples since midnight (the BWF TimeReference of timeline sample 0).</summary>
    public long StartSamplesSinceMidnight => Start.ToSamplesSinceMidnight(SampleRate);

    /// <summary>Where the timeline ends in samples: <see cref="End"/>, else the end of the last clip (0 without clips). Any thread.</summary>
    public long TimelineEnd => End ?? Tracks.SelectMany(t => t.Clips).Select(c => c.EndPosition).DefaultIfEmpty(0).Max();

    /// <summary>Resolves a media or output path relative to the session file's folder.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>The channel layout of a track or bus by id, or null when no such id exists.</summary>
    public ChannelLayout? FormatOf(string id) =>
        Tracks.FirstOrDefault(t => t.Id == id)?.Format ?? Buses.FirstOrDefault(b => b.Id == id)?.Format;
}
