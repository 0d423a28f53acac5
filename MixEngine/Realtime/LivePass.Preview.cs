using MixEngine.Automation;
using MixEngine.Graph;

namespace MixEngine.Realtime;

/// <summary>A pass command as the audio thread finds it by its sequence number: the command, the slots it is limited to (null: all), who sent it.</summary>
internal sealed record PassCommandEntry(PassCommand Command, bool[]? Slots, long Sequence, int Client);

/// <summary>The sequence number of a queued <see cref="PassCommandEntry"/>, as it travels through the command ring.</summary>
internal readonly record struct PassCommandTicket(long Sequence);

// Preview, Capture and Write-To heard live (automation.md 2.5 rules 10 and 11, docs/automation.md, Live passes): the same
// state machines as AutomationRecorder.PreviewCapture.cs, on the audio thread, so what is heard is what is written.
// Preview on: a touch or value of a Touch, Latch or TouchLatch control that is not writing isolates it (its lane plays the
// preview value, held through releases and stops; a control without a lane plays its value as always, without the glide
// back or AutoJoin); Suspend plays the lanes instead; Punch Preview and Punch Capture make controls Latch writers of a
// value (the lane takes it at the punch while rolling, or from the punch and again at the next pass start while stopped);
// Capture stores the live value of every writing or isolated control; a Write-To while controls are isolated ends their
// isolation (the recorder writes their values over the target range).
internal sealed partial class LivePass
{
    private const int CommandTableSize = 1024;
    private readonly bool[] _isolated, _punched, _heldTouch;
    private readonly double[] _previewValue, _captured, _controlValue;
    private readonly long[] _writingUntil;
    private readonly PassCommandEntry?[] _commands;
    private long _sequence;
    private bool _previewOn, _suspended;
    private int _isolatedCount;

