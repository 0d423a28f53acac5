using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>How a parameter writes in a pass, after resolving TouchLatch and Write-Trim (automation.md 2.5 rules 1, 5).</summary>
internal enum PassBehaviour
{
    /// <summary>Read or Off: nothing is written.</summary>
    None,

    /// <summary>Writes while touched, then glides back (switches latch to the next breakpoint).</summary>
    Touch,

    /// <summary>Writes from the first touch or move to the end of the pass.</summary>
    Latch,

    /// <summary>Writes the whole pass.</summary>
    Write,
}

/// <summary>
/// The state machine of one parameter during one pass: punch-in on touch, move or pass start (by mode), forward-only
/// writing, release with AutoMatch glide or switch latching, touch timeout for value-only controls, loop wraps, Write-To
/// fills, and the final curve (sections thinned and spliced into the lane with guard points). Sections and fills are
/// spliced in the order they were made, so what a control writes after a Write-To replaces the fill where they overlap
/// (a section still writing at a Write-To is split there), and the value the pass gives a control at any position is the
/// newest edit covering it. Control side, one thread.
/// </summary>
internal sealed class ParameterPass
{
    private readonly AutomationCurve _under;
    private readonly double _fallback;
    private readonly long _autoMatch, _timeout;
    private readonly double _tolerance;
    private readonly List<WriteSection> _edits = [];
    private WriteSection? _open;
    private double _value;
    private long _last = long.MinValue, _punchIn;
    private bool _touched, _implicitTouch;
    private long _timeoutAt = long.MaxValue, _holdUntil = long.MaxValue, _joinAt = long.MaxValue;
    private double _joinValue;
    private string? _notWrittenReason;

    public ParameterPass(ParameterDescriptor descriptor, AutomationLane? lane, double staticValue, AutomationModeSetting mode,
        AutomationSettings settings, int sampleRate)
    {
        Descriptor = descriptor;
        Mode = mode;
        TrimWrite = mode.Trim && descriptor.Trimmable;
        _under = (TrimWrite ? lane?.Trim : lane?.Curve) ?? AutomationCurve.Empty;
        _fallback = TrimWrite ? 0.0 : staticValue;
        IsSwitch = descriptor.Unit == ParameterUnit.Boolean;
        Behaviour = BehaviourOf(descriptor, mode);
        _autoMatch = settings.AutoMatchSamples(sampleRate);
        _timeout = settings.TouchTimeoutSamples(sampleRate);
        double range = descriptor.Maximum - descriptor.Minimum;
        _tolerance = descriptor.Unit == ParameterUnit.Decibels || TrimWrite ? settings.ThinningDb
            : settings.ThinningFraction * (double.IsFinite(range) ? range : 1.0);
    }

    public ParameterDescriptor Descriptor { get; }

    /// <summary>How a parameter writes in <paramref name="mode"/>: TouchLatch resolved by parameter, Write-Trim on a non-trimmable parameter as Touch.</summary>
    public static PassBehaviour BehaviourOf(ParameterDescriptor descriptor, AutomationModeSetting mode) => mode.Mode switch
    {
        AutomationMode.Touch => PassBehaviour.Touch,
        AutomationMode.Latch => PassBehaviour.Latch,
        AutomationMode.TouchLatch => descriptor.Address.Parameter == "fader" ? PassBehaviour.Touch : PassBehaviour.Latch,
        AutomationMode.Write => mode.Trim && !descriptor.Trimmable ? PassBehaviour.Touch : PassBehaviour.Write,
        _ => PassBehaviour.None,
    };

    public AutomationModeSetting Mode { get; }

    public PassBehaviour Behaviour { get; private set; }

    public bool TrimWrite { get; }

    public bool IsSwitch { get; }

    /// <summary>True when the pass wrote anything.</summary>
    public bool Wrote => _edits.Count > 0;

    /// <summary>True while a section is open.</summary>
    public bool Writing => _open is not null;

    /// <summary>The control's current value (absolute, or the trim offset in a trim mode).</summary>
    public double Value => _value;

    private SegmentShape Shape => IsSwitch ? SegmentShape.Step : SegmentShape.Linear;

    /// <summary>Starts the pass at <paramref name="start"/>: Write punches in at once; a primed Latch punches in at the primed value.</summary>
    public void Begin(long start, double? primed)
    {
        _last = start;
        _value = Underlying(start);
        if (primed is { } v && Behaviour is PassBehaviour.Latch or PassBehaviour.Write)
        {
            _value = v;
            Open(start);
        }
        else if (Behaviour == PassBehaviour.Write) PunchIn(start);
    }

