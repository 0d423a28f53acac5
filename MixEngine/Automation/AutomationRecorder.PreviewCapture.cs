using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>A Preview or Capture command (automation.md 2.5 rule 11), as the journal records it.</summary>
public enum PreviewCaptureAction
{
    /// <summary>Preview on or off.</summary>
    Preview,

    /// <summary>Preview audition suspended (the lanes play) or resumed.</summary>
    Suspend,

    /// <summary>Punch Preview: the isolated values are written.</summary>
    PunchPreview,

    /// <summary>Capture: the current values of writing and isolated controls are stored.</summary>
    Capture,

    /// <summary>Punch Capture: the stored values are written.</summary>
    PunchCapture,
}

// Preview and Capture (automation.md 2.5 rule 11): two state machines (PreviewState, CaptureState) driven by the
// recorder's control thread; punching them turns controls into Latch writers through the same ParameterPass a live
// pass uses, and the mode switches they cause belong to the pass's undo step (or are their own step while stopped).
public sealed partial class AutomationRecorder
{
    private readonly PreviewState _preview = new();
    private readonly CaptureState _capture = new();
    private readonly Dictionary<string, AutomationModeSetting> _latchSwitches = new(StringComparer.Ordinal);

    /// <summary>True while Preview is on.</summary>
    public bool PreviewOn => _preview.On;

    /// <summary>True while the Preview audition is suspended (isolated controls play their lanes).</summary>
    public bool PreviewSuspended => _preview.Suspended;

