using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>What one pass changed.</summary>
/// <param name="Start">Pass start (transport start), samples.</param>
/// <param name="End">Pass end (transport stop), samples.</param>
/// <param name="Written">Addresses whose lanes the pass wrote.</param>
/// <param name="NotWritten">Why moves were not written (mode Read/Off, backwards in time, unknown address), each distinct reason once in the order first met.</param>
public sealed record PassResult(long Start, long End, IReadOnlyList<string> Written, IReadOnlyList<string> NotWritten);

/// <summary>
/// The automation recorder (room Automation's central type): turns control moves stamped with sample positions into
/// lanes, following automation.md 2.5 rule by rule. A pass runs from <see cref="BeginPass"/> (transport start) to
/// <see cref="EndPass"/> (stop); moves arrive through <see cref="OnControlMove"/> from the live control path or a
/// <see cref="ScriptedPass"/> alike; loop wraps arrive through <see cref="Jump"/>; Write-To commands through
/// <see cref="WriteTo"/>; Preview and Capture (rule 11) through the members in AutomationRecorder.PreviewCapture.cs. Each pass is one undo step (<see cref="Undo"/>, <see cref="Redo"/>); the result replaces
/// <see cref="Automation"/>. Moves while no pass runs prime Latch controls (Latch Prime).
/// <para>Thread rules: control side only, one thread at a time (the control plane delivers moves on one thread); never
/// on the audio thread. An optional <see cref="IPassJournal"/> receives every pass event as it is taken.</para>
/// </summary>
public sealed partial class AutomationRecorder : IControlMoveSink
{
    private MixSession _session;
    private ParameterCatalog _catalog;
    private readonly Dictionary<string, ParameterPass> _passes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _primed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Position, double Value)> _joins = new(StringComparer.Ordinal);
    private readonly List<string> _notWritten = [];
    // The reasons already in _notWritten: a control moved all through a long pass in Off mode would otherwise add one
    // string per move, all kept until the pass ends (a served pass runs for hours; docs/realtime.md, GC).
    private readonly HashSet<string> _notWrittenSeen = new(StringComparer.Ordinal);
    private long _start;

    /// <summary>Creates a recorder over <paramref name="session"/>'s automation; control side.</summary>
    public AutomationRecorder(MixSession session, IPassJournal? journal = null)
    {
        _session = session;
        _catalog = ParameterCatalog.For(session);
        Automation = session.Automation;
        Journal = journal;
    }

    /// <summary>The automation as it stands (after the last pass, undo or redo).</summary>
    public SessionAutomation Automation { get; private set; }

    /// <summary>Undo/redo steps.</summary>
    public AutomationHistory History { get; } = new();

    /// <summary>The journal receiving pass events, or null.</summary>
    public IPassJournal? Journal { get; }

    /// <summary>True between <see cref="BeginPass"/> and <see cref="EndPass"/>.</summary>
    public bool PassRunning { get; private set; }

    /// <summary>Where the session ends, for Write-To End/All without a selection.</summary>
    private long SessionEnd => _session.End ?? _session.Tracks.SelectMany(t => t.Clips).Select(c => c.EndPosition).DefaultIfEmpty(0).Max();

    /// <summary>Sets the mode of a strip target (<c>track/DX 1</c>) or a parameter address (null clears); leaving a trim mode coalesces when the policy says so. One undo step.</summary>
    public void SetMode(string targetOrAddress, AutomationModeSetting? mode)
    {
        Journal?.Mode(targetOrAddress, mode);
        var before = Automation;
        bool isTarget = targetOrAddress.Count(c => c == '/') == 1;
        var after = isTarget
            ? Automation.WithMode(targetOrAddress, mode)
            : Automation.WithLane((Automation.Lane(targetOrAddress) ?? NewLane(targetOrAddress)) with { Mode = mode });
        if (Automation.Settings.Coalesce == TrimCoalesce.OnExitTrim)
            foreach (var lane in after.Lanes)
                if ((isTarget ? SessionAutomation.TargetOf(lane.Address) == targetOrAddress : lane.Address == targetOrAddress)
                    && before.ModeOf(lane.Address).Trim && !after.ModeOf(lane.Address).Trim)
                    after = after.WithLane(Coalesced(lane));
        Commit(before, after, $"mode of {targetOrAddress}");
    }

    /// <summary>Folds the trim curve of <paramref name="address"/> into its main curve (the Manual coalesce policy). One undo step.</summary>
    public void Coalesce(string address)
    {
        if (Automation.Lane(address) is not { } lane) return;
        Commit(Automation, Automation.WithLane(Coalesced(lane)), $"coalesce {address}");
    }

    /// <summary>Starts a pass at <paramref name="position"/> (transport start): Write controls punch in, primed Latch controls start at their primed value.</summary>
    public void BeginPass(long position)
    {
        if (PassRunning) throw new InvalidOperationException($"a pass is already running (started at sample {_start}); end it before starting another");
        Journal?.Begin(position);
        PassRunning = true;
        _start = position;
        _passes.Clear();
        _notWritten.Clear();
        _notWrittenSeen.Clear();
        foreach (var p in _catalog.Parameters)
        {
            string address = p.Descriptor.Address.ToString();
            if (!p.Descriptor.Automatable) continue;
            var mode = Automation.ModeOf(address);
            bool primed = _primed.ContainsKey(address);
            bool writes = mode.Mode == AutomationMode.Write && (Automation.Lane(address) is not null || primed);
            bool joins = Automation.Settings.AutoJoin && _joins.TryGetValue(address, out var join) && join.Position >= position;
            if (writes || primed || joins) Pass(address, _primed.TryGetValue(address, out double v) ? v : null);
        }
        _primed.Clear();
        _joins.Clear();
    }

    /// <summary>Takes one move (live or scripted); while no pass runs, a move of a Latch control primes it. Control thread.</summary>
    public void OnControlMove(in ControlMove move)
    {
        Journal?.Move(move);
        ParameterSetting setting;
        try
        {
            setting = _catalog.Find(move.Address);
        }
        catch (ParameterAddressException e)
        {
            NotWritten($"refused: {e.Message}");
            return;
        }
        string address = setting.Descriptor.Address.ToString();
        if (Isolates(setting, move)) return;
        if (!PassRunning)
        {
            if (ParameterPass.BehaviourOf(setting.Descriptor, Automation.ModeOf(address)) == PassBehaviour.Latch && move.Kind != ControlMoveKind.TouchEnd
                && !double.IsNaN(move.Value))
                _primed[address] = move.Value;
            return;
        }
        var pass = Pass(address);
        if (pass is null)
        {
            NotWritten($"refused: '{address}' cannot be automated");
            return;
        }
        if (pass.Move(move) is { } why) NotWritten(why);
    }

    private void NotWritten(string why)
    {
        if (_notWrittenSeen.Add(why)) _notWritten.Add(why);
    }

    /// <summary>The transport jumped from <paramref name="from"/> back to <paramref name="to"/> (a loop wrap) while the pass runs.</summary>
    public void Jump(long from, long to)
    {
        Journal?.Jump(from, to);
        foreach (var pass in _passes.Values) pass.Jump(from, to);
    }

    /// <summary>
    /// Spreads the current value of every writing control over <paramref name="target"/>'s range at <paramref name="position"/>
    /// (the selection [<paramref name="selectionStart"/>, <paramref name="selectionEnd"/>] when given, else the session);
    /// returns how many controls took it.
    /// </summary>
    public int WriteTo(WriteTarget target, long position, long? selectionStart = null, long? selectionEnd = null)
    {
        Journal?.WriteTo(target, position, selectionStart, selectionEnd);
        if (_preview.Isolated.Count > 0) return WritePreviewTo(target, position, selectionStart ?? 0, selectionEnd ?? SessionEnd);
        int n = 0;
        foreach (var pass in _passes.Values)
            if (pass.WriteTo(target, position, selectionStart ?? 0, selectionEnd ?? SessionEnd)) n++;
        return n;
    }

    /// <summary>
    /// Ends the pass at <paramref name="position"/> (transport stop): closes every section, splices the written curves into
    /// the lanes, coalesces trim (AfterEveryPass), switches Write modes to the after-Write mode, and records one undo step.
    /// </summary>
    public PassResult EndPass(long position)
    {
        if (!PassRunning) throw new InvalidOperationException("no pass is running; call BeginPass first");
        Journal?.End(position);
        PassRunning = false;
        var before = Automation;
        var after = Automation;
        var written = new List<string>();
        var settings = Automation.Settings;
        foreach (var (address, pass) in _passes)
        {
            if (pass.End(position) && pass.Behaviour == PassBehaviour.Latch) _joins[address] = (position, pass.Value);
            if (!pass.Wrote) continue;
            written.Add(address);
            var lane = after.Lane(address) ?? NewLane(address);
            lane = pass.TrimWrite ? lane with { Trim = pass.Result() } : lane with { Curve = pass.Result() };
            if (pass.TrimWrite && settings.Coalesce == TrimCoalesce.AfterEveryPass) lane = Coalesced(lane);
            after = after.WithLane(lane);
        }
        after = SwitchAfterWrite(after);
        after = ApplyLatchSwitches(after);
        Commit(before, after, $"pass {_start}-{position}");
        var result = new PassResult(_start, position, written, _notWritten.ToArray());
        _passes.Clear();
        return result;
    }

    /// <summary>Restores the automation before the last pass or edit; false when there is nothing to undo.</summary>
    public bool Undo()
    {
        if (History.Undo() is not { } a) return false;
        Automation = a;
        return true;
    }

    /// <summary>Re-applies the last undone pass or edit; false when there is nothing to redo.</summary>
    public bool Redo()
    {
        if (History.Redo() is not { } a) return false;
        Automation = a;
        return true;
    }

    /// <summary>Applies an edit made outside a pass (glide, snapshot) as one undo step.</summary>
    public void Apply(SessionAutomation after, string what) => Commit(Automation, after, what);

    private void Commit(SessionAutomation before, SessionAutomation after, string what)
    {
        if (before.Equals(after)) return;
        History.Push(before, after, what);
        Automation = after;
    }

    private SessionAutomation SwitchAfterWrite(SessionAutomation a)
    {
        var after = a.Settings.AfterWrite;
        if (after == AfterWritePass.NoChange) return a;
        var to = after == AfterWritePass.Latch ? AutomationMode.Latch : AutomationMode.Touch;
        foreach (var (address, pass) in _passes)
        {
            if (pass.Mode.Mode != AutomationMode.Write) continue;
            var switched = new AutomationModeSetting(to, pass.Mode.Trim);
            if (a.Lane(address)?.Mode is { Mode: AutomationMode.Write } && a.Lane(address) is { } lane) a = a.WithLane(lane with { Mode = switched });
            else if (a.Modes.TryGetValue(SessionAutomation.TargetOf(address), out var m) && m.Mode == AutomationMode.Write)
                a = a.WithMode(SessionAutomation.TargetOf(address), switched);
        }
        return a;
    }

    private ParameterPass? Pass(string address, double? primed = null)
    {
        if (_passes.TryGetValue(address, out var existing)) return existing;
        var setting = _catalog.Find(address);
        if (!setting.Descriptor.Automatable) return null;
        var pass = new ParameterPass(setting.Descriptor, Automation.Lane(address), setting.Value, Automation.ModeOf(address), Automation.Settings, _session.SampleRate);
        _passes[address] = pass;
        pass.Begin(_start, primed);
        if (Automation.Settings.AutoJoin && _joins.TryGetValue(address, out var join) && join.Position >= _start) pass.JoinAt(join.Position, join.Value);
        return pass;
    }

    private AutomationLane NewLane(string address) => new(address, AutomationCurve.Empty, AutomationCurve.Empty);

    private AutomationLane Coalesced(AutomationLane lane)
    {
        var setting = _catalog.Find(lane.Address);
        return TrimCoalescing.Coalesce(lane, setting.Value, setting.Descriptor.Minimum, setting.Descriptor.Maximum);
    }
}
