using MixEngine.Graph;

namespace MixEngine.Realtime;

/// <summary>
/// The AutoMatch glide of controls without a lane (docs/automation.md, Live passes): a Touch control that has no lane
/// plays its live values directly; when it is released during a pass it glides back, linearly in its natural unit over
/// the AutoMatch time, to the value it had when the pass started (what the recorder writes as its new lane). The glide is
/// set on the parameter before each block at the value of the block's last sample, so the kernel's own smoothing across
/// the block draws the line. A control that sends values but no touch glides back the same way once the touch timeout
/// after its last value has passed. The engine reports every value it applies (<see cref="RtApplied"/>), so the value at the
/// pass start and the value a release glides from are known without asking the control side. In Touch Trim such a control
/// plays its value plus a dB offset; released (or timed out) it glides the offset back to 0 dB instead, so the parameter
/// goes from value + offset to the value, while the value itself stays what it was (<see cref="RtReleaseOffset"/>). A
/// Write-To that punches such a control out makes it play what the recorder writes for it (<see cref="RtFill"/>): its value
/// over the command's range, a guard glide back to its value at the pass start after the punch-out, that value elsewhere.
/// <para>Thread rules: construction control side; every <c>Rt*</c> member on the audio thread only, never allocating,
/// locking or throwing.</para>
/// </summary>
internal sealed class LaneFreeGlides
{
    private readonly double[] _applied, _atStart, _from, _to;
    private readonly long[] _start, _length, _fillFrom, _fillTo;
    private readonly int[] _active;
    private readonly bool[] _gliding, _held, _offset;
    private int _count;

    /// <summary>Preallocates the glides of <paramref name="slotCapacity"/> slots; control side.</summary>
    public LaneFreeGlides(int slotCapacity)
    {
        _applied = new double[slotCapacity];
        Array.Fill(_applied, double.NaN);
        _atStart = new double[slotCapacity];
        _from = new double[slotCapacity];
        _to = new double[slotCapacity];
        _offset = new bool[slotCapacity];
        _start = new long[slotCapacity];
        _length = new long[slotCapacity];
        _fillFrom = new long[slotCapacity];
        _fillTo = new long[slotCapacity];
        _active = new int[slotCapacity];
        _gliding = new bool[slotCapacity];
        _held = new bool[slotCapacity];
    }

    /// <summary>Takes the values an installed plan starts from (its session's values per slot, NaN where none). Audio thread, at the swap.</summary>
    public void RtSeed(double[] values) => Array.Copy(values, _applied, Math.Min(values.Length, _applied.Length));

    /// <summary>The engine applied <paramref name="value"/> to <paramref name="slot"/> (a client's value): any glide of the slot ends. Audio thread.</summary>
    public void RtApplied(int slot, double value)
    {
        _applied[slot] = value;
        RtCancel(slot);
    }

    /// <summary>Every slot's value as last applied (by a client or a glide), NaN where none is known. Audio thread.</summary>
    public double[] RtAppliedValues => _applied;

    /// <summary>Every slot's value when the current (or last) pass started, NaN where none is known. Audio thread.</summary>
    public double[] RtAtStart => _atStart;

    /// <summary>A pass starts: every slot's current value is what a released control glides back to. Audio thread.</summary>
    public void RtBeginPass() => Array.Copy(_applied, _atStart, _applied.Length);

    /// <summary>The slot was touched again: its glide ends where it stands. Audio thread.</summary>
    public void RtCancel(int slot)
    {
        if (!_gliding[slot]) return;
        _gliding[slot] = false;
        int k = Array.IndexOf(_active, slot, 0, _count);
        _active[k] = _active[--_count];
    }

    /// <summary>A Touch control without a lane was touched: its glide ends where it stands and values do not start a touch timeout until the release. Audio thread.</summary>
    public void RtHold(int slot)
    {
        _held[slot] = true;
        RtCancel(slot);
    }

    /// <summary>A Touch control without a lane was released while stopped: nothing glides, later values may start touch timeouts. Audio thread.</summary>
    public void RtLetGo(int slot) => _held[slot] = false;

    /// <summary>A Touch control without a lane was released at <paramref name="position"/>: it glides back over <paramref name="length"/> samples (not when a Write-To punched it out). Audio thread.</summary>
    public void RtRelease(int slot, long position, long length)
    {
        _held[slot] = false;
        if (!RtFilling(slot)) RtGlideFrom(slot, position, length);
    }

