using MixEngine.Automation;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// Writes live automation passes (docs/automation.md, Live passes): moves from every client, stamped by the audio thread,
/// reach one <see cref="AutomationRecorder"/> with the pass boundaries the transport makes (a pass begins when playing
/// starts, after any pre-roll, and ends at the stop; loop wraps and locates are jumps). At each pass start the recorder takes
/// the running session (live parameter values, modes set by clients); at each end the written automation is installed
/// (plan rebuilt off the audio thread and swapped, after-Write mode switches published to every client), recorded as one
/// undo step and, when a session file is given, saved atomically (previous version kept as <c>.bak</c>) after which the
/// journal starts afresh. While a pass runs every event is journaled to <c>SESSION.journal</c> (<see cref="PassJournal"/>),
/// so a crash loses at most <see cref="PassJournal.FlushInterval"/> of moves; <c>mixengine automate SESSION --recover</c>
/// writes them. A mode change that turns a lane on or off (Off) reinstalls the plan so playback follows it.
/// Clients undo and redo passes through the facade (<see cref="IMixControl.UndoAutomationPass"/>), which this attaches to.
/// <para>Thread rules: moves, boundaries and mode changes arrive on the feedback hub's thread; <see cref="Undo"/>,
/// <see cref="Redo"/> and <see cref="Dispose"/> may be called from any control thread (all serialised). Never the audio thread.</para>
/// </summary>
public sealed class LiveAutomation : IPassSink, IFeedbackSubscriber, IDisposable
{
    private readonly MixControl _control;
    private readonly Func<MixSession, RenderPlan> _build;
    private readonly string? _sessionPath;
    private readonly LivePassJournal? _journal;
    private readonly AutomationRecorder _recorder;
    private readonly IDisposable _moves, _modes;
    private readonly object _gate = new();
    private HashSet<string> _played;
    private List<(ParameterAddress Address, double Value)> _trimValues = [];
    private bool _unsaved, _disposed;

    /// <summary>
    /// Starts writing live passes on <paramref name="control"/>, building plans with <paramref name="build"/>; with
    /// <paramref name="sessionPath"/> passes are journaled next to it and saved into it. Throws
    /// <see cref="InvalidOperationException"/> naming the journal when one from an interrupted run is waiting. Control side.
    /// </summary>
    public LiveAutomation(MixControl control, Func<MixSession, RenderPlan> build, string? sessionPath = null)
    {
        _control = control;
        _build = build;
        _sessionPath = sessionPath is null ? null : Path.GetFullPath(sessionPath);
        if (_sessionPath is not null)
        {
            string journal = PassJournal.For(_sessionPath);
            if (File.Exists(journal))
                throw new InvalidOperationException($"{journal} holds an interrupted pass; run 'mixengine automate {_sessionPath} --recover' to write its moves or --discard-journal to drop them");
            _journal = new LivePassJournal(journal);
        }
        _recorder = new AutomationRecorder(control.Session, _journal);
        _played = Played(control.Session.Automation);
        _moves = control.AddMoveSink(this);
        _modes = control.Feedback.Subscribe(this, new FeedbackRates("live automation", FeedbackRates.Never, FeedbackRates.Never, FeedbackRates.Never, ControlClientId.None));
        control.AttachLivePasses(this);
    }

    /// <summary>Raised on the hub's thread after each pass was installed (and saved), with what it wrote.</summary>
    public event Action<PassResult>? PassWritten;

    /// <summary>Raised on the hub's thread when installing or saving a pass failed (the automation stays in memory and in the journal).</summary>
    public event Action<Exception>? Failed;

    /// <summary>True while a pass runs.</summary>
    public bool PassRunning { get { lock (_gate) return _recorder.PassRunning; } }

    /// <summary>Passes and edits that can be undone.</summary>
    public int UndoCount { get { lock (_gate) return _recorder.History.UndoCount; } }

    /// <summary>The automation as the recorder holds it (after the last pass, undo or redo).</summary>
    public SessionAutomation Automation { get { lock (_gate) return _recorder.Automation; } }

    /// <summary>Restores the automation before the last pass and installs it; false when there is nothing to undo or a pass runs. Any control thread.</summary>
    public bool Undo() => Step(() => _recorder.Undo());

    /// <summary>Re-applies the last undone pass and installs it; false when there is nothing to redo or a pass runs. Any control thread.</summary>
    public bool Redo() => Step(() => _recorder.Redo());

    /// <inheritdoc/>
    public void OnPassStart(long position, IReadOnlyList<(ParameterAddress Address, double Value)> values)
    {
        lock (_gate)
        {
            if (_disposed || _recorder.PassRunning) return;
            var automation = _control.Session.Automation;
            _trimValues = values.Where(v => automation.ModeOf(v.Address.ToString()).Trim).ToList();
            _recorder.Rebase(SessionParameterValues.With(LiveSession(), values));
            _recorder.BeginPass(position);
        }
    }