    /// <summary>The controls isolated in Preview and the value each holds.</summary>
    public IReadOnlyDictionary<string, double> PreviewValues => _preview.Isolated.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);

    /// <summary>The values stored by the last <see cref="Capture"/>.</summary>
    public IReadOnlyDictionary<string, double> Captured => _capture.Values;

    /// <summary>
    /// The value <paramref name="address"/> is auditioned at instead of its lane: its preview value while it is
    /// isolated and the audition is not suspended, else null (the lane plays).
    /// </summary>
    public double? AuditionValue(string address) =>
        _preview.On && !_preview.Suspended && _preview.Isolated.TryGetValue(address, out var e) ? e.Value : null;

    /// <summary>Turns Preview on or off at <paramref name="position"/>; off drops the isolated values unwritten.</summary>
    public void SetPreview(bool on, long position)
    {
        Journal?.PreviewCapture(PreviewCaptureAction.Preview, position, on, null);
        _preview.Set(on);
    }

    /// <summary>Suspends (true) or resumes the audition of preview values.</summary>
    public void SuspendPreview(bool on, long position)
    {
        Journal?.PreviewCapture(PreviewCaptureAction.Suspend, position, on, null);
        _preview.Suspend(on);
    }

    /// <summary>
    /// Punch Preview at <paramref name="position"/>: every isolated control's strip (or the parameter, when it has its
    /// own mode) goes to Latch; while rolling the control writes its preview value from here on, while stopped it is
    /// primed at that value for the next pass. Returns how many controls were punched.
    /// </summary>
    public int PunchPreview(long position)
    {
        Journal?.PreviewCapture(PreviewCaptureAction.PunchPreview, position, false, null);
        var punched = _preview.Release();
        foreach (var (address, value, _) in punched) Punch(address, value, position);
        CommitStoppedSwitches("punch preview");
        return punched.Count;
    }

    /// <summary>Capture at <paramref name="position"/>: stores the current value of every writing control and every isolated control; returns how many.</summary>
    public int Capture(long position)
    {
        Journal?.PreviewCapture(PreviewCaptureAction.Capture, position, false, null);
        var values = new List<(string, double)>();
        foreach (var (address, pass) in _passes)
        {
            pass.Advance(position);
            if (pass.Writing) values.Add((address, pass.Value));
        }
        foreach (var (address, e) in _preview.Isolated) values.Add((address, e.Value));
        _capture.Store(values);
        return values.Count;
    }

    /// <summary>
    /// Punch Capture at <paramref name="position"/>: writes the captured values of controls whose mode is Touch, Latch,
    /// TouchLatch or Write (with <paramref name="all"/> also Read; Off never), on the strips in <paramref name="targets"/>
    /// when given. Touch and Read controls go to Latch; while rolling writing starts at the captured value, while
    /// stopped the control is primed. Returns how many controls were punched.
    /// </summary>
    public int PunchCapture(long position, bool all = false, IReadOnlyList<string>? targets = null)
    {
        Journal?.PreviewCapture(PreviewCaptureAction.PunchCapture, position, all, targets);
        int n = 0;
        foreach (var (address, value) in _capture.Values)
        {
            if (targets is not null && !targets.Contains(SessionAutomation.TargetOf(address), StringComparer.Ordinal)) continue;
            var mode = Automation.ModeOf(address).Mode;
            if (mode == AutomationMode.Off || (mode == AutomationMode.Read && !all)) continue;
            Punch(address, value, position);
            n++;
        }
        CommitStoppedSwitches("punch capture");
        return n;
    }

    /// <summary>True when <paramref name="move"/> goes to Preview (isolates the control or changes its preview value) instead of writing.</summary>
    private bool Isolates(ParameterSetting setting, in ControlMove move)
    {
        if (!_preview.On || !setting.Descriptor.Automatable) return false;
        string address = setting.Descriptor.Address.ToString();
        if (_preview.Isolated.ContainsKey(address))
        {
            if (move.Kind == ControlMoveKind.Value) _preview.Isolate(address, move.Value, move.Position);
            return true;
        }
        if (move.Kind == ControlMoveKind.TouchEnd) return false;
        if (Automation.ModeOf(address).Mode is not (AutomationMode.Touch or AutomationMode.Latch or AutomationMode.TouchLatch)) return false;
        if (PassRunning && _passes.TryGetValue(address, out var pass) && pass.Writing) return false;
        _preview.Isolate(address, move.Kind == ControlMoveKind.Value ? move.Value : PlayingValue(setting, move.Position), move.Position);
        return true;
    }

    /// <summary>The value a control not writing plays at <paramref name="position"/>: its lane (trim curve in a trim mode), else its static value.</summary>
    private double PlayingValue(ParameterSetting setting, long position)
    {
        string address = setting.Descriptor.Address.ToString();
        var lane = Automation.Lane(address);
        if (Automation.ModeOf(address).Trim && setting.Descriptor.Trimmable) return lane?.Trim.ValueAt(position, 0.0) ?? 0.0;
        return lane?.Curve.ValueAt(position, setting.Value) ?? setting.Value;
    }

    /// <summary>Makes <paramref name="address"/> a Latch writer of <paramref name="value"/> at <paramref name="position"/> (rolling) or primes it (stopped).</summary>
    private void Punch(string address, double value, long position)
    {
        var mode = Automation.ModeOf(address);
        if (mode.Mode != AutomationMode.Write) _latchSwitches[address] = new AutomationModeSetting(AutomationMode.Latch, mode.Trim);
        if (!PassRunning)
        {
            _primed[address] = value;
            return;
        }
        if (Pass(address) is not { } pass) NotWritten($"refused: '{address}' cannot be automated");
        else if (pass.PunchAt(position, value) is { } why) NotWritten(why);
    }

    /// <summary>A copy of <paramref name="a"/> with the Latch switches of punched controls applied (and forgotten): the parameter's own mode when it has one, else its strip's.</summary>
    private SessionAutomation ApplyLatchSwitches(SessionAutomation a)
    {
        foreach (var (address, mode) in _latchSwitches)
            a = a.Lane(address) is { Mode: not null } lane ? a.WithLane(lane with { Mode = mode }) : a.WithMode(SessionAutomation.TargetOf(address), mode);
        _latchSwitches.Clear();
        return a;
    }

    /// <summary>While stopped, applies the pending Latch switches as one undo step.</summary>
    private void CommitStoppedSwitches(string what)
    {
        if (PassRunning) return;
        Commit(Automation, ApplyLatchSwitches(Automation), what);
    }

    /// <summary>Write-To while controls are isolated: their preview values are written over the target's range (isolated controls only) and their isolation ends.</summary>
    private int WritePreviewTo(WriteTarget target, long position, long rangeStart, long rangeEnd)
    {
        var released = _preview.Release();
        var after = Automation;
        foreach (var (address, value, since) in released)
        {
            var setting = _catalog.Find(address);
            bool trim = Automation.ModeOf(address).Trim && setting.Descriptor.Trimmable;
            var lane = after.Lane(address) ?? NewLane(address);
            var under = trim ? lane.Trim : lane.Curve;
            var (from, to) = WriteTargetRange.Of(target, position, since, rangeStart, rangeEnd, under);
            double v = ParameterPass.Clamp(setting.Descriptor, trim, value);
            if (PassRunning)
            {
                Pass(address)!.Fill(from, to, v);
                continue;
            }
            bool isSwitch = setting.Descriptor.Unit == ParameterUnit.Boolean;
            after = after.WithLane(trim
                ? lane with { Trim = AutomationEdits.WriteValue(lane.Trim, from, to, v, 0.0, isSwitch) }
                : lane with { Curve = AutomationEdits.WriteValue(lane.Curve, from, to, v, setting.Value, isSwitch) });
        }
        if (!PassRunning) Commit(Automation, after, $"write preview to {target}");
        return released.Count;
    }
}
