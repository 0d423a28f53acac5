namespace MixEngine.Session;

/// <summary>
/// Undo and redo of marker edits, one step per add, change or remove: each step keeps the whole list before and after
/// (immutable, so undo restores it exactly). At most <see cref="MaxSteps"/> steps are kept; a new edit clears the redo
/// steps. Control side, one thread at a time (the owner serialises calls).
/// </summary>
public sealed class MarkerHistory
{
    /// <summary>Most steps kept for undo.</summary>
    public const int MaxSteps = 64;

    private readonly LinkedList<(MarkerList Before, MarkerList After, string What)> _undo = new();
    private readonly Stack<(MarkerList Before, MarkerList After, string What)> _redo = new();

    /// <summary>Steps that can be undone.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>Undone steps that can be redone.</summary>
    public int RedoCount => _redo.Count;

    /// <summary>Records one edit from <paramref name="before"/> to <paramref name="after"/> described by <paramref name="what"/>.</summary>
    public void Record(MarkerList before, MarkerList after, string what)
    {
        _undo.AddLast((before, after, what));
        if (_undo.Count > MaxSteps) _undo.RemoveFirst();
        _redo.Clear();
    }

    /// <summary>The list before the last step and what that step was, or null when there is nothing to undo.</summary>
    public (MarkerList Markers, string What)? Undo()
    {
        if (_undo.Last is not { } last) return null;
        _undo.RemoveLast();
        _redo.Push(last.Value);
        return (last.Value.Before, last.Value.What);
    }

    /// <summary>The list after the last undone step and what it was, or null when there is nothing to redo.</summary>
    public (MarkerList Markers, string What)? Redo()
    {
        if (!_redo.TryPop(out var step)) return null;
        _undo.AddLast(step);
        return (step.After, step.What);
    }

    /// <summary>Forgets every step (the list was replaced by a load or a session edit the steps do not lead to).</summary>
    public void Clear()
    {
        _undo.Clear();
        _redo.Clear();
    }
}
