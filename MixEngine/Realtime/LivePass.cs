using MixEngine.Automation;

namespace MixEngine.Realtime;

/// <summary>
/// The audio thread's side of a live automation pass (docs/automation.md, Live passes): follows the transport to mark
/// where passes begin and end and where the playhead jumps (stamped into the engine's return ring in order with the
/// moves), and drives the live override of each played lane (<see cref="RtLaneCursor"/>) from the touches and values
/// the engine applies, per the writing behaviour the control side set for the lane's slot: Touch takes on touch (or on a
/// value, released after the touch timeout) and glides back on release; Latch takes on the first touch or value and
/// holds to the stop; Write takes every lane at the pass start. Values and touches while stopped prime Latch lanes for
/// the next pass (Latch Prime). A Touch control without a lane glides back to its value at the pass start when released
/// or, sending values without touch, once the touch timeout has passed (<see cref="LaneFreeGlides"/>). Latch controls
/// writing at a stop resume there in the next pass with AutoJoin (<see cref="LiveJoins"/>). Every slot's value at each
/// pass start is published for the recorder (<see cref="PassStartValues"/>). The same rules as
/// <see cref="AutomationRecorder"/>, so what is heard is what is written.
/// <para>Thread rules: <see cref="SetBehaviour"/> and <see cref="SetTiming"/> from any control thread (plain volatile
/// writes the audio thread picks up at its next touch or value); every <c>Rt*</c> member on the audio thread only,
/// never allocating, locking or throwing.</para>
/// </summary>
internal sealed partial class LivePass
{
    private const int TrimFlag = 4, SwitchFlag = 8, IsolatableFlag = 16, ReadFlag = 32;
    private readonly int[] _behaviour;
    private readonly double[] _primed;
    private readonly RealtimeEngine _engine;
    private long _autoMatch, _timeout;
    private bool _running;
    private long _next, _passes;

    public LivePass(RealtimeEngine engine, int slotCapacity, int sampleRate)
    {
        _engine = engine;
        _behaviour = new int[slotCapacity];
        _primed = new double[slotCapacity];
        Array.Fill(_primed, double.NaN);
        Glides = new LaneFreeGlides(slotCapacity);
        Starts = new PassStartValues(slotCapacity);
        Joins = new LiveJoins(slotCapacity);
        _isolated = new bool[slotCapacity];
        _punched = new bool[slotCapacity];
        _heldTouch = new bool[slotCapacity];
        _previewValue = new double[slotCapacity];
        _captured = new double[slotCapacity];
        Array.Fill(_captured, double.NaN);
        _controlValue = new double[slotCapacity];
        Array.Fill(_controlValue, double.NaN);
        _writingUntil = new long[slotCapacity];
        Array.Fill(_writingUntil, long.MinValue);
        _commands = new PassCommandEntry?[CommandTableSize];
        SetTiming(AutomationSettings.Default, sampleRate);
    }

    /// <summary>The glides back of released Touch controls that have no lane. Audio thread.</summary>
    public LaneFreeGlides Glides { get; }

    /// <summary>Every slot's value at the start of each recent pass (the pass start stamp carries its number). Published on the audio thread, read by the move pump.</summary>
    public PassStartValues Starts { get; }

    /// <summary>Where Latch controls resume writing in the next pass (AutoJoin). Audio thread.</summary>
    public LiveJoins Joins { get; }

    /// <summary>True between a pass start and its end. Audio thread.</summary>
    public bool RtRunning => _running;

    /// <summary>
    /// How the lane in <paramref name="slot"/> writes (its mode resolved for its parameter), whether its live value is a
    /// trim offset and whether the parameter is a switch; <paramref name="mode"/> is the mode itself (Preview isolates
    /// Touch, Latch and TouchLatch controls, Punch Capture with "all" takes Read ones), by default the one
    /// <paramref name="behaviour"/> comes from. Any control thread.
    /// </summary>
    public void SetBehaviour(int slot, PassBehaviour behaviour, bool trim, bool isSwitch = false, AutomationMode? mode = null)
    {
        var m = mode ?? behaviour switch
        {
            PassBehaviour.Touch => AutomationMode.Touch,
            PassBehaviour.Latch => AutomationMode.Latch,
            PassBehaviour.Write => AutomationMode.Write,
            _ => AutomationMode.Read,
        };
        bool isolatable = m is AutomationMode.Touch or AutomationMode.Latch or AutomationMode.TouchLatch;
        Volatile.Write(ref _behaviour[slot], (int)behaviour | (trim ? TrimFlag : 0) | (isSwitch ? SwitchFlag : 0)
            | (isolatable ? IsolatableFlag : 0) | (m == AutomationMode.Read ? ReadFlag : 0));
    }

