using MixEngine.Dsp;

namespace MixEngine.Automation;

/// <summary>
/// The breakpoints of one lane in strictly ascending position, and the value they give at any sample: before the first
/// point the first value, after the last point the last value, in between the segment shape's interpolation (see
/// <see cref="SegmentShape"/>). Immutable (edits return new curves), compared by value; any thread may read it.
/// </summary>
public sealed class AutomationCurve : IEquatable<AutomationCurve>
{
    private readonly AutomationPoint[] _points;

    /// <summary>A curve with no points (the lane plays its parameter's static value).</summary>
    public static readonly AutomationCurve Empty = new([]);

    /// <summary>Creates a curve; throws <see cref="ArgumentException"/> naming the first point out of ascending order.</summary>
    public AutomationCurve(IEnumerable<AutomationPoint> points) : this(points.ToArray())
    {
    }

    // Takes `points` as the curve's own array (the caller keeps no reference to it).
    private AutomationCurve(AutomationPoint[] points)
    {
        _points = points;
        for (int i = 1; i < _points.Length; i++)
            if (_points[i].Position <= _points[i - 1].Position)
                throw new ArgumentException(
                    $"automation point {i} at sample {_points[i].Position} is not after point {i - 1} at sample {_points[i - 1].Position}; points must be in strictly ascending position",
                    nameof(points));
    }

    /// <summary>
    /// A curve that takes <paramref name="points"/> as its own array, without a copy (a reader that built the array for
    /// it and keeps no reference); throws as the public constructor does.
    /// </summary>
    internal static AutomationCurve Adopt(AutomationPoint[] points) => new(points);

    /// <summary>The breakpoints in ascending position.</summary>
    public IReadOnlyList<AutomationPoint> Points => _points;

    /// <summary>The breakpoints as the curve's own array, for a reader inside the engine that only reads it (a lane cursor shares it instead of copying it).</summary>
    internal AutomationPoint[] PointArray => _points;

    /// <summary>True when the curve has no points.</summary>
    public bool IsEmpty => _points.Length == 0;

    /// <summary>The value at timeline sample <paramref name="position"/>; <paramref name="fallback"/> when the curve is empty.</summary>
    public double ValueAt(long position, double fallback = 0.0)
    {
        if (_points.Length == 0) return fallback;
        int i = SegmentIndex(_points, position);
        if (i < 0) return _points[0].Value;
        if (i == _points.Length - 1) return _points[i].Value;
        return Interpolate(_points[i], _points[i + 1], position);
    }

    /// <summary>
    /// Index of the last point at or before <paramref name="position"/>, or −1 when the position is before the first
    /// point (binary search; no allocation, so Rt code may call it).
    /// </summary>
    public static int SegmentIndex(ReadOnlySpan<AutomationPoint> points, long position)
    {
        int lo = 0, hi = points.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (points[mid].Position <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>
    /// The value between <paramref name="a"/> and <paramref name="b"/> at <paramref name="position"/>
    /// (a.Position ≤ position &lt; b.Position), following a's shape. Pure; Rt-safe.
    /// </summary>
    public static double Interpolate(in AutomationPoint a, in AutomationPoint b, long position)
    {
        if (a.Shape == SegmentShape.Step || position <= a.Position) return a.Value;
        double t = (double)(position - a.Position) / (b.Position - a.Position);
        if (a.Shape == SegmentShape.SCurve) t = 0.5 * (1.0 - Math.Cos(Math.PI * t));
        if (double.IsNegativeInfinity(a.Value) || double.IsNegativeInfinity(b.Value))
        {
            double ga = Decibels.ToGain(a.Value), gb = Decibels.ToGain(b.Value);
            return Decibels.FromGain(ga + (gb - ga) * t);
        }
        return a.Value + (b.Value - a.Value) * t;
    }

    /// <inheritdoc />
    public bool Equals(AutomationCurve? other) => other is not null && _points.AsSpan().SequenceEqual(other._points);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AutomationCurve);

    /// <inheritdoc />
    public override int GetHashCode() => _points.Length == 0 ? 0 : HashCode.Combine(_points.Length, _points[0], _points[^1]);
}