    /// <inheritdoc/>
    public void OnControlMove(in ControlMove move)
    {
        lock (_gate)
            if (!_disposed) _recorder.OnControlMove(move);
    }

    /// <inheritdoc/>
    public void OnJump(long from, long to)
    {
        lock (_gate)
            if (!_disposed && _recorder.PassRunning) _recorder.Jump(from, to);
    }

    /// <inheritdoc/>
    public void OnPassEnd(long position)
    {
        PassResult result;
        lock (_gate)
        {
            if (_disposed || !_recorder.PassRunning) return;
            var before = _recorder.Automation;
            result = _recorder.EndPass(position);
            if (!ReferenceEquals(before, _recorder.Automation)) Install();
            else _journal?.Restart();
        }
        PassWritten?.Invoke(result);
    }

    /// <summary>A mode changed: when it turns a lane on or off, the plan is rebuilt so playback follows. Hub thread.</summary>
    public void OnAutomationModeChanged(in AutomationModeChange change)
    {
        lock (_gate)
        {
            if (_disposed || _recorder.PassRunning) return;
            var automation = _control.Session.Automation;
            var played = Played(automation);
            if (played.SetEquals(_played)) return;
            _played = played;
            Guarded(() => _control.InstallAutomation(automation, _build));
        }
    }

    /// <summary>Not delivered: subscribed for modes only (every other rate is <see cref="FeedbackRates.Never"/>).</summary>
    public void OnParameterChanged(in ParameterChange change)
    {
    }

    /// <summary>Not delivered: subscribed for modes only (every other rate is <see cref="FeedbackRates.Never"/>).</summary>
    public void OnTouchChanged(in TouchChange change)
    {
    }

    /// <summary>Not delivered: subscribed for modes only (every other rate is <see cref="FeedbackRates.Never"/>).</summary>
    public void OnTransport(in TransportSnapshot transport)
    {
    }

    /// <summary>Not delivered: subscribed for modes only (every other rate is <see cref="FeedbackRates.Never"/>).</summary>
    public void OnMeters(IMeterReadings meters)
    {
    }

    /// <summary>
    /// Stops listening; a pass still running is ended where the transport stands and installed; with a session file,
    /// automation not saved yet is saved and the journal deleted. Any control thread.
    /// </summary>
    public void Dispose()
    {
        _control.DetachLivePasses(this);
        _moves.Dispose();
        _modes.Dispose();
        lock (_gate)
        {
            if (_disposed) return;
            if (_recorder.PassRunning)
            {
                var before = _recorder.Automation;
                _recorder.EndPass(_control.Transport.Position);
                if (!ReferenceEquals(before, _recorder.Automation)) Install();
            }
            _disposed = true;
            if (_journal is null) return;
            if (_unsaved) _journal.Dispose();
            else _journal.DisposeAndDelete();
        }
    }

    private bool Step(Func<bool> step)
    {
        lock (_gate)
        {
            if (_disposed || _recorder.PassRunning || !step()) return false;
            Install();
            return true;
        }
    }

    /// <summary>Installs the recorder's automation in the running session and saves it; failures are reported, not thrown (hub thread).</summary>
    private void Install()
    {
        _unsaved = true;
        _played = Played(_recorder.Automation);
        if (!Guarded(() => _control.InstallAutomation(_recorder.Automation, _build, _trimValues))) return;
        if (_sessionPath is null || !Guarded(() => SessionWriter.SaveKeepingPrevious(LiveSession(), _sessionPath))) return;
        _unsaved = false;
        _journal?.Restart();
    }

    private bool Guarded(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            Failed?.Invoke(e);
            return false;
        }
    }

    /// <summary>
    /// The running session with every parameter's live value as its static value (what a lane-less control plays), except
    /// for parameters in a trim mode, whose control value is a trim offset: they keep the session's value.
    /// </summary>
    private MixSession LiveSession()
    {
        var session = _control.Session;
        var values = _control.Descriptors.Where(d => !(d.Trimmable && session.Automation.ModeOf(d.Address.ToString()).Trim))
            .Select(d => (d.Address, _control.GetParameter(_control.Resolve(d.Address.ToString()))));
        return SessionParameterValues.With(session, values);
    }

    private static HashSet<string> Played(SessionAutomation automation) =>
        automation.Lanes.Where(l => l.Plays(automation.ModeOf(l.Address))).Select(l => l.Address).ToHashSet(StringComparer.Ordinal);
}
