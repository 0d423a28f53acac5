namespace MixEngine.Automation;

/// <summary>
/// The live override of a played lane (docs/automation.md, Live passes): while a control writes in a pass, the part of
/// the lane it writes (the main curve, or the trim curve in a trim mode) plays the control's live value instead of the
/// curve, so the mixer hears the move; a Touch release glides from the last live value to the curve over the AutoMatch
/// time (a switch instead holds until the lane's next breakpoint), exactly as the recorder writes the lane; a Write-To
/// that punches the control out makes it play the value the recorder fills over the command's range, and the curve
/// elsewhere (<see cref="RtFill"/>). A new live value is reached over <see cref="RtLaneCursor.SwitchRampSamples"/>
/// samples (linear in the natural unit; switches step and their gain fades), so live moves never click.
/// <para>Thread rules: <c>Rt*</c> members run on the driver thread between blocks (the realtime engine calls them while
/// it applies touches, values and transport changes) and never allocate, lock or throw. The override they set is read
/// during the next block by the thread that fills the lane (a render worker for a track's own lanes); the render team's
/// phase start orders the driver's writes before those reads, so an override takes effect at the block it is stamped
/// for.</para>
/// </summary>
public sealed partial class RtLaneCursor
{
    private bool _liveTrim, _touched;
    private double _live, _previous, _glideFrom, _glideTo, _filled;
    private long _changedAt = long.MinValue / 2, _releaseAt = long.MaxValue, _glideEnd, _glideLength, _holdUntil, _fillFrom, _fillTo;

    /// <summary>What plays the written part of the lane.</summary>
    private enum LiveHold
    {
        /// <summary>The curve.</summary>
        Lane,

        /// <summary>The live value (until a release or, for a control without touch, its deadline).</summary>
        Live,

        /// <summary>The AutoMatch glide from the last live value back to the curve.</summary>
        Glide,

        /// <summary>A released switch holding its live state until the lane's next breakpoint.</summary>
        SwitchHold,

        /// <summary>
        /// Punched out by a Write-To: the live value over the range it fills, the guard from the punch-out back to the
        /// curve, the curve elsewhere; until a new take or the stop.
        /// </summary>
        Fill,
    }

    /// <summary>True while the live value (or the glide back from it) plays instead of the curve. Driver thread, or the thread that fills the lane (as its block begins).</summary>
    public bool RtOverridden => _read.Hold != LiveHold.Lane;

    /// <summary>True while a control's live value plays instead of the written part of the lane (not while gliding back or holding a released switch). Driver thread.</summary>
    public bool RtPlaysLiveValue => _read.Hold == LiveHold.Live;

    /// <summary>The control's live value (meaningful while <see cref="RtPlaysLiveValue"/>). Driver thread.</summary>
    public double RtLiveValue => _live;

    /// <summary>True while the live value plays and is held by a touch (not a value-only deadline). Driver thread.</summary>
    public bool RtTouched => _read.Hold == LiveHold.Live && _touched;

    /// <summary>
    /// Starts playing the live value from <paramref name="position"/>: <paramref name="value"/>, or, when it is NaN, the
    /// value the lane plays there (a touch takes the control as it plays). <paramref name="trim"/> says the live value is
    /// a trim offset (replaces the trim curve) rather than an absolute value (replaces the main curve);
    /// <paramref name="touched"/> that a touch holds it. Taking a lane already live only updates the value. Driver thread.
    /// </summary>
    public void RtTake(long position, double value, bool trim, bool touched)
    {
        if (_read.Hold == LiveHold.Live)
        {
            _touched |= touched;
            if (touched) _releaseAt = long.MaxValue;
            if (!double.IsNaN(value)) RtMove(position, value);
            return;
        }
        double playing = RtPlayedComponent(position, trim);
        _liveTrim = trim;
        _read.Hold = LiveHold.Live;
        _touched = touched;
        _releaseAt = long.MaxValue;
        _live = playing;
        _previous = playing;
        _changedAt = position;
        if (!double.IsNaN(value)) RtMove(position, value);
    }

    /// <summary>
    /// A new live value at <paramref name="position"/>, reached over the ramp; ignored unless the live value plays. A second
    /// value at the same position (a touch carrying a value, then the value itself) keeps the ramp's start, so a switch
    /// still fades. Driver thread.
    /// </summary>
    public void RtMove(long position, double value)
    {
        if (_read.Hold != LiveHold.Live) return;
        if (position != _changedAt) _previous = IsSwitch ? _live : RtLiveAt(position);
        _live = value;
        _changedAt = position;
    }

