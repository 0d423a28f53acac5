using System.Runtime.CompilerServices;
using MixEngine.Automation;
using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The live pan controls of one track or bus strip (x, y, z, width, rotation, divergence, LFE send, height): the
/// targets every panned contribution of the strip follows. Setting a control stores the clamped value and bumps
/// <see cref="Version"/>; each <see cref="PanRamp"/> notices the change at its next block start, recomputes its gains
/// and ramps to them, so nothing here computes gains. A strip with three or more channels keeps a stage too (so its
/// addresses exist) but no contribution reads it.
/// <para>Thread rules: construction is control side; <c>RtSet*</c> run on the driver thread between blocks;
/// <see cref="Controls"/> and <see cref="Version"/> are read by render workers after the driver's block start. Nothing
/// allocates, locks or throws; a NaN value is ignored.</para>
/// <para>Controls with an automation lane are followed instead (<see cref="Follow"/>): the stage evaluates their lanes
/// at the update points, the multiples of <see cref="AutomationPlayback.PointInterval"/>, and its contributions interpolate
/// their gains linearly between those points (<see cref="PanRamp"/>). The points a block needs are evaluated once, by
/// <see cref="RtBeginBlock"/> on the worker that runs the strip, before its contributions begin; a point already
/// evaluated for the previous block is kept, so a live value taken between blocks moves the next new point and the
/// gains never jump.</para>
/// </summary>
public sealed class PanStage
{
    private static readonly string[] ControlNames = ["x", "y", "z", "width", "rotation", "divergence", "lfe", "height"];

    private PanControls _controls;
    // The followed controls and their lanes side by side, so a point's reads start from one array.
    private FollowedLane[] _followed = [];
    private PanControls[] _points = [];
    private int _pointCount;
    private long _firstPoint; // point k of the block is at _firstPoint + k × the interval
    private long _nextBlock = long.MinValue;

    /// <summary>Creates the stage at the session's pan settings; control side.</summary>
    public PanStage(PanControls controls)
    {
        _controls = controls;
    }

    /// <summary>The current targets.</summary>
    public PanControls Controls => _controls;

    /// <summary>Counts changes; a contribution recomputes its gains when it differs from the count it last saw.</summary>
    public int Version { get; private set; }

    /// <summary>True when the stage evaluates update points: a control follows an automation lane (<see cref="Follow"/>), or a send of the strip does (<see cref="EvaluatePoints"/>).</summary>
    public bool Follows { get; private set; }

    /// <summary>Most update points one block of up to the plan's block size needs (0 while nothing follows a lane).</summary>
    public int MaxPoints => _points.Length;

    /// <summary>Timeline position of the block's first update point (the last multiple of the interval at or before the block start). Worker of the strip, after <see cref="RtBeginBlock"/>.</summary>
    public long RtFirstPoint => _pointCount == 0 ? 0 : _firstPoint;

    /// <summary>Update points of the current block (first at or before its start, last at or after its end). Worker of the strip.</summary>
    public int RtPointCount => _pointCount;

    /// <summary>How many leading points of this block are the previous block's points from index <see cref="RtCarriedFrom"/> on, unchanged. Worker of the strip.</summary>
    public int RtCarried { get; private set; }

    /// <summary>Index, in the previous block's points, of this block's first carried point. Worker of the strip.</summary>
    public int RtCarriedFrom { get; private set; }

    /// <summary>The controls at update point <paramref name="index"/> of the current block. Worker of the strip.</summary>
    public ref readonly PanControls RtPoint(int index) => ref _points[index];

    /// <summary>True when update point <paramref name="index"/> (≥ 1) has the controls of the point before it, so its gains are that point's. Worker of the strip.</summary>
    public bool RtRepeats(int index) => Same(_points[index], _points[index - 1]);

    /// <summary>
    /// Makes control <paramref name="control"/> (<c>x</c>, <c>y</c>, <c>z</c>, <c>width</c>, <c>rotation</c>,
    /// <c>divergence</c>, <c>lfe</c>, <c>height</c>) follow <paramref name="lane"/> for blocks of up to
    /// <paramref name="blockSize"/> samples; false for an unknown control. Control side, while the plan is built.
    /// </summary>
    public bool Follow(string control, RtLaneCursor lane, int blockSize)
    {
        int index = Array.IndexOf(ControlNames, control);
        if (index < 0) return false;
        int at = Array.FindIndex(_followed, f => f.Control == index);
        if (at < 0) _followed = [.. _followed, new FollowedLane(index, lane)];
        else _followed[at] = new FollowedLane(index, lane);
        EvaluatePoints(blockSize);
        return true;
    }

    /// <summary>
    /// Makes the stage evaluate update points for blocks of up to <paramref name="blockSize"/> samples even when no pan
    /// control follows a lane, so that a send of the strip can follow its level and mute lanes at those points
    /// (<see cref="SendLevel"/>). Control side, while the plan is built, before the strip's contributions are made.
    /// </summary>
    public void EvaluatePoints(int blockSize)
    {
        Follows = true;
        int points = (blockSize + AutomationPlayback.PointInterval - 1) / AutomationPlayback.PointInterval + 2;
        if (_points.Length < points) _points = new PanControls[points];
    }

