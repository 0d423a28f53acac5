using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>What a <see cref="ControlMove"/> records: a new value, or a touch taken or released.</summary>
public enum ControlMoveKind
{
    /// <summary>The control was moved to <see cref="ControlMove.Value"/>.</summary>
    Value,

    /// <summary>The control was touched (a finger on a fader, a knob grabbed).</summary>
    TouchBegin,

    /// <summary>The control was released.</summary>
    TouchEnd,
}

/// <summary>
/// One move of a control as automation sees it: stamped with the session sample position of the block at which it
/// took effect on the audio thread (live passes) or at which a scripted pass places it. Live and scripted passes
/// produce the same moves, so one recorder writes both. Immutable value; any thread.
/// </summary>
/// <param name="Position">Session sample position at which the move takes effect.</param>
/// <param name="Address">The parameter moved (name form).</param>
/// <param name="Kind">Value change, touch or release.</param>
/// <param name="Value">The value in the parameter's natural unit (for touches: the value at the touch).</param>
/// <param name="Client">Id of the control client that made the move (0 = the engine itself).</param>
public readonly record struct ControlMove(long Position, ParameterAddress Address, ControlMoveKind Kind, double Value, int Client);