    /// <summary>
    /// For a control that sends values but no touch: the glide back starts at <paramref name="deadline"/> unless another
    /// value or a touch comes first. Driver thread.
    /// </summary>
    public void RtReleaseAt(long deadline, long glideSamples)
    {
        if (_read.Hold != LiveHold.Live || _touched) return;
        _releaseAt = deadline;
        _glideLength = glideSamples;
    }

    /// <summary>
    /// A Touch release at <paramref name="position"/>: glides from the live value to the curve over
    /// <paramref name="glideSamples"/>; a switch holds its state until the lane's next breakpoint (or the stop). Driver thread.
    /// </summary>
    public void RtRelease(long position, long glideSamples)
    {
        if (_read.Hold != LiveHold.Live) return;
        _touched = false;
        if (IsSwitch)
        {
            var points = _liveTrim ? _trim : _main;
            int k = AutomationCurve.SegmentIndex(points, position);
            _holdUntil = k + 1 < points.Length ? points[k + 1].Position : long.MaxValue;
            _read.Hold = LiveHold.SwitchHold;
            return;
        }
        RtBeginGlide(position, glideSamples);
    }

    /// <summary>
    /// A Write-To of <paramref name="target"/> at <paramref name="position"/> punched the control out (End, All, Next
    /// Breakpoint; the range is [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>], the selection or the whole
    /// session): from here the written part plays what the recorder writes for it, the live value over the target's
    /// range, the guard from the live value at <paramref name="position"/> to the curve
    /// <see cref="AutomationSettings.GuardSamples"/> later (linear; a switch holds) where the range does not cover, and the
    /// curve elsewhere, until a new take or the end of the pass. Ignored unless the live value plays. Driver thread.
    /// </summary>
    public void RtFill(WriteTarget target, long position, long rangeStart, long rangeEnd)
    {
        if (_read.Hold != LiveHold.Live) return;
        var points = _liveTrim ? _trim : _main;
        int k = AutomationCurve.SegmentIndex(points, position);
        (_fillFrom, _fillTo) = target switch
        {
            WriteTarget.All => (rangeStart, rangeEnd),
            WriteTarget.NextBreakpoint when k + 1 < points.Length => (position, points[k + 1].Position - 1),
            _ => (position, rangeEnd),
        };
        _releaseAt = position;
        _glideEnd = position + AutomationSettings.GuardSamples;
        _glideFrom = _live;
        _glideTo = RtComponentAt(points, _glideEnd);
        _filled = _live;
        _touched = false;
        _read.Hold = LiveHold.Fill;
    }

    /// <summary>
    /// Continues the live override of <paramref name="other"/> (the same parameter's cursor in the plan this one replaces,
    /// swapped in during a pass): the live value, a touch, a value-only deadline, a glide back or a held switch carry on
    /// exactly as they would have. Nothing happens when <paramref name="other"/> plays its curve. Driver thread, at the swap.
    /// </summary>
    public void RtAdopt(RtLaneCursor other)
    {
        if (other._read.Hold == LiveHold.Lane) return;
        _read.Hold = other._read.Hold;
        _liveTrim = other._liveTrim;
        _touched = other._touched;
        _live = other._live;
        _previous = other._previous;
        _glideFrom = other._glideFrom;
        _glideTo = other._glideTo;
        _changedAt = other._changedAt;
        _releaseAt = other._releaseAt;
        _glideEnd = other._glideEnd;
        _glideLength = other._glideLength;
        _holdUntil = other._holdUntil;
        _fillFrom = other._fillFrom;
        _fillTo = other._fillTo;
        _filled = other._filled;
    }

    /// <summary>Ends the override at once (the pass stopped): the curve plays again. Driver thread.</summary>
    public void RtRestore(long position)
    {
        if (_read.Hold == LiveHold.Lane) return;
        RtEnd(position);
    }

    /// <summary>
    /// The transport jumped from <paramref name="from"/> to <paramref name="to"/> (a loop wrap or a locate while rolling):
    /// a glide or a held switch ends (the curve plays), a live value continues and a value-only deadline keeps the time
    /// it had left; a Write-To's fill stays (the recorder's fill covers its range for every lap). Driver thread.
    /// </summary>
    public void RtJump(long from, long to)
    {
        if (_read.Hold is LiveHold.Glide or LiveHold.SwitchHold)
        {
            RtEnd(to);
            return;
        }
        if (_read.Hold != LiveHold.Live) return;
        if (_releaseAt != long.MaxValue)
        {
            if (_releaseAt < from)
            {
                RtEnd(to);
                return;
            }
            _releaseAt = to + (_releaseAt - from);
        }
        _previous = _live;
        _changedAt = to;
    }