    /// <summary>
    /// Evaluates the update points block [<paramref name="position"/>, +<paramref name="count"/>) needs, keeping those the
    /// previous block already had when this block continues it. Worker of the strip, before its contributions begin.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled for this machine at first call: see PanWeights
    public void RtBeginBlock(long position, int count)
    {
        if (!Follows) return;
        const int interval = AutomationPlayback.PointInterval;
        long first = position - (((position % interval) + interval) % interval);
        long end = position + count;
        long last = end - (((end % interval) + interval) % interval);
        if (last < end) last += interval;
        int needed = (int)((last - first) / interval) + 1;
        int carried = 0, from = 0;
        if (position == _nextBlock && _pointCount > 0 && first >= _firstPoint && first <= _firstPoint + (long)(_pointCount - 1) * interval)
        {
            from = (int)((first - _firstPoint) / interval);
            carried = Math.Min(_pointCount - from, needed);
            if (from > 0)
                for (int k = 0; k < carried; k++) // usually one point: a loop costs less than an Array.Copy call
                    _points[k] = _points[from + k];
        }
        for (int k = carried; k < needed; k++) RtControlsAt(first + (long)k * interval, ref _points[k]);
        _firstPoint = first;
        _pointCount = needed;
        RtCarried = carried;
        RtCarriedFrom = from;
        _nextBlock = end;
    }

    /// <summary>Forgets the evaluated points, so the next block evaluates all it needs (values applied while stopped, a locate). Driver thread, between blocks.</summary>
    public void RtForgetPoints()
    {
        _nextBlock = long.MinValue;
        _pointCount = 0;
    }

    // The controls at an update point: the stage's targets with every followed control taken from its lane (clamped),
    // written into the point in one go (no whole-controls copy per followed lane).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtBeginBlock
    private void RtControlsAt(long position, ref PanControls point)
    {
        ref readonly var c = ref _controls;
        double x = c.X, y = c.Y, z = c.Z, width = c.Width, rotation = c.RotationDegrees, divergence = c.Divergence, lfe = c.LfeDb;
        bool height = c.Height;
        foreach (var f in _followed)
        {
            double value = f.Lane.RtValueAt(position);
            if (double.IsNaN(value)) continue;
            switch (f.Control)
            {
                case 0: x = Clamped(0, value); break;
                case 1: y = Clamped(1, value); break;
                case 2: z = Clamped(2, value); break;
                case 3: width = Clamped(3, value); break;
                case 4: rotation = Clamped(4, value); break;
                case 5: divergence = Clamped(5, value); break;
                case 6: lfe = Clamped(6, value); break;
                default: height = value >= 0.5; break;
            }
        }
        point = new PanControls(x, y, z, width, rotation, divergence, lfe, height, c.Law);
    }

    // Field by field with == (inlined, unlike the record's Equals): the controls are never NaN, and ±0 place a source alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(in PanControls a, in PanControls b) =>
        a.X == b.X && a.Y == b.Y && a.Z == b.Z && a.Width == b.Width && a.RotationDegrees == b.RotationDegrees
        && a.Divergence == b.Divergence && a.LfeDb == b.LfeDb && a.Height == b.Height && a.Law == b.Law;

    private static PanControls RtApply(PanControls c, int control, double v) => control switch
    {
        0 => c with { X = Clamped(0, v) },
        1 => c with { Y = Clamped(1, v) },
        2 => c with { Z = Clamped(2, v) },
        3 => c with { Width = Clamped(3, v) },
        4 => c with { RotationDegrees = Clamped(4, v) },
        5 => c with { Divergence = Clamped(5, v) },
        6 => c with { LfeDb = Clamped(6, v) },
        _ => c with { Height = v >= 0.5 },
    };

    // Value v of control 0 … 6 clamped to the control's range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Clamped(int control, double v) => control switch
    {
        0 or 1 => Math.Clamp(v, -1, 1),
        2 or 3 or 5 => Math.Clamp(v, 0, 1),
        4 => Math.Clamp(v, -180, 180),
        _ => Math.Clamp(v, double.NegativeInfinity, 12),
    };

    private readonly record struct FollowedLane(int Control, RtLaneCursor Lane);

    /// <summary>Sets X (−1 left … +1 right, clamped). Driver thread, between blocks.</summary>
    public void RtSetX(double x) => RtChange(0, x);

    /// <summary>Sets Y (−1 back … +1 front, clamped). Driver thread, between blocks.</summary>
    public void RtSetY(double y) => RtChange(1, y);

    /// <summary>Sets Z (0 ear level … 1 top, clamped). Driver thread, between blocks.</summary>
    public void RtSetZ(double z) => RtChange(2, z);

    /// <summary>Sets the stereo width (0 … 1, clamped). Driver thread, between blocks.</summary>
    public void RtSetWidth(double width) => RtChange(3, width);

    /// <summary>Sets the stereo rotation in degrees (−180 … +180, clamped). Driver thread, between blocks.</summary>
    public void RtSetRotation(double degrees) => RtChange(4, degrees);

    /// <summary>Sets the divergence (0 point … 1 room-sized, clamped). Driver thread, between blocks.</summary>
    public void RtSetDivergence(double divergence) => RtChange(5, divergence);

    /// <summary>Sets the LFE send in dB (−∞ … +12, clamped). Driver thread, between blocks.</summary>
    public void RtSetLfe(double decibels) => RtChange(6, decibels);

    /// <summary>Turns the height speakers on (value ≥ 0.5) or off. Driver thread, between blocks.</summary>
    public void RtSetHeight(double on) => RtChange(7, on);

    private void RtChange(int control, double value)
    {
        if (double.IsNaN(value)) return;
        var next = RtApply(_controls, control, value);
        if (next == _controls) return;
        _controls = next;
        Version++;
    }
}
