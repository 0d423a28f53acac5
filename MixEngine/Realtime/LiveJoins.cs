using MixEngine.Automation;

namespace MixEngine.Realtime;

/// <summary>
/// AutoJoin heard live (docs/automation.md, rule 4): a Latch control that was writing when a pass stopped resumes its
/// last value where that pass stopped, when the next pass (started at or before that point) reaches it, unless the
/// control is moved before then; exactly as <see cref="AutomationRecorder"/> writes it. The engine cuts its blocks at the
/// next join point (<see cref="RtLimit"/>), so the lane takes the value at that very sample for any block size.
/// <para>Thread rules: <see cref="SetOn"/> from any control thread; every <c>Rt*</c> member on the audio thread only,
/// never allocating, locking or throwing.</para>
/// </summary>
internal sealed class LiveJoins
{
    private readonly long[] _at;
    private readonly double[] _value;
    private readonly bool[] _latched;
    private long _next = long.MaxValue;
    private bool _on;

    /// <summary>Preallocates the join points of <paramref name="slotCapacity"/> slots; control side.</summary>
    public LiveJoins(int slotCapacity)
    {
        _at = new long[slotCapacity];
        Array.Fill(_at, long.MaxValue);
        _value = new double[slotCapacity];
        _latched = new bool[slotCapacity];
    }

    /// <summary>Turns AutoJoin on or off (the session's <c>autoJoin</c> setting). Any control thread.</summary>
    public void SetOn(bool on) => Volatile.Write(ref _on, on);

    /// <summary>A Latch control of <paramref name="slot"/> started writing in the running pass. Audio thread.</summary>
    public void RtLatched(int slot) => _latched[slot] = true;

    /// <summary>A Write-To punched the control of <paramref name="slot"/> out: it is not writing at the stop, so it does not join the next pass (until it latches again). Audio thread.</summary>
    public void RtPunchedOut(int slot) => _latched[slot] = false;

    /// <summary>
    /// The pass stopped at <paramref name="position"/>: every Latch control that was writing joins the next pass there
    /// with its live value (its lane's, else <paramref name="applied"/>, the value a lane-less control plays); the join
    /// points of the pass before are forgotten. Audio thread, before the lanes' overrides end.
    /// </summary>
    public void RtStop(long position, RtLaneCursor?[] lanes, double[] applied)
    {
        for (int slot = 0; slot < _at.Length; slot++)
        {
            _at[slot] = long.MaxValue;
            if (!_latched[slot]) continue;
            _latched[slot] = false;
            double value = slot < lanes.Length && lanes[slot] is { RtPlaysLiveValue: true } lane ? lane.RtLiveValue : applied[slot];
            if (double.IsNaN(value)) continue;
            _at[slot] = position;
            _value[slot] = value;
        }
        _next = long.MaxValue;
    }

    /// <summary>
    /// A pass starts at <paramref name="position"/>: the join points at or after it stay armed for the slots that have a
    /// lane and are in Latch (per <paramref name="behaviour"/>, <see cref="LivePass"/>'s slot flags), all others are
    /// dropped. Audio thread.
    /// </summary>
    public void RtStart(long position, RtLaneCursor?[] lanes, int[] behaviour)
    {
        bool on = Volatile.Read(ref _on);
        for (int slot = 0; slot < _at.Length; slot++)
        {
            _latched[slot] = false;
            if (_at[slot] == long.MaxValue) continue;
            if (!on || _at[slot] < position || slot >= lanes.Length || lanes[slot] is null || LivePass.BehaviourOf(Volatile.Read(ref behaviour[slot])) != PassBehaviour.Latch) _at[slot] = long.MaxValue;
        }
        RtFindNext();
    }

    /// <summary>The slot was moved at <paramref name="position"/>: a join still ahead of it is dropped. Audio thread.</summary>
    public void RtMoved(int slot, long position)
    {
        if (_at[slot] == long.MaxValue || position >= _at[slot]) return;
        _at[slot] = long.MaxValue;
        if (_next != long.MaxValue) RtFindNext();
    }

    /// <summary>The largest block from <paramref name="position"/> (at most <paramref name="count"/>) that ends at the next join point. Audio thread.</summary>
    public int RtLimit(long position, int count) => _next > position && _next - position < count ? (int)(_next - position) : count;

    /// <summary>
    /// The transport is at <paramref name="position"/> in a running pass: every join point reached takes its lane's
    /// live value there (a trim offset when <paramref name="behaviour"/>, <see cref="LivePass"/>'s slot flags, says so). Audio thread.
    /// </summary>
    public void RtReach(long position, RtLaneCursor?[] lanes, int[] behaviour)
    {
        if (position < _next) return;
        for (int slot = 0; slot < _at.Length; slot++)
        {
            if (_at[slot] > position) continue;
            _at[slot] = long.MaxValue;
            if (slot < lanes.Length && lanes[slot] is { } lane)
            {
                lane.RtTake(position, _value[slot], LivePass.IsTrim(Volatile.Read(ref behaviour[slot])), touched: false);
                _latched[slot] = true;
            }
        }
        RtFindNext();
    }

    private void RtFindNext()
    {
        _next = long.MaxValue;
        foreach (long at in _at)
            if (at < _next) _next = at;
    }
}