    /// <summary>The written part's value at <paramref name="position"/> while overridden; <paramref name="lane"/> is the curve's value there.</summary>
    private double RtLive(long position, double lane)
    {
        if (_read.Hold == LiveHold.Live)
        {
            if (position < _releaseAt) return RtLiveAt(position);
            RtBeginGlide(_releaseAt, _glideLength);
        }
        if (_read.Hold == LiveHold.Glide)
        {
            if (position < _glideEnd)
                return AutomationCurve.Interpolate(new AutomationPoint(_releaseAt, _glideFrom, SegmentShape.Linear),
                    new AutomationPoint(_glideEnd, _glideTo, SegmentShape.Linear), position);
        }
        else if (_read.Hold == LiveHold.SwitchHold && position < _holdUntil) return _live;
        else if (_read.Hold == LiveHold.Fill) return RtFilled(position, lane);
        if (_read.Hold != LiveHold.Lane) RtEnd(position);
        return lane;
    }

    /// <summary>
    /// The written part's value at <paramref name="position"/> after a Write-To punched the control out (<see cref="RtFill"/>);
    /// <paramref name="lane"/> is the curve's value there. A switch's changes start its gain fade where they are played.
    /// </summary>
    private double RtFilled(long position, double lane)
    {
        double value = position >= _fillFrom && position <= _fillTo ? _live
            : position < _releaseAt || position >= _glideEnd ? lane
            : IsSwitch ? _glideFrom
            : AutomationCurve.Interpolate(new AutomationPoint(_releaseAt, _glideFrom, SegmentShape.Linear),
                new AutomationPoint(_glideEnd, _glideTo, SegmentShape.Linear), position);
        if (IsSwitch && value != _filled)
        {
            _previous = _filled;
            _changedAt = position;
            _filled = value;
        }
        return value;
    }

    /// <summary>The live value at <paramref name="position"/>, ramping from the previous one over the ramp after a change (switches step).</summary>
    private double RtLiveAt(long position)
    {
        if (IsSwitch || (ulong)(position - _changedAt) >= SwitchRampSamples) return _live;
        return AutomationCurve.Interpolate(new AutomationPoint(_changedAt - 1, _previous, SegmentShape.Linear),
            new AutomationPoint(_changedAt + SwitchRampSamples - 1, _live, SegmentShape.Linear), position);
    }

    /// <summary>A switch lane's gain while overridden, or while fading from the override back to the curve.</summary>
    private double RtLiveSwitchGain(long position)
    {
        double now = _read.Hold == LiveHold.Lane ? RtCurveAt(_main, ref _read.At, position) : RtLive(position, RtCurveAt(_main, ref _read.At, position));
        double after = Off(now), before = Off(_previous);
        long since = position - _changedAt;
        if ((ulong)since < SwitchRampSamples && before != after) return before + (after - before) * (since + 1) / SwitchRampSamples;
        return after;
    }

    private void RtBeginGlide(long position, long glideSamples)
    {
        _releaseAt = position;
        _glideFrom = _live;
        _glideEnd = position + glideSamples;
        _glideTo = RtComponentAt(_liveTrim ? _trim : _main, _glideEnd);
        _read.Hold = glideSamples > 0 ? LiveHold.Glide : LiveHold.Lane;
        if (_read.Hold == LiveHold.Lane) RtEnd(position);
    }

    /// <summary>Back to the curve from <paramref name="position"/>; a switch fades from its live state.</summary>
    private void RtEnd(long position)
    {
        _previous = _live;
        _live = RtComponentAt(_liveTrim ? _trim : _main, position);
        _changedAt = position;
        _read.Hold = LiveHold.Lane;
        _touched = false;
        _releaseAt = long.MaxValue;
    }

    /// <summary>The value the written part plays at <paramref name="position"/> now (the live value or glide when overridden, else the curve).</summary>
    private double RtPlayedComponent(long position, bool trim)
    {
        double curve = RtComponentAt(trim ? _trim : _main, position);
        return _read.Hold == LiveHold.Lane || _liveTrim != trim ? curve : RtLive(position, curve);
    }

    /// <summary>A curve's value at any position (binary search; the cursors' cached segments are left alone); 0 for an empty curve.</summary>
    private static double RtComponentAt(AutomationPoint[] points, long position)
    {
        if (points.Length == 0) return 0.0;
        int k = AutomationCurve.SegmentIndex(points, position);
        if (k < 0) return points[0].Value;
        if (k == points.Length - 1) return points[k].Value;
        return AutomationCurve.Interpolate(points[k], points[k + 1], position);
    }
}