    /// <summary>True when the slot is in a trim mode (a control sets and shows a trim offset, not the played value). Audio thread (any thread may read it).</summary>
    public bool RtTrims(int slot) => (Volatile.Read(ref _behaviour[slot]) & TrimFlag) != 0;

    /// <summary>The AutoMatch time and touch timeout of <paramref name="settings"/> at <paramref name="sampleRate"/>. Any control thread.</summary>
    public void SetTiming(AutomationSettings settings, int sampleRate)
    {
        Interlocked.Exchange(ref _autoMatch, settings.AutoMatchSamples(sampleRate));
        Interlocked.Exchange(ref _timeout, settings.TouchTimeoutSamples(sampleRate));
        Joins.SetOn(settings.AutoJoin);
    }

    /// <summary>The writing behaviour in a slot's flags.</summary>
    internal static PassBehaviour BehaviourOf(int flags) => (PassBehaviour)(flags & (TrimFlag - 1));

    /// <summary>True when a slot's flags say its live value is a trim offset.</summary>
    internal static bool IsTrim(int flags) => (flags & TrimFlag) != 0;

    /// <summary>The largest block from <paramref name="position"/> (at most <paramref name="count"/>) that ends where a Latch control joins the pass. Audio thread.</summary>
    public int RtLimit(long position, int count) => _running ? Joins.RtLimit(position, count) : count;

    /// <summary>
    /// Follows the transport before a block or segment: at <paramref name="position"/> with the transport
    /// <paramref name="playing"/> (not stopped, not pre-rolling), begins, ends or jumps the pass. Audio thread.
    /// </summary>
    public void RtFollow(bool playing, long position, RtLaneCursor?[] lanes, Graph.IRtParameter?[] bySlot)
    {
        if (_running && !playing)
        {
            _running = false;
            Joins.RtStop(_next, lanes, Glides.RtAppliedValues);
            Glides.RtAdvance(_next, 1, bySlot, finish: true);
            _engine.RtStamp(new StampedMove(_next, -1, StampedKind.PassEnd, 0, 0));
            for (int slot = 0; slot < lanes.Length; slot++)
                if (!_isolated[slot] || _suspended) lanes[slot]?.RtRestore(_next);
            RtEndPunches();
        }
        else if (!_running && playing)
        {
            _running = true;
            _next = position;
            Glides.RtBeginPass();
            Starts.RtPublish(++_passes, Glides.RtAtStart);
            _engine.RtStamp(new StampedMove(position, -1, StampedKind.PassStart, _passes, 0));
            Joins.RtStart(position, lanes, _behaviour);
            RtBegin(position, lanes);
        }
        else if (_running && position != _next)
        {
            _engine.RtStamp(new StampedMove(_next, -1, StampedKind.Jump, position, 0));
            foreach (var lane in lanes) lane?.RtJump(_next, position);
            _next = position;
        }
        if (_running) Joins.RtReach(position, lanes, _behaviour);
    }

    /// <summary>The transport rendered <paramref name="count"/> samples from <paramref name="position"/> while the pass runs. Audio thread.</summary>
    public void RtRendered(long position, int count, Graph.IRtParameter?[] bySlot)
    {
        if (!_running) return;
        _next = position + count;
        Glides.RtAdvance(position, count, bySlot, finish: false);
    }

    /// <summary>A touch (<paramref name="touched"/>) or release of <paramref name="slot"/> applied at <paramref name="position"/>. Audio thread.</summary>
    public void RtTouch(RtLaneCursor? lane, int slot, long position, bool touched, double value)
    {
        if (RtPreviews(lane, slot, position, touched ? value : double.NaN, release: !touched)) return;
        int b = RtFlags(slot);
        if (!double.IsNaN(value) && touched) _controlValue[slot] = value;
        if (lane is null)
        {
            RtLaneFreeTouch(b, slot, touched);
            // A control without a lane plays its live values itself; a Latch one joins the next pass (AutoJoin) once its
            // lane is written; in Touch (absolute, not a switch) a release glides it back.
            if (_running && touched && BehaviourOf(b) == PassBehaviour.Latch && !IsTrim(b)) Joins.RtLatched(slot);
            if (!GlidesBack(b)) return;
            if (touched) Glides.RtHold(slot);
            else if (!_running) Glides.RtLetGo(slot);
            else if (IsTrim(b)) Glides.RtReleaseOffset(slot, position, Interlocked.Read(ref _autoMatch), _controlValue[slot]);
            else Glides.RtRelease(slot, position, Interlocked.Read(ref _autoMatch));
            return;
        }
        var behaviour = (PassBehaviour)(b & (TrimFlag - 1));
        if (behaviour == PassBehaviour.None) return;
        if (!_running)
        {
            if (touched && behaviour == PassBehaviour.Latch && !double.IsNaN(value)) _primed[slot] = value;
            return;
        }
        Joins.RtMoved(slot, position);
        if (touched && behaviour == PassBehaviour.Latch) Joins.RtLatched(slot);
        if (touched) lane.RtTake(position, value, (b & TrimFlag) != 0, touched: true);
        else if (behaviour == PassBehaviour.Touch) lane.RtRelease(position, Interlocked.Read(ref _autoMatch));
    }

