using MixEngine.Automation;

namespace MixEngine.Realtime;

/// <summary>
/// A value or touch as the audio thread applied it, stamped with the session sample position of the block at which it
/// took effect; travels back to the control side through the engine's preallocated return ring, where the control
/// plane turns the slot into an address (<see cref="ControlMove"/>). Immutable value; any thread.
/// </summary>
/// <param name="Position">Transport position (session samples) of the first sample of the block that applied it.</param>
/// <param name="Slot">The engine's parameter slot.</param>
/// <param name="Kind">Value change, touch or release.</param>
/// <param name="Value">The value applied (for touches: the newest value requested when the touch was made).</param>
/// <param name="Client">Id of the control client that made it (0 = the engine itself).</param>
public readonly record struct StampedMove(long Position, int Slot, ControlMoveKind Kind, double Value, int Client);

/// <summary>A touch taken or released, as it travels to the audio thread to be stamped. Immutable value.</summary>
/// <param name="Slot">The engine's parameter slot.</param>
/// <param name="Client">Id of the client touching.</param>
/// <param name="Touched">True for a touch, false for a release.</param>
/// <param name="Value">The newest value requested when the touch was made.</param>
internal readonly record struct TouchCommand(int Slot, int Client, bool Touched, double Value);