    /// <summary>
    /// Files <paramref name="command"/> (limited to <paramref name="slots"/> when given) under a new sequence number for the
    /// audio thread and the move pump to find; returns the ticket to queue. Any control thread.
    /// </summary>
    public PassCommandTicket Register(PassCommand command, bool[]? slots, int client)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        Volatile.Write(ref _commands[sequence & (CommandTableSize - 1)], new PassCommandEntry(command, slots, sequence, client));
        return new PassCommandTicket(sequence);
    }

    /// <summary>The command filed under <paramref name="sequence"/>, or null when it was overwritten by newer ones. Any thread.</summary>
    public PassCommandEntry? CommandOf(long sequence) =>
        Volatile.Read(ref _commands[sequence & (CommandTableSize - 1)]) is { } e && e.Sequence == sequence ? e : null;

    /// <summary>True when the command of <paramref name="ticket"/> applies before the period's touches and values (Preview on, so moves made with it isolate). Audio thread.</summary>
    public bool RtAppliesBeforeMoves(PassCommandTicket ticket) =>
        CommandOf(ticket.Sequence) is { Command: { Kind: PassCommandKind.Preview, On: true } };

    /// <summary>Applies the command of <paramref name="ticket"/> at <paramref name="position"/> and stamps it for the recorder. Audio thread.</summary>
    public void RtCommand(PassCommandTicket ticket, long position, RtLaneCursor?[] lanes, IRtParameter?[] bySlot)
    {
        if (CommandOf(ticket.Sequence) is not { } entry) return;
        var command = entry.Command;
        switch (command.Kind)
        {
            case PassCommandKind.Preview when command.On:
                _previewOn = true;
                break;
            case PassCommandKind.Preview:
                RtEndIsolation(position, lanes);
                _previewOn = _suspended = false;
                break;
            case PassCommandKind.Suspend:
                bool suspend = command.On && _previewOn;
                if (suspend != _suspended)
                    for (int slot = 0; slot < lanes.Length; slot++)
                        if (_isolated[slot] && lanes[slot] is { } lane)
                        {
                            if (suspend) lane.RtRestore(RtAt(position));
                            else lane.RtTake(RtAt(position), _previewValue[slot], IsTrim(RtFlags(slot)), touched: true);
                        }
                _suspended = suspend;
                break;
            case PassCommandKind.PunchPreview:
                for (int slot = 0; slot < _isolated.Length; slot++)
                {
                    if (!_isolated[slot]) continue;
                    _isolated[slot] = false;
                    RtPunch(slot, _previewValue[slot], position, lanes, bySlot);
                }
                _isolatedCount = 0;
                break;
            case PassCommandKind.Capture:
                for (int slot = 0; slot < _captured.Length; slot++)
                    _captured[slot] = _isolated[slot] ? _previewValue[slot] : RtWritingValue(slot < lanes.Length ? lanes[slot] : null, slot, position);
                break;
            case PassCommandKind.PunchCapture:
                for (int slot = 0; slot < _captured.Length; slot++)
                {
                    int b = Volatile.Read(ref _behaviour[slot]);
                    bool takes = BehaviourOf(b) != PassBehaviour.None || (command.All && (b & ReadFlag) != 0);
                    if (double.IsNaN(_captured[slot]) || !takes || (entry.Slots is { } only && (slot >= only.Length || !only[slot]))) continue;
                    RtPunch(slot, _captured[slot], position, lanes, bySlot);
                }
                break;
            case PassCommandKind.WriteTo when _isolatedCount > 0:
                RtEndIsolation(position, lanes);
                break;
            case PassCommandKind.WriteTo:
                RtPunchOut(command, position, lanes);
                break;
        }
        _engine.RtStamp(new StampedMove(position, -1, StampedKind.Command, entry.Sequence, entry.Client));
    }

    /// <summary>
    /// Where a lane's live value changes for a command or move at <paramref name="position"/>: there while rolling; while
    /// stopped one move ramp earlier, so the change is complete when playing starts at the position (nothing plays while
    /// stopped, and a pass starting there would otherwise ramp into the value the pass writes from its first sample).
    /// </summary>
    private long RtAt(long position) => _running ? position : position - RtLaneCursor.SwitchRampSamples;

    /// <summary>A slot's flags with a punched control's behaviour made Latch (Write stays Write) until its pass ends.</summary>
    private int RtFlags(int slot)
    {
        int b = Volatile.Read(ref _behaviour[slot]);
        return _punched[slot] && BehaviourOf(b) != PassBehaviour.Write ? (b & ~(TrimFlag - 1)) | (int)PassBehaviour.Latch : b;
    }

    /// <summary>
    /// A touch, value (<paramref name="value"/>; NaN for a touch that takes the control as it plays) or release of
    /// <paramref name="slot"/> while Preview is on: true when it goes to Preview (isolates the control or changes its
    /// preview value) instead of writing, as <see cref="AutomationRecorder"/> decides it.
    /// </summary>
    private bool RtPreviews(RtLaneCursor? lane, int slot, long position, double value, bool release)
    {
        if (!_previewOn) return false;
        bool trim = IsTrim(Volatile.Read(ref _behaviour[slot]));
        if (_isolated[slot])
        {
            if (release || double.IsNaN(value)) return true;
            _previewValue[slot] = value;
            _controlValue[slot] = value;
            if (!_suspended) lane?.RtMove(RtAt(position), value);
            return true;
        }
        if (release || (Volatile.Read(ref _behaviour[slot]) & IsolatableFlag) == 0 || (_running && RtWriting(lane, slot, position))) return false;
        _isolated[slot] = true;
        _isolatedCount++;
        if (lane is not null)
        {
            lane.RtTake(RtAt(position), value, trim, touched: true);
            _previewValue[slot] = lane.RtLiveValue;
            if (_suspended) lane.RtRestore(RtAt(position));
        }
        else _previewValue[slot] = double.IsNaN(value) ? RtLaneFreeValue(slot, trim) : value;
        _controlValue[slot] = _previewValue[slot];
        return true;
    }

    /// <summary>Ends every isolation: lanes play their curves again; controls without a lane keep their value.</summary>
    private void RtEndIsolation(long position, RtLaneCursor?[] lanes)
    {
        if (_isolatedCount == 0) return;
        for (int slot = 0; slot < _isolated.Length; slot++)
        {
            if (!_isolated[slot]) continue;
            _isolated[slot] = false;
            if (slot < lanes.Length) lanes[slot]?.RtRestore(RtAt(position));
        }
        _isolatedCount = 0;
    }

    /// <summary>
    /// A Write-To while rolling with no control isolated: End, All and Next Breakpoint punch every writing control out
    /// (Write ones keep writing), which from this block plays what the recorder fills for it (the live value over the
    /// target's range, the guard back to the lane after the punch-out, the lane elsewhere) and does not join the next pass.
    /// </summary>
    private void RtPunchOut(PassCommand command, long position, RtLaneCursor?[] lanes)
    {
        if (!_running || command.Target is not (WriteTarget.End or WriteTarget.All or WriteTarget.NextBreakpoint)) return;
        long rangeStart = command.SelectionStart ?? 0, rangeEnd = command.SelectionEnd ?? long.MaxValue;
        for (int slot = 0; slot < _behaviour.Length; slot++)
        {
            int b = RtFlags(slot);
            if (BehaviourOf(b) is PassBehaviour.None or PassBehaviour.Write) continue;
            var lane = slot < lanes.Length ? lanes[slot] : null;
            if (lane is not null)
            {
                if (!lane.RtPlaysLiveValue) continue;
                lane.RtFill(command.Target, position, rangeStart, rangeEnd);
            }
            else
            {
                if (!RtWriting(null, slot, position)) continue;
                _writingUntil[slot] = long.MinValue;
                long from = command.Target == WriteTarget.All ? rangeStart : position;
                bool trim = IsTrim(b);
                Glides.RtFill(slot, position, from, rangeEnd, AutomationSettings.GuardSamples, RtLaneFreeValue(slot, trim), trim);
            }
            Joins.RtPunchedOut(slot);
        }
    }

    /// <summary>Punch Preview or Punch Capture of <paramref name="slot"/> at <paramref name="value"/>: a Latch writer from here while rolling, primed (and heard) while stopped.</summary>
    private void RtPunch(int slot, double value, long position, RtLaneCursor?[] lanes, IRtParameter?[] bySlot)
    {
        int b = Volatile.Read(ref _behaviour[slot]);
        bool trim = IsTrim(b);
        if (BehaviourOf(b) != PassBehaviour.Write) _punched[slot] = true;
        _controlValue[slot] = value;
        var lane = slot < lanes.Length ? lanes[slot] : null;
        if (lane is not null)
        {
            lane.RtTake(RtAt(position), value, trim, touched: true);
            if (!_running) _primed[slot] = value;
        }
        else if (slot < bySlot.Length && bySlot[slot] is { } parameter)
        {
            if (!trim)
            {
                parameter.RtSet(value);
                Glides.RtApplied(slot, value);
            }
            else if (!double.IsNaN(Glides.RtAppliedValues[slot])) parameter.RtSet(Glides.RtAppliedValues[slot] + value);
            if (_running) _writingUntil[slot] = long.MaxValue;
        }
        if (_running && !trim) Joins.RtLatched(slot);
    }

    /// <summary>True while <paramref name="slot"/> writes in the running pass: its lane plays the live value, or (without a lane) it was moved in a writing mode and is not released or timed out.</summary>
    private bool RtWriting(RtLaneCursor? lane, int slot, long position) =>
        lane is not null ? lane.RtPlaysLiveValue : position <= _writingUntil[slot];

    /// <summary>The value a writing control holds (its live value; a trim offset in a trim mode), NaN when it is not writing.</summary>
    private double RtWritingValue(RtLaneCursor? lane, int slot, long position)
    {
        if (!_running || _isolated[slot] || !RtWriting(lane, slot, position)) return double.NaN;
        return lane is not null ? lane.RtLiveValue : RtLaneFreeValue(slot, IsTrim(Volatile.Read(ref _behaviour[slot])));
    }

    /// <summary>The control value of a slot without a lane: its offset in a trim mode (0 until moved), else the value applied.</summary>
    private double RtLaneFreeValue(int slot, bool trim) =>
        trim ? (double.IsNaN(_controlValue[slot]) ? 0.0 : _controlValue[slot]) : Glides.RtAppliedValues[slot];

    /// <summary>A touch or release of a control without a lane in a running pass: when it writes (as the recorder's pass for it does).</summary>
    private void RtLaneFreeTouch(int flags, int slot, bool touched)
    {
        _heldTouch[slot] = touched;
        if (!_running || BehaviourOf(flags) == PassBehaviour.None) return;
        if (touched) _writingUntil[slot] = long.MaxValue;
        else if (BehaviourOf(flags) == PassBehaviour.Touch && (flags & SwitchFlag) == 0) _writingUntil[slot] = long.MinValue;
    }

    /// <summary>A value of a control without a lane in a running pass: Latch and Write write to the stop, Touch while held or until the touch timeout.</summary>
    private void RtLaneFreeMoved(int flags, int slot, long position)
    {
        var behaviour = BehaviourOf(flags);
        if (!_running || behaviour == PassBehaviour.None) return;
        if (behaviour != PassBehaviour.Touch || _heldTouch[slot] || (flags & SwitchFlag) != 0) _writingUntil[slot] = long.MaxValue;
        else _writingUntil[slot] = position + Interlocked.Read(ref _timeout);
    }

    /// <summary>The pass stopped: punched controls follow their modes again (the recorder switched them to Latch), and nothing without a lane writes.</summary>
    private void RtEndPunches()
    {
        Array.Clear(_punched);
        Array.Fill(_writingUntil, long.MinValue);
    }
}
