namespace MixEngine.ControlPlane;

/// <summary>
/// Undo and redo of live automation passes (docs/automation.md, Live passes): each pass written while the transport
/// played, with the mode switches it caused, is one step, whatever it wrote on however many lanes. The steps exist while
/// the engine writes live passes (<see cref="LiveAutomation"/> attached to the facade).
/// </summary>
public partial interface IMixControl
{
    /// <summary>
    /// Takes back the newest live automation pass (or the newest one redone) as one step: every lane it wrote, and every
    /// mode it switched, returns to what it was before the pass, and the plan plays that. False when there is none, a pass
    /// is running, or the engine writes no live passes. Any control thread.
    /// </summary>
    bool UndoAutomationPass(ControlClientId client);

    /// <summary>Re-applies the newest undone live pass as one step; false when there is none (a new pass clears them), a pass is running, or no live passes are written. Any control thread.</summary>
    bool RedoAutomationPass(ControlClientId client);
}
