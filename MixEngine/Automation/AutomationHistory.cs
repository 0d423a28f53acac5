namespace MixEngine.Automation;

/// <summary>
/// Undo and redo of automation, one step per pass or edit (automation.md 2.5 rule 2): each step keeps the whole
/// automation before and after (immutable values, so undo restores every lane exactly). Control side, one thread.
/// </summary>
public sealed class AutomationHistory
{
    private readonly Stack<(SessionAutomation Before, SessionAutomation After, string What)> _undo = new();
    private readonly Stack<(SessionAutomation Before, SessionAutomation After, string What)> _redo = new();

    /// <summary>Number of steps that can be undone.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>Number of steps that can be redone.</summary>
    public int RedoCount => _redo.Count;

    /// <summary>Records one step (clears the redo stack).</summary>
    public void Push(SessionAutomation before, SessionAutomation after, string what)
    {
        _undo.Push((before, after, what));
        _redo.Clear();
    }

    /// <summary>The automation before the last step, or null when there is nothing to undo.</summary>
    public SessionAutomation? Undo()
    {
        if (!_undo.TryPop(out var step)) return null;
        _redo.Push(step);
        return step.Before;
    }

    /// <summary>The automation after the last undone step, or null when there is nothing to redo.</summary>
    public SessionAutomation? Redo()
    {
        if (!_redo.TryPop(out var step)) return null;
        _undo.Push(step);
        return step.After;
    }
}
