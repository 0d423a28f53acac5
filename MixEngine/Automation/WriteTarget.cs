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
