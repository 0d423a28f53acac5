using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Protocol.V1;
using MixEngine.Session;

namespace MixEngine.Protocol.Services;

/// <summary>
/// The running session's revisions as gRPC clients change it: load (the file's values replace the live ones; clears
/// the history), edit (pushes the previous
/// session on the undo stack, at most <see cref="MaxUndo"/>), undo and redo, each installed through
/// <see cref="MixControl.ApplySession"/> (plan built off the audio thread, swapped at a block boundary) and announced to
/// <see cref="Changed"/> listeners. Edits, undo and redo keep the live value of every parameter that exists before and
/// after (a fader moved since the edit does not jump back). Markers keep their own history at the control facade
/// (<see cref="MixControl.UndoMarkerEdit"/>): an edit whose markers differ records them there as one marker step, and
/// undo and redo of an edit leave the markers as they are; a load replaces them and clears that history. Thread-safe: changes are serialised; any request thread.
/// </summary>
public sealed class SessionHistory(MixControl control, int blockSize)
{
    /// <summary>Most edits kept for undo.</summary>
    public const int MaxUndo = 64;

    private readonly object _gate = new();
    private readonly ControlClientId _loader = control.RegisterClient("grpc session load");
    private readonly LinkedList<MixSession> _undo = new();
    private readonly Stack<MixSession> _redo = new();
    private long _revision = 1;

    /// <summary>Raised after every change with the event and the name of the client that made it; on the changing request's thread.</summary>
    public event Action<SessionChanged, string>? Changed;

    /// <summary>Current revision (1 at start).</summary>
    public long Revision { get { lock (_gate) return _revision; } }

    /// <summary>Edits that can be undone.</summary>
    public int UndoDepth { get { lock (_gate) return _undo.Count; } }

    /// <summary>Undone edits that can be redone.</summary>
    public int RedoDepth { get { lock (_gate) return _redo.Count; } }

    /// <summary>The running session with every parameter's current value written in (what a save stores).</summary>
    public MixSession Live()
    {
        var values = control.Descriptors.Select(d => (d.Address, control.GetParameter(control.Resolve(d.Address.ToString()))));
        return SessionParameterValues.With(control.Session, values);
    }

    /// <summary>Installs a loaded session with the file's parameter values (not the live ones) and clears the history.</summary>
    public void Load(MixSession session, string source) => Change(source, "load", () =>
    {
        Install(session, MarkerInstall.Load);
        foreach (var setting in ParameterCatalog.For(session).Parameters)
            control.SetParameter(_loader, setting.Descriptor.Address.ToString(), setting.Value);
        _undo.Clear();
        _redo.Clear();
    });

    /// <summary>Installs an edited session; refused with <see cref="InvalidOperationException"/> when <paramref name="baseRevision"/> is stale.</summary>
    public void Edit(MixSession edited, long baseRevision, string source) => Change(source, "edit", () =>
    {
        if (baseRevision != 0 && baseRevision != _revision)
            throw new InvalidOperationException($"base_revision {baseRevision} is stale: the session is at revision {_revision} (another client changed it); get the session again and redo the edit");
        var previous = Live();
        Install(edited, MarkerInstall.KeepCurrent);
        control.ReplaceMarkers(_loader, edited.Markers);
        _undo.AddLast(previous);
        if (_undo.Count > MaxUndo) _undo.RemoveFirst();
        _redo.Clear();
    });

    /// <summary>Reinstalls the session before the last edit; <see cref="InvalidOperationException"/> when there is none.</summary>
    public void Undo(string source) => Change(source, "undo", () =>
    {
        var target = _undo.Last?.Value ?? throw new InvalidOperationException("nothing to undo: no edit since the session was loaded");
        var current = Live();
        Install(target, MarkerInstall.KeepCurrent);
        _undo.RemoveLast();
        _redo.Push(current);
    });

    /// <summary>Reinstalls the last undone session; <see cref="InvalidOperationException"/> when there is none.</summary>
    public void Redo(string source) => Change(source, "redo", () =>
    {
        if (_redo.Count == 0) throw new InvalidOperationException("nothing to redo: no undone edit (an edit after an undo clears the redo history)");
        var current = Live();
        Install(_redo.Peek(), MarkerInstall.KeepCurrent);
        _redo.Pop();
        _undo.AddLast(current);
    });

    /// <summary>
    /// Changes the running session's automation: <paramref name="edit"/> gets the live session (current parameter values
    /// written in) and returns the new automation, which is installed at a block boundary when it differs. Announced as
    /// action <c>automation</c>; the session's undo history is not touched (automation keeps its own). Runs
    /// <paramref name="edit"/> under the lock that serialises every change; an exception from it changes nothing.
    /// </summary>
    public void ChangeAutomation(Func<MixSession, SessionAutomation> edit, string source) => Change(source, "automation", () =>
    {
        var live = Live();
        var after = edit(live);
        if (!after.Equals(live.Automation)) Install(control.Session with { Automation = after }, MarkerInstall.KeepCurrent);
    });

    /// <summary>
    /// Runs <paramref name="change"/>, an automation change that installs itself (a live pass undone or redone through
    /// the control facade), under the lock that serialises every change, and announces it as action <c>automation</c>.
    /// </summary>
    public void InstalledAutomation(Action change, string source) => Change(source, "automation", change);

    private void Install(MixSession session, MarkerInstall markers) =>
        control.ApplySession(session, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(blockSize) { PreFaderTaps = true }, WavMediaOpener.Instance), markers);

    private void Change(string source, string action, Action change)
    {
        SessionChanged changed;
        lock (_gate)
        {
            change();
            _revision++;
            changed = new SessionChanged { SessionName = control.Session.Name, Action = action, Revision = _revision };
        }
        Changed?.Invoke(changed, source);
    }
}