    /// <summary>
    /// A Write-To at <paramref name="position"/> punched out a control without a lane that plays <paramref name="value"/>
    /// (a dB offset when <paramref name="isOffset"/>): until it is moved or touched again it plays the value over
    /// [<paramref name="from"/>, <paramref name="to"/>], a glide from the value at <paramref name="position"/> to its value at the
    /// pass start (offset 0 dB) over <paramref name="guard"/> samples where the range does not cover, and that value
    /// elsewhere, as the recorder writes it; a release does not glide it back. Audio thread.
    /// </summary>
    public void RtFill(int slot, long position, long from, long to, long guard, double value, bool isOffset)
    {
        double back = isOffset ? 0.0 : _atStart[slot];
        if (double.IsNaN(value) || double.IsNaN(back) || double.IsNaN(_applied[slot])) return;
        RtBeginGlide(slot, position, guard, value, back, isOffset);
        _fillFrom[slot] = from;
        _fillTo[slot] = to;
    }

    /// <summary>True while a Write-To's fill plays on the slot.</summary>
    private bool RtFilling(int slot) => _gliding[slot] && _fillFrom[slot] != long.MaxValue;

    /// <summary>
    /// A value of a Touch control without a lane that is not touched (a control that cannot send touch): unless another
    /// value or a touch comes first, it glides back from <paramref name="deadline"/> (the touch timeout after the value)
    /// over <paramref name="length"/> samples. Audio thread.
    /// </summary>
    public void RtReleaseAt(int slot, long deadline, long length)
    {
        if (!_held[slot] && !RtFilling(slot)) RtGlideFrom(slot, deadline, length);
    }

    /// <summary>A Touch Trim control without a lane was released at <paramref name="position"/> holding <paramref name="offset"/> dB: the offset glides to 0 dB over <paramref name="length"/> samples. Audio thread.</summary>
    public void RtReleaseOffset(int slot, long position, long length, double offset)
    {
        _held[slot] = false;
        RtGlideOffset(slot, position, length, offset);
    }

    /// <summary>An <paramref name="offset"/> of a Touch Trim control without a lane that is not touched: unless another value or a touch comes first, the offset glides to 0 dB from <paramref name="deadline"/> over <paramref name="length"/> samples. Audio thread.</summary>
    public void RtReleaseOffsetAt(int slot, long deadline, long length, double offset)
    {
        if (!_held[slot] && !RtFilling(slot)) RtGlideOffset(slot, deadline, length, offset);
    }

    private void RtGlideOffset(int slot, long position, long length, double offset)
    {
        if (double.IsNaN(offset) || offset == 0.0 || double.IsNaN(_applied[slot])) return;
        RtBeginGlide(slot, position, length, offset, 0.0, isOffset: true);
    }

    private void RtGlideFrom(int slot, long position, long length)
    {
        if (double.IsNaN(_applied[slot]) || double.IsNaN(_atStart[slot]) || _applied[slot] == _atStart[slot]) return;
        RtBeginGlide(slot, position, length, _applied[slot], _atStart[slot], isOffset: false);
    }

    private void RtBeginGlide(int slot, long position, long length, double from, double to, bool isOffset)
    {
        _from[slot] = from;
        _to[slot] = to;
        _offset[slot] = isOffset;
        _start[slot] = position;
        _length[slot] = Math.Max(0, length);
        _fillFrom[slot] = long.MaxValue;
        if (_gliding[slot]) return;
        _gliding[slot] = true;
        _active[_count++] = slot;
    }

    /// <summary>
    /// Before block [<paramref name="position"/>, +<paramref name="count"/>): sets every gliding parameter to the glide's
    /// value at the block's last sample (an offset's glide: the slot's value plus the offset there); a glide that reaches
    /// its end stops; a fill plays its value on its range and ends only when the slot is moved or touched. With
    /// <paramref name="finish"/> (the pass stopped) every glide and fill jumps to its end. Audio thread.
    /// </summary>
    public void RtAdvance(long position, int count, IRtParameter?[] bySlot, bool finish)
    {
        for (int k = _count - 1; k >= 0; k--)
        {
            int slot = _active[k];
            long last = position + count - 1, t = last - _start[slot];
            if (t < 0 && !finish) continue; // a touch timeout not reached yet
            double to = _to[slot];
            bool filling = _fillFrom[slot] != long.MaxValue && !finish;
            double value = filling && last >= _fillFrom[slot] && last <= _fillTo[slot] ? _from[slot]
                : finish || t >= _length[slot] ? to : _from[slot] + (to - _from[slot]) * ((double)Math.Max(t, 0) / _length[slot]);
            if (double.IsNegativeInfinity(_from[slot]) && value != to && value != _from[slot]) value = to;
            if (_offset[slot]) bySlot[slot]?.RtSet(_applied[slot] + value);
            else
            {
                bySlot[slot]?.RtSet(value);
                _applied[slot] = value;
            }
            if (value == to && !filling) RtCancel(slot);
        }
    }
}
