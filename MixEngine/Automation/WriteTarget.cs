namespace MixEngine.Automation;

/// <summary>Where a Write-To command spreads the current value of every writing control (automation.md 2.5 rule 10).</summary>
public enum WriteTarget
{
    /// <summary>From the range start (selection start, else the session start) to the command position; writing continues.</summary>
    Start,

    /// <summary>From the command position to the range end (selection end, else the session end); the control punches out.</summary>
    End,

    /// <summary>The whole range (selection, else the whole session); the control punches out.</summary>
    All,

    /// <summary>From the control's punch-in point to the command position; writing continues.</summary>
    PunchPoint,

    /// <summary>From the command position to the next existing breakpoint; the control punches out.</summary>
    NextBreakpoint,
}

/// <summary>The sample range a Write-To command covers (automation.md 2.5 rule 10). Pure; control side.</summary>
internal static class WriteTargetRange
{
    /// <summary>
    /// The inclusive range <paramref name="target"/> covers when issued at <paramref name="position"/> for a control that
    /// punched in (or was isolated) at <paramref name="punchIn"/>, within [<paramref name="rangeStart"/>,
    /// <paramref name="rangeEnd"/>]; Next Breakpoint ends one sample before the first point of <paramref name="under"/>
    /// after the position (the range end when there is none).
    /// </summary>
    public static (long From, long To) Of(WriteTarget target, long position, long punchIn, long rangeStart, long rangeEnd, AutomationCurve under) => target switch
    {
        WriteTarget.Start => (rangeStart, position),
        WriteTarget.PunchPoint => (punchIn, position),
        WriteTarget.End => (position, rangeEnd),
        WriteTarget.All => (rangeStart, rangeEnd),
        _ => (position, under.Points.FirstOrDefault(p => p.Position > position) is { Position: > 0 } next ? next.Position - 1 : rangeEnd),
    };
}
