using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixEngine.Dsp;

namespace MixEngine.Automation;

/// <summary>
/// Plays one lane on the audio thread: the value at any sample (main curve plus trim, clamped to the parameter's range)
/// and, for switches, a gain per sample that fades over <see cref="SwitchRampSamples"/> after each change. Every value
/// is a function of the sample position alone, so any block split renders the same samples. A cursor remembers the
/// segment it found last, so playing forward costs O(1) per sample; a jump costs one binary search. Gains of a level lane
/// are filled a few samples at a time with vector arithmetic (RtLaneCursor.Gain.cs).
/// <para>During a live pass the lane can be overridden by the control's live value (RtLaneCursor.Live.cs): the
/// realtime engine takes it on a touch or move, and on release it glides back to the curve over the AutoMatch time,
/// as the recorder writes it. Without an override every value is a function of the position alone.</para>
/// <para>Thread rules: built on the control side (shares the curves' immutable point arrays); <c>Rt*</c> members run on one thread at a time and
/// never allocate, lock or throw: the driver thread for live overrides and stepped lanes (between blocks) and for VCA
/// and bus gain lanes (before the block's phases), the worker that runs the strip for a track's own gain lanes and the
/// lanes its pan or EQ follows (during the block).</para>
/// </summary>
public sealed partial class RtLaneCursor : IControlCurve
{
    /// <summary>Length of the fade a switch lane (mute) makes after each change, in samples (1.3 ms at 48 kHz).</summary>
    public const int SwitchRampSamples = 64;

    private readonly AutomationPoint[] _main;
    private readonly AutomationPoint[] _trim;
    private readonly double _minimumGain, _maximumGain;
    private int _trimAt;

    // Everything a read needs, side by side (a lane read every few hundred samples finds the cursor out of cache; the
    // cursor's own fields spread over several cache lines, this struct over two).
    private ReadState _read;

    /// <summary>
    /// What <see cref="RtValueAt"/> reads: the range, which curves the lane has, what plays the written part (the live
    /// override), and the main curve's segment the last value read lies in, copied into the cursor: [From, To), its index
    /// and end points (flat before the first point and after the last). A read inside it touches the cursor alone, not
    /// the point array; the next segment is taken from the cached end point and one point read. Count (the main curve's
    /// points) and At (the index the main curve's last search found) are here too, so a segment start reads neither the
    /// array's length (its header: another cache line, on another page, than the point read) nor another cursor line.
    /// </summary>
    private struct ReadState
    {
        public long From, To;
        public double Minimum, Maximum;
        public AutomationPoint Start, End;
        public int Index, Count, At;
        public LiveHold Hold;
        public bool Flat, HasMain, HasTrim;
    }

    /// <summary>
    /// Creates a cursor over <paramref name="lane"/> for a parameter ranging <paramref name="minimum"/> … <paramref name="maximum"/>
    /// (<paramref name="isSwitch"/> for on/off parameters, whose live values step); control side.
    /// </summary>
    public RtLaneCursor(AutomationLane lane, double minimum, double maximum, bool isSwitch = false)
    {
        Address = lane.Address;
        _main = lane.Curve.PointArray;
        _trim = lane.Trim.PointArray;
        _read = new ReadState
        {
            From = long.MaxValue,
            To = long.MinValue,
            Index = int.MinValue,
            Count = _main.Length,
            Minimum = minimum,
            Maximum = maximum,
            HasMain = _main.Length > 0,
            HasTrim = _trim.Length > 0,
        };
        _minimumGain = Decibels.ToGain(minimum);
        _maximumGain = Decibels.ToGain(maximum);
        IsSwitch = isSwitch;
    }

    /// <summary>True for an on/off parameter (mute).</summary>
    public bool IsSwitch { get; }

    /// <summary>The lane's parameter address.</summary>
    public string Address { get; }

    /// <summary>True when the main curve has points (the lane replaces the parameter's static value); false when only trim plays.</summary>
    public bool HasMain => _read.HasMain;

    /// <summary>
    /// The lane's value at <paramref name="position"/>: main curve (0 when it is empty) plus trim, clamped to the range
    /// when the main curve plays. The thread that plays the lane (see the thread rules).
    /// </summary>
    public double RtValueAt(long position)
    {
        ref var read = ref _read;
        double trim = read.HasTrim ? RtCurveAt(_trim, ref _trimAt, position) : 0.0;
        if (read.Hold != LiveHold.Lane && _liveTrim) trim = RtLive(position, trim);
        if (!read.HasMain) return trim;
        double main = position >= read.From && position < read.To
            ? read.Flat ? read.Start.Value : AutomationCurve.Interpolate(read.Start, read.End, position)
            : RtTakeSegment(position);
        if (read.Hold != LiveHold.Lane && !_liveTrim) main = RtLive(position, main);
        double v = main + trim;
        return v < read.Minimum ? read.Minimum : v > read.Maximum ? read.Maximum : v;
    }

