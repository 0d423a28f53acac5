using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>What one event of a scripted pass does.</summary>
public enum PassEventKind
{
    /// <summary>A control moved to a value.</summary>
    Value,

    /// <summary>A control was touched.</summary>
    Touch,

    /// <summary>A control was released.</summary>
    Release,

    /// <summary>The transport jumped back (a loop wrap) to <see cref="PassEvent.To"/>.</summary>
    Jump,

    /// <summary>A Write-To command.</summary>
    WriteTo,

    /// <summary>Preview on or off (<see cref="PassEvent.On"/>).</summary>
    Preview,

    /// <summary>Preview audition suspended or resumed (<see cref="PassEvent.On"/>).</summary>
    Suspend,

    /// <summary>Punch Preview.</summary>
    PunchPreview,

    /// <summary>Capture.</summary>
    Capture,

    /// <summary>Punch Capture (<see cref="PassEvent.All"/>, <see cref="PassEvent.Targets"/>).</summary>
    PunchCapture,
}

/// <summary>One event of a scripted pass. Immutable; any thread.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Position">Timeline samples where it happens.</param>
/// <param name="Address">The control (moves only).</param>
/// <param name="Value">The value (moves; for touches the control's value, NaN when the touch takes the control as it plays).</param>
/// <param name="To">Where a jump lands.</param>
/// <param name="Target">The Write-To target.</param>
/// <param name="SelectionStart">Write-To selection start, or null for the session.</param>
/// <param name="SelectionEnd">Write-To selection end, or null for the session.</param>
/// <param name="On">Preview or Suspend: on (true) or off.</param>
/// <param name="All">Punch Capture: also punch controls in Read.</param>
/// <param name="Targets">Punch Capture: only these strips (<c>track/DX 1</c>), or null for all.</param>
/// <param name="Composite">A value of a VCA member's fader given as its composite level (<see cref="AutomationRecorder.OnCompositeMove"/>).</param>
public sealed record PassEvent(PassEventKind Kind, long Position, ParameterAddress? Address = null, double Value = 0,
    long To = 0, WriteTarget Target = WriteTarget.End, long? SelectionStart = null, long? SelectionEnd = null,
    bool On = false, bool All = false, IReadOnlyList<string>? Targets = null, bool Composite = false);

/// <summary>
/// A pass written down instead of played by hand (docs/automation.md, Scripted passes): modes to set, moves made while
/// stopped (Latch Prime), the pass range and its events in order. <see cref="Run"/> feeds them to an
/// <see cref="AutomationRecorder"/> through the same calls a live pass uses, so every mode can be exercised without a
/// device. Immutable; run on a control thread.
/// </summary>
/// <param name="Start">Pass start (transport start).</param>
/// <param name="End">Pass end (transport stop).</param>
/// <param name="Modes">Modes to set before the pass, by strip target or parameter address (null clears).</param>
/// <param name="Stopped">Moves and commands made before the transport starts (positions are the pass start).</param>
/// <param name="Events">The pass's events in the order they happen.</param>
public sealed record ScriptedPass(long Start, long End, IReadOnlyList<(string Target, AutomationModeSetting? Mode)> Modes,
    IReadOnlyList<PassEvent> Stopped, IReadOnlyList<PassEvent> Events)
{
    /// <summary>
    /// Runs the pass on <paramref name="recorder"/> and returns what it wrote; <paramref name="waitUntil"/>, when given,
    /// is called with each event's position before it is fed (the CLI paces a pass in real time with it).
    /// </summary>
    public PassResult Run(AutomationRecorder recorder, Action<long>? waitUntil = null)
    {
        foreach (var (target, mode) in Modes) recorder.SetMode(target, mode);
        foreach (var e in Stopped) Feed(recorder, e, Start);
        recorder.BeginPass(Start);
        foreach (var e in Events)
        {
            waitUntil?.Invoke(e.Position);
            Feed(recorder, e, e.Position);
        }
        waitUntil?.Invoke(End);
        return recorder.EndPass(End);
    }

    private static void Feed(AutomationRecorder recorder, PassEvent e, long position)
    {
        switch (e.Kind)
        {
            case PassEventKind.Jump:
                recorder.Jump(position, e.To);
                break;
            case PassEventKind.WriteTo:
                new PassCommand(PassCommandKind.WriteTo, Target: e.Target, SelectionStart: e.SelectionStart, SelectionEnd: e.SelectionEnd).ApplyTo(recorder, position);
                break;
            case PassEventKind.Preview or PassEventKind.Suspend or PassEventKind.PunchPreview or PassEventKind.Capture or PassEventKind.PunchCapture:
                new PassCommand(e.Kind switch
                {
                    PassEventKind.Preview => PassCommandKind.Preview,
                    PassEventKind.Suspend => PassCommandKind.Suspend,
                    PassEventKind.PunchPreview => PassCommandKind.PunchPreview,
                    PassEventKind.Capture => PassCommandKind.Capture,
                    _ => PassCommandKind.PunchCapture,
                }, e.On, e.All, e.Targets).ApplyTo(recorder, position);
                break;
            case PassEventKind.Value when e.Composite:
                recorder.OnCompositeMove(Move(e, position));
                break;
            default:
                recorder.OnControlMove(Move(e, position));
                break;
        }
    }

    private static ControlMove Move(PassEvent e, long position) => new(position, e.Address!, e.Kind switch
    {
        PassEventKind.Touch => ControlMoveKind.TouchBegin,
        PassEventKind.Release => ControlMoveKind.TouchEnd,
        _ => ControlMoveKind.Value,
    }, e.Value, 0);
}
