namespace MixEngine.Automation;

/// <summary>What a <see cref="PassCommand"/> does (automation.md 2.5 rules 10 and 11).</summary>
public enum PassCommandKind
{
    /// <summary>Preview on or off (<see cref="PassCommand.On"/>).</summary>
    Preview,

    /// <summary>Preview audition suspended (the lanes play) or resumed (<see cref="PassCommand.On"/>).</summary>
    Suspend,

    /// <summary>Punch Preview: the isolated values are written (Latch).</summary>
    PunchPreview,

    /// <summary>Capture: the current values of writing and isolated controls are stored.</summary>
    Capture,

    /// <summary>Punch Capture: the stored values are written (<see cref="PassCommand.All"/>, <see cref="PassCommand.Targets"/>).</summary>
    PunchCapture,

    /// <summary>Write-To (<see cref="PassCommand.Target"/> over the optional selection).</summary>
    WriteTo,
}

/// <summary>
/// A pass command that is not a control move: Preview, Suspend, Punch Preview, Capture, Punch Capture or Write-To. A live
/// pass gets it through <c>IMixControl</c> (stamped by the audio thread with the position of the block that applies it),
/// a scripted pass from its event list; both hand it to the recorder through <see cref="ApplyTo"/>. Immutable; any thread.
/// </summary>
/// <param name="Kind">What it does.</param>
/// <param name="On">Preview and Suspend: on (true) or off.</param>
/// <param name="All">Punch Capture: also punch controls in Read.</param>
/// <param name="Targets">Punch Capture: only the controls of these strips (name form, <c>track/DX 1</c>), or null for all.</param>
/// <param name="Target">Write-To: where the value goes.</param>
/// <param name="SelectionStart">Write-To: selection start, or null for the session start.</param>
/// <param name="SelectionEnd">Write-To: selection end, or null for the session end.</param>
public sealed record PassCommand(PassCommandKind Kind, bool On = false, bool All = false, IReadOnlyList<string>? Targets = null,
    WriteTarget Target = WriteTarget.End, long? SelectionStart = null, long? SelectionEnd = null)
{
    /// <summary>Gives the command to <paramref name="recorder"/> at <paramref name="position"/>; returns how many controls it acted on (0 for Preview and Suspend). Control side.</summary>
    public int ApplyTo(AutomationRecorder recorder, long position)
    {
        switch (Kind)
        {
            case PassCommandKind.Preview:
                recorder.SetPreview(On, position);
                return 0;
            case PassCommandKind.Suspend:
                recorder.SuspendPreview(On, position);
                return 0;
            case PassCommandKind.PunchPreview:
                return recorder.PunchPreview(position);
            case PassCommandKind.Capture:
                return recorder.Capture(position);
            case PassCommandKind.PunchCapture:
                return recorder.PunchCapture(position, All, Targets);
            case PassCommandKind.WriteTo:
                return recorder.WriteTo(Target, position, SelectionStart, SelectionEnd);
            default:
                throw new ArgumentException($"pass command kind {(int)Kind} is unknown; expected one of {string.Join(", ", Enum.GetNames<PassCommandKind>())}");
        }
    }
}
