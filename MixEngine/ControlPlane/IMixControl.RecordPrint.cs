using MixEngine.Realtime;

namespace MixEngine.ControlPlane;

/// <summary>Record-print through the facade: print the session's stems to disk in real time while playing.</summary>
public partial interface IMixControl
{
    /// <summary>
    /// Starts a record-print take into <paramref name="directory"/> (created if missing; the caller confines it to its render
    /// root): from the next block, everything played in the Playing state is written to the session's prints (same names,
    /// formats and metadata as an offline render) and committed by <see cref="StopRecordPrint"/>; while any print is armed
    /// (<see cref="RecordArm"/>) only the armed prints are written. Returns the absolute folder.
    /// Throws <see cref="InvalidOperationException"/> when a take already runs or the session has no prints. Any control thread.
    /// </summary>
    string StartRecordPrint(ControlClientId client, string directory);

    /// <summary>
    /// Stops the running take at the next block boundary, waits for its files to be written and committed, and returns what
    /// it produced (<see cref="RecordPrintReport.IsContinuousRange"/>: the files equal an offline render of that range);
    /// null when no take runs. Blocks for the disk writes. Any control thread.
    /// </summary>
    RecordPrintReport? StopRecordPrint(ControlClientId client);

    /// <summary>Progress of the running take, or null when none runs; any control thread.</summary>
    RecordPrintProgress? RecordPrinting { get; }
}

/// <summary>Where a running record-print take stands. Immutable; any thread.</summary>
/// <param name="Directory">Absolute folder of the prints.</param>
/// <param name="FramesWritten">Frames written to every print so far.</param>
/// <param name="OverrunFrames">Frames dropped because the disk thread fell behind (the files then no longer equal one offline range).</param>
/// <param name="Discontinuities">Jumps in the played timeline inside the take (locate, loop wrap, a dropped segment).</param>
public sealed record RecordPrintProgress(string Directory, long FramesWritten, long OverrunFrames, long Discontinuities);
