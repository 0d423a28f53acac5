namespace MixEngine.Automation;

/// <summary>The automation mode of a track, bus, VCA or single parameter (automation.md 2.5 rule 1).</summary>
public enum AutomationMode
{
    /// <summary>The lane is ignored: the parameter plays its static value and nothing is written.</summary>
    Off,

    /// <summary>The lane drives the parameter; moves are not written.</summary>
    Read,

    /// <summary>Writes while touched; on release glides back to the underlying curve over the AutoMatch time.</summary>
    Touch,

    /// <summary>Writes from the first touch or move and holds the last value until the pass stops.</summary>
    Latch,

    /// <summary>Faders behave as Touch, every other parameter as Latch.</summary>
    TouchLatch,

    /// <summary>Writes every parameter over the whole pass; afterwards switches to the after-Write mode.</summary>
    Write,
}

/// <summary>
/// A mode with its trim flag: in a trim variant a trimmable (gain-type) parameter writes dB offsets to its trim curve
/// instead of absolute values; non-trimmable parameters ignore the flag (in Write-Trim they behave as Touch).
/// Immutable value; any thread.
/// </summary>
/// <param name="Mode">The mode.</param>
/// <param name="Trim">True for the trim variant.</param>
public readonly record struct AutomationModeSetting(AutomationMode Mode, bool Trim = false)
{
    /// <summary>Read, absolute: the mode of every parameter nobody set a mode for.</summary>
    public static readonly AutomationModeSetting Default = new(AutomationMode.Read);

    /// <summary>Names as the session file writes them: off, read, touch, latch, touchLatch, write and the trim variants readTrim … writeTrim.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["off", "read", "touch", "latch", "touchLatch", "write", "readTrim", "touchTrim", "latchTrim", "touchLatchTrim", "writeTrim"];

    /// <summary>The session-file name of this setting (<c>touchTrim</c>).</summary>
    public override string ToString()
    {
        string name = Mode switch
        {
            AutomationMode.Off => "off",
            AutomationMode.Read => "read",
            AutomationMode.Touch => "touch",
            AutomationMode.Latch => "latch",
            AutomationMode.TouchLatch => "touchLatch",
            _ => "write",
        };
        return Trim && Mode != AutomationMode.Off ? name + "Trim" : name;
    }

    /// <summary>Parses a name of <see cref="Names"/>; false for anything else.</summary>
    public static bool TryParse(string text, out AutomationModeSetting setting)
    {
        setting = Default;
        int i = ((IList<string>)Names).IndexOf(text);
        if (i < 0) return false;
        setting = i <= 5 ? new AutomationModeSetting((AutomationMode)i) : new AutomationModeSetting((AutomationMode)(i - 5), true);
        return true;
    }
}
