namespace MixEngine.Realtime;

/// <summary>How a record-print buffers and stamps its files. Immutable; any thread.</summary>
public sealed record RecordPrintOptions
{
    /// <summary>The default: a 2-second ring, origination at the time the take starts.</summary>
    public static readonly RecordPrintOptions Default = new();

    /// <summary>Seconds of audio the ring between the audio thread and the disk thread holds (every printed channel).</summary>
    public double RingSeconds { get; init; } = 2.0;

    /// <summary>Ring size in frames when set, instead of <see cref="RingSeconds"/> (tests use tiny rings).</summary>
    public int? RingFrames { get; init; }

    /// <summary>bext origination date/time; null = the UTC time the take starts (set it for byte-identical files).</summary>
    public DateTime? Origination { get; init; }
}

/// <summary>
/// What a record-print take produced. The files equal an offline render of [<see cref="RangeStart"/>,
/// <see cref="RangeStart"/> + <see cref="Frames"/>) when <see cref="IsContinuousRange"/>. Immutable; any thread.
/// </summary>
/// <param name="Directory">Folder the prints were written to.</param>
/// <param name="RangeStart">Timeline position of the first printed sample (0 when nothing was played).</param>
/// <param name="Frames">Frames in every print.</param>
/// <param name="OverrunFrames">Frames the audio thread dropped because the ring was full (the disk thread fell behind).</param>
/// <param name="Discontinuities">Places where the played timeline jumped (locate, loop wrap, a dropped segment) inside the take.</param>
/// <param name="Files">Committed files (multi-mono prints list each file).</param>
/// <param name="Failure">Why the take failed and its files were deleted, or null.</param>
public sealed record RecordPrintReport(string Directory, long RangeStart, long Frames, long OverrunFrames, long Discontinuities,
    IReadOnlyList<string> Files, string? Failure)
{
    /// <summary>True when the files hold one contiguous timeline range with nothing dropped.</summary>
    public bool IsContinuousRange => Failure is null && OverrunFrames == 0 && Discontinuities == 0;
}