    /// <summary>AutoJoin: a Latch control that stopped at <paramref name="position"/> in the last pass resumes writing <paramref name="value"/> when this pass reaches it.</summary>
    public void JoinAt(long position, double value)
    {
        if (Behaviour != PassBehaviour.Latch || _open is not null) return;
        _joinAt = position;
        _joinValue = value;
    }

    /// <summary>Takes one move; returns null when accepted, else why it was not written.</summary>
    public string? Move(in ControlMove move)
    {
        if (Behaviour == PassBehaviour.None) return _notWrittenReason ??= $"not written: '{Descriptor.Address}' is in {Mode} mode"; // the same text for every move: built once
        if (move.Position < _last)
            return $"refused: a move of '{Descriptor.Address}' at sample {move.Position} is before sample {_last} already written; writing goes forward only";
        if (move.Position < _joinAt) _joinAt = long.MaxValue;
        Advance(move.Position);
        _last = move.Position;
        switch (move.Kind)
        {
            case ControlMoveKind.TouchBegin:
                _touched = true;
                _implicitTouch = false;
                _timeoutAt = _holdUntil = long.MaxValue;
                if (_open is null) PunchIn(move.Position);
                else if (!double.IsNaN(move.Value) && move.Position > _open.Start) _open.Add(move.Position - 1, _value, Shape); // a touch carrying a value jumps there: the value before holds up to it
                if (!double.IsNaN(move.Value)) Write(move.Position, move.Value);
                break;
            case ControlMoveKind.Value:
                if (_open is null) PunchIn(move.Position);
                Write(move.Position, move.Value);
                if (!_touched && Behaviour == PassBehaviour.Touch)
                {
                    if (IsSwitch) Release(move.Position);
                    else
                    {
                        _implicitTouch = true;
                        _timeoutAt = move.Position + _timeout;
                    }
                }
                break;
            case ControlMoveKind.TouchEnd:
                _touched = false;
                if (Behaviour == PassBehaviour.Touch && _open is not null) Release(move.Position);
                break;
        }
        return null;
    }

    /// <summary>Runs the deadlines (touch timeout, switch latch end) that fall before <paramref name="position"/>.</summary>
    public void Advance(long position)
    {
        if (_joinAt <= position)
        {
            long at = _joinAt;
            _joinAt = long.MaxValue;
            if (_open is null)
            {
                _value = _joinValue;
                Open(at);
            }
        }
        if (_open is not null && _implicitTouch && _timeoutAt < position)
        {
            long at = _timeoutAt;
            _implicitTouch = false;
            _timeoutAt = long.MaxValue;
            Release(at);
        }
        if (_open is not null && _holdUntil <= position)
        {
            long b = _holdUntil;
            _holdUntil = long.MaxValue;
            _open.Add(b - 1, _value, SegmentShape.Step);
            CloseOpen(b - 1);
        }
    }

    /// <summary>
    /// Punch Preview / Punch Capture while rolling (rule 11): the control becomes a Latch writer (a Write control stays
    /// Write) and writes <paramref name="value"/> from <paramref name="position"/> on, jumping there when it was already
    /// writing. Returns null when accepted, else why it was not written (forward only).
    /// </summary>
    public string? PunchAt(long position, double value)
    {
        if (position < _last)
            return $"refused: a punch of '{Descriptor.Address}' at sample {position} is before sample {_last} already written; writing goes forward only";
        Advance(position);
        _last = position;
        if (Behaviour != PassBehaviour.Write) Behaviour = PassBehaviour.Latch;
        _touched = _implicitTouch = false;
        _timeoutAt = _holdUntil = _joinAt = long.MaxValue;
        if (_open is null)
        {
            _open = new WriteSection(position);
            _punchIn = position;
            Write(position, value);
            return null;
        }
        if (position > 0) _open.Add(position - 1, _value, SegmentShape.Step);
        Write(position, value);
        return null;
    }

    /// <summary>Writes <paramref name="value"/> over [<paramref name="from"/>, <paramref name="to"/>] when the pass ends (a Write-To of a previewed value, rule 11).</summary>
    public void Fill(long from, long to, double value) => AddFill(from, to, Clamp(value));

    /// <summary>The transport jumped from <paramref name="from"/> to <paramref name="to"/> (loop wrap): the open section ends at the loop end and continues at the loop start.</summary>
    public void Jump(long from, long to)
    {
        Advance(from);
        _last = to;
        if (_open is null) return;
        bool continues = Behaviour is PassBehaviour.Latch or PassBehaviour.Write || _touched || _implicitTouch;
        long timeoutLeft = _timeoutAt == long.MaxValue ? long.MaxValue : _timeoutAt - from;
        Guard(from);
        _holdUntil = long.MaxValue;
        if (!continues) return;
        Open(to);
        if (timeoutLeft != long.MaxValue) _timeoutAt = to + timeoutLeft;
    }