    /// <summary>Fills <paramref name="values"/> with <see cref="RtValueAt"/> of samples <paramref name="position"/> onwards. Driver thread.</summary>
    public void RtFill(long position, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = RtValueAt(position + i);
    }

    /// <summary>
    /// Fills <paramref name="gains"/> for a switch that silences when on (mute): 1 while off, 0 while on, and after each
    /// change a linear fade over <see cref="SwitchRampSamples"/> samples starting at the change. The thread that renders the strip (see the thread rules).
    /// </summary>
    public void RtFillSwitchGain(long position, Span<double> gains)
    {
        for (int i = 0; i < gains.Length; i++)
        {
            long p = position + i;
            if (_read.Hold != LiveHold.Lane || (ulong)(p - _changedAt) < SwitchRampSamples)
            {
                gains[i] = RtLiveSwitchGain(p);
                continue;
            }
            int k = RtSegment(_main, ref _read.At, p);
            double now = k < 0 ? Off(_main[0].Value) : Off(_main[k].Value);
            if (k >= 1)
            {
                long since = p - _main[k].Position;
                double before = Off(_main[k - 1].Value);
                if (since < SwitchRampSamples && before != now)
                    now = before + (now - before) * (since + 1) / SwitchRampSamples;
            }
            gains[i] = now;
        }
    }

    // Finds the main curve's segment holding `position` (a jump or the next segment), keeps it and returns its value there
    // (as RtCurveAt computes it).
    private double RtTakeSegment(long position)
    {
        ref var read = ref _read;
        // Playing forward into the next segment: its start point is the cached segment's end (the first point when the
        // cache is before it), so only the point after it is read (unchecked: next + 1 < Count, the array's length).
        int next = read.Index + 1, count = read.Count;
        if (read.Index >= -1 && position >= read.To && next < count)
        {
            var start = read.Index < 0 ? read.Start : read.End;
            if (next + 1 == count) return RtKeepSegment(next, start, start, flat: true);
            ref readonly var end = ref Point(_main, next + 1);
            if (position < end.Position) return RtKeepSegment(next, start, end, flat: false, position);
        }
        int k = RtSegment(_main, ref read.At, position);
        bool flat = k < 0 || k == count - 1;
        var first = _main[Math.Max(k, 0)];
        return RtKeepSegment(k, first, flat ? first : _main[k + 1], flat, position);
    }

    // Caches segment k (−1 before the first point) from `start` to `end` and returns its value at `position`.
    private double RtKeepSegment(int k, in AutomationPoint start, in AutomationPoint end, bool flat, long position = 0)
    {
        ref var read = ref _read;
        read.At = Math.Max(k, 0);
        read.Index = k;
        read.Flat = flat;
        read.Start = start;
        read.End = end;
        read.From = k < 0 ? long.MinValue : start.Position;
        read.To = k < 0 ? start.Position : flat ? long.MaxValue : end.Position;
        return flat ? start.Value : AutomationCurve.Interpolate(start, end, position);
    }

    private static double Off(double value) => value >= 0.5 ? 0.0 : 1.0;

    private static double RtCurveAt(AutomationPoint[] points, ref int at, long position)
    {
        int k = RtSegment(points, ref at, position);
        if (k < 0) return points[0].Value;
        if (k == points.Length - 1) return points[k].Value;
        return AutomationCurve.Interpolate(points[k], points[k + 1], position);
    }

    /// <summary>Index of the last point at or before <paramref name="position"/> (−1 before the first), starting from the cached index.</summary>
    private static int RtSegment(AutomationPoint[] points, ref int at, long position) => RtSegment(points, points.Length, ref at, position);

    // RtSegment for callers that keep the curve's length (count = points.Length, so the array's header is not read); the
    // cached index `at` is never negative.
    private static int RtSegment(AutomationPoint[] points, int count, ref int at, long position)
    {
        int k = at;
        if (k < count && Point(points, k).Position <= position && (k + 1 == count || Point(points, k + 1).Position > position)) return k;
        if (k + 1 < count && Point(points, k + 1).Position <= position && (k + 2 == count || Point(points, k + 2).Position > position))
        {
            at = k + 1;
            return k + 1;
        }
        int found = AutomationCurve.SegmentIndex(points, position);
        at = Math.Max(found, 0);
        return found;
    }

    // Point i of `points` without a bounds check (the callers check i against the curve's length they keep).
    private static ref readonly AutomationPoint Point(AutomationPoint[] points, int i) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(points), i);
}