    /// <summary>
    /// A value of <paramref name="slot"/> in a trim mode: a dB offset, never the parameter's value. A control without a
    /// lane plays its value before the offsets plus the offset; a lane plays its curve plus the offset through its live
    /// override, so the parameter is left alone. Audio thread.
    /// </summary>
    public void RtTrimValue(RtLaneCursor? lane, Graph.IRtParameter? parameter, int slot, double offset)
    {
        if (lane is not null || parameter is null) return;
        double basis = Glides.RtAppliedValues[slot];
        if (double.IsNaN(basis)) return;
        parameter.RtSet(basis + offset);
        Glides.RtCancel(slot);
    }

    /// <summary>A value of <paramref name="slot"/> applied at <paramref name="position"/>. Audio thread.</summary>
    public void RtValue(RtLaneCursor? lane, int slot, long position, double value)
    {
        if (RtPreviews(lane, slot, position, value, release: false)) return;
        int b = RtFlags(slot);
        _controlValue[slot] = value;
        if (lane is null)
        {
            RtLaneFreeMoved(b, slot, position);
            // A lane-less Latch control joins the next pass; a lane-less Touch control that sends values but no touch glides
            // back once the touch timeout has passed.
            if (_running && BehaviourOf(b) == PassBehaviour.Latch && !IsTrim(b)) Joins.RtLatched(slot);
            if (!_running || !GlidesBack(b)) return;
            long deadline = position + Interlocked.Read(ref _timeout);
            if (IsTrim(b)) Glides.RtReleaseOffsetAt(slot, deadline, Interlocked.Read(ref _autoMatch), value);
            else Glides.RtReleaseAt(slot, deadline, Interlocked.Read(ref _autoMatch));
            return;
        }
        var behaviour = (PassBehaviour)(b & (TrimFlag - 1));
        if (behaviour == PassBehaviour.None) return;
        if (!_running)
        {
            if (behaviour == PassBehaviour.Latch) _primed[slot] = value;
            return;
        }
        Joins.RtMoved(slot, position);
        if (behaviour == PassBehaviour.Latch) Joins.RtLatched(slot);
        if (behaviour != PassBehaviour.Touch || !lane.RtTouched)
            lane.RtTake(position, value, (b & TrimFlag) != 0, touched: false);
        else lane.RtMove(position, value);
        if (behaviour != PassBehaviour.Touch || lane.RtTouched) return;
        if (lane.IsSwitch) lane.RtRelease(position, 0);
        else lane.RtReleaseAt(position + Interlocked.Read(ref _timeout), Interlocked.Read(ref _autoMatch));
    }

    /// <summary>True when a lane-less control of this behaviour glides back after a release or touch timeout: Touch, not a switch (in a trim mode its offset glides to 0 dB).</summary>
    private static bool GlidesBack(int behaviour) =>
        (PassBehaviour)(behaviour & (TrimFlag - 1)) == PassBehaviour.Touch && (behaviour & SwitchFlag) == 0;

    /// <summary>The pass starts at <paramref name="position"/>: primed Latch lanes take their primed value, Write lanes take the value they play there.</summary>
    private void RtBegin(long position, RtLaneCursor?[] lanes)
    {
        for (int slot = 0; slot < lanes.Length; slot++)
        {
            double primed = _primed[slot];
            _primed[slot] = double.NaN;
            if (lanes[slot] is not { } lane) continue;
            int b = RtFlags(slot);
            var behaviour = (PassBehaviour)(b & (TrimFlag - 1));
            bool trim = (b & TrimFlag) != 0;
            if (behaviour == PassBehaviour.Latch && !double.IsNaN(primed))
            {
                // Taken one move ramp before the start, so the primed value plays from the pass's first sample as written
                // (nothing played while stopped, so there is nothing to ramp from).
                lane.RtTake(position - RtLaneCursor.SwitchRampSamples, primed, trim, touched: false);
                Joins.RtLatched(slot);
            }
            else if (behaviour == PassBehaviour.Write) lane.RtTake(position, double.NaN, trim, touched: false);
        }
    }
}