    /// <summary>A Write-To command at <paramref name="position"/>; returns true when this parameter was writing and took it.</summary>
    public bool WriteTo(WriteTarget target, long position, long rangeStart, long rangeEnd)
    {
        Advance(position);
        if (_open is null) return false;
        var (from, to) = WriteTargetRange.Of(target, position, _punchIn, rangeStart, rangeEnd, _under);
        _open.Add(position, _value, Shape);
        bool punchOut = target is WriteTarget.End or WriteTarget.All or WriteTarget.NextBreakpoint && Behaviour != PassBehaviour.Write;
        if (punchOut)
        {
            Guard(position);
            _touched = _implicitTouch = false;
            _timeoutAt = _holdUntil = long.MaxValue;
            AddFill(from, to, _value);
            return true;
        }
        // Writing continues: the section so far ends here, the fill goes over it, and a new section from here goes over
        // the fill, so what is written after the command is kept (the punch-in point stays where the control punched in).
        CloseOpen(position);
        AddFill(from, to, _value);
        _open = new WriteSection(position);
        _open.Add(position, _value, Shape);
        return true;
    }

    /// <summary>Ends the pass at <paramref name="end"/>: open sections punch out with a guard point. Returns true when the control was writing at the end.</summary>
    public bool End(long end)
    {
        Advance(end);
        if (_open is null) return false;
        Guard(end);
        return true;
    }

    /// <summary>The curve this pass leaves: the underlying curve with every section (thinned) and fill spliced in.</summary>
    public AutomationCurve Result()
    {
        var curve = _under;
        foreach (var s in _edits)
            curve = CurveEdit.Replace(curve, s.Start, s.End, Thinning.Thin(s.Points, _tolerance), _fallback);
        return curve;
    }

    private void PunchIn(long position)
    {
        _value = Underlying(position);
        Open(position);
    }

    /// <summary>Opens a section punched in at <paramref name="position"/> with the current value.</summary>
    private void Open(long position)
    {
        _open = new WriteSection(position);
        _punchIn = position;
        _open.Add(position, _value, Shape);
    }

    /// <summary>A Write-To's value over [<paramref name="from"/>, <paramref name="to"/>]: a closed section of two points (thinning keeps both).</summary>
    private void AddFill(long from, long to, double value)
    {
        var fill = new WriteSection(from);
        fill.Add(from, value, Shape);
        fill.Add(to, value, Shape);
        fill.Close(to);
        _edits.Add(fill);
    }

    private void Write(long position, double value)
    {
        _value = Clamp(value);
        _open!.Add(position, _value, Shape);
    }

    private void Release(long position)
    {
        if (IsSwitch)
        {
            var next = _under.Points.FirstOrDefault(p => p.Position > position);
            if (next.Position > position) _holdUntil = next.Position;
            return;
        }
        _open!.Add(position, _value, Shape);
        long end = position + _autoMatch;
        if (_autoMatch > 0) _open.Add(end, Underlying(end), SegmentShape.Linear);
        CloseOpen(end);
    }

    private void Guard(long position)
    {
        _open!.Add(position, _value, Shape);
        long end = position + AutomationSettings.GuardSamples;
        _open.Add(end, Underlying(end), Shape);
        CloseOpen(end);
    }

    private void CloseOpen(long end)
    {
        _open!.Close(end);
        _edits.Add(_open);
        _open = null;
    }

    /// <summary>The value this pass gives the control at <paramref name="position"/> (at or after the last move): the current value while writing, else what earlier sections or the lane give.</summary>
    public double PlayedAt(long position) => _open is not null ? _value : Underlying(position);

    /// <summary>The value the control plays at <paramref name="position"/> before this pass's open section: the newest section or fill of the pass covering it, else the lane.</summary>
    private double Underlying(long position)
    {
        for (int i = _edits.Count - 1; i >= 0; i--)
            if (_edits[i].Start <= position && _edits[i].End >= position) return _edits[i].ValueAt(position);
        return _under.ValueAt(position, _fallback);
    }

    private double Clamp(double value) => Clamp(Descriptor, TrimWrite, value);

    /// <summary>A written value kept in range: a switch becomes 0 or 1; a trim offset stays within ±<see cref="AutomationReader.TrimLimitDb"/>; any other value within the parameter's range.</summary>
    public static double Clamp(ParameterDescriptor descriptor, bool trimWrite, double value)
    {
        double min = trimWrite ? -AutomationReader.TrimLimitDb : descriptor.Minimum, max = trimWrite ? AutomationReader.TrimLimitDb : descriptor.Maximum;
        if (descriptor.Unit == ParameterUnit.Boolean) return value >= 0.5 ? 1 : 0;
        return value < min ? min : value > max ? max : value;
    }
}
