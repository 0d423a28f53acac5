using MixEngine.Automation;

namespace MixEngine.Realtime;

/// <summary>What a <see cref="StampedMove"/> records: a control move, or a pass boundary the transport made.</summary>
public enum StampedKind
{
    /// <summary>A value applied (<see cref="ControlMoveKind.Value"/>).</summary>
    Value = ControlMoveKind.Value,

    /// <summary>A touch taken (<see cref="ControlMoveKind.TouchBegin"/>).</summary>
    TouchBegin = ControlMoveKind.TouchBegin,

    /// <summary>A touch released (<see cref="ControlMoveKind.TouchEnd"/>).</summary>
    TouchEnd = ControlMoveKind.TouchEnd,

    /// <summary>The transport started playing (after any pre-roll): a pass begins at the position; <see cref="StampedMove.Value"/> numbers it (1, 2, …: <see cref="RealtimeEngine.TryGetPassStartValues"/>).</summary>
    PassStart,

    /// <summary>The transport stopped: the pass ends at the position.</summary>
    PassEnd,

    /// <summary>The playhead jumped while playing (loop wrap or locate) from the position to <see cref="StampedMove.Value"/>.</summary>
    Jump,

    /// <summary>A pass command (Preview, Capture, Write-To) applied at the position; <see cref="StampedMove.Value"/> is its sequence number (<see cref="RealtimeEngine.TryGetPassCommand"/>).</summary>
    Command,
}

/// <summary>
/// A value or touch as the audio thread applied it, or a pass boundary, stamped with the session sample position of
/// the block at which it took effect; travels back to the control side through the engine's preallocated return ring
/// in the order it happened, where the control plane turns the slot into an address (<see cref="ControlMove"/>) and
/// the boundaries into pass calls (<see cref="IPassSink"/>). Immutable value; any thread.
/// </summary>
/// <param name="Position">Transport position (session samples) of the first sample of the block that applied it; for a jump, where it jumped from.</param>
/// <param name="Slot">The engine's parameter slot (−1 for pass boundaries).</param>
/// <param name="Kind">Value change, touch, release or pass boundary.</param>
/// <param name="Value">The value applied (for touches: the value the touch carried, NaN when none; for a jump: the position it landed on; for a pass start: the pass's number; for a command: its sequence number).</param>
/// <param name="Client">Id of the control client that made it (0 = the engine itself).</param>
public readonly record struct StampedMove(long Position, int Slot, StampedKind Kind, double Value, int Client);

/// <summary>A touch taken or released, as it travels to the audio thread to be stamped. Immutable value.</summary>
/// <param name="Slot">The engine's parameter slot.</param>
/// <param name="Client">Id of the client touching.</param>
/// <param name="Touched">True for a touch, false for a release.</param>
/// <param name="Value">The value the touch carries (NaN: the control as it plays).</param>
internal readonly record struct TouchCommand(int Slot, int Client, bool Touched, double Value);
