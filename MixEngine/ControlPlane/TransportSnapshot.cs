using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The transport as last published by the audio thread (at a block boundary), with the playhead's SMPTE timecode for
/// surfaces. Immutable value; read on control threads.
/// </summary>
/// <param name="State">Stopped, pre-rolling or playing.</param>
/// <param name="Position">Playhead in samples from the session start (the first sample of the next block).</param>
/// <param name="Timecode">The playhead as a timecode label at the session's rate (session start + position).</param>
/// <param name="Loop">The loop range, or null when not looping.</param>
/// <param name="PreRoll">Pre-roll in samples.</param>
/// <param name="BlocksRendered">Blocks rendered by the audio thread since the engine started (tells a reader the snapshot moved).</param>
public readonly record struct TransportSnapshot(
    TransportState State,
    long Position,
    Timecode Timecode,
    LoopRange? Loop,
    long PreRoll,
    long BlocksRendered);
