namespace MixEngine.Automation;

/// <summary>
/// The one edit every write uses: replace a curve on an inclusive sample range by new points and join the old curve on
/// both sides, so nothing outside the range changes (automation.md 2.5 rule 8): every old point before and after the
/// range is kept bit for bit; where the new value at the range start differs from the old, a guard point one sample
/// before holds the old value; where the new value at the range end differs from the old, a guard point one sample after
/// takes the old curve back (a cut old segment keeps its shape and end values; for linear segments its values are equal
/// up to rounding). Pure; control side.
/// </summary>
public static class CurveEdit
{
    /// <summary>
    /// Returns <paramref name="curve"/> with [<paramref name="from"/>, <paramref name="to"/>] replaced by
    /// <paramref name="inside"/> (ascending positions within the range; the last value is held to <paramref name="to"/>).
    /// <paramref name="fallback"/> is the value of an empty curve (the parameter's static value, or 0 dB for trim). With
    /// <paramref name="holdAfter"/> no guard is placed after the range: the last new value runs to the next old point.
    /// </summary>
    public static AutomationCurve Replace(AutomationCurve curve, long from, long to, IReadOnlyList<AutomationPoint> inside,
        double fallback, bool holdAfter = false)
    {
        if (inside.Count == 0 || to < from) return curve;
        var old = curve.Points;
        var result = new List<AutomationPoint>(old.Count + inside.Count + 3);
        foreach (var p in old)
            if (p.Position < from) result.Add(p);
        var first = inside.First(p => p.Position >= from);
        if (from > 0 && first.Value != curve.ValueAt(from, fallback) && (result.Count == 0 || result[^1].Position < from - 1))
            result.Add(new AutomationPoint(from - 1, curve.ValueAt(from - 1, fallback), SegmentShape.Step));
        foreach (var p in inside)
            if (p.Position >= from && p.Position <= to && (result.Count == 0 || p.Position > result[^1].Position)) result.Add(p);
        if (result[^1].Position < to) result.Add(result[^1] with { Position = to });
        bool guard = !holdAfter && !old.Any(p => p.Position == to + 1) && result[^1].Value != curve.ValueAt(to, fallback);
        if (guard) result.Add(new AutomationPoint(to + 1, curve.ValueAt(to + 1, fallback), ShapeAt(old, to + 1)));
        foreach (var p in old)
            if (p.Position > result[^1].Position && p.Position > to) result.Add(p);
        return new AutomationCurve(result);
    }

    /// <summary>The shape of the old segment covering <paramref name="position"/> (the first point's shape before it).</summary>
    private static SegmentShape ShapeAt(IReadOnlyList<AutomationPoint> points, long position)
    {
        var shape = points.Count > 0 ? points[0].Shape : SegmentShape.Linear;
        foreach (var p in points)
        {
            if (p.Position > position) break;
            shape = p.Shape;
        }
        return shape;
    }
}
