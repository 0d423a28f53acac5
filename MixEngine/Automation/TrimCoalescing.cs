namespace MixEngine.Automation;

/// <summary>
/// Folds a trim curve into its main curve (automation.md 2.5 rule 12): the result has a point wherever either curve has
/// one (and one sample before every point, so steps stay steps), S-curve stretches sampled every
/// <see cref="SCurveSampling"/> samples, and each value is main + trim clamped to the parameter's range. Linear and step
/// segments fold exactly. Pure; control side.
/// </summary>
public static class TrimCoalescing
{
    /// <summary>Samples between points where an S-curve segment is folded.</summary>
    public const long SCurveSampling = 480;

    /// <summary>Returns the lane with its trim folded into the main curve and the trim curve empty.</summary>
    public static AutomationLane Coalesce(AutomationLane lane, double staticValue, double minimum, double maximum)
    {
        if (lane.Trim.IsEmpty) return lane;
        var positions = new SortedSet<long>();
        foreach (var curve in new[] { lane.Curve, lane.Trim })
        {
            var pts = curve.Points;
            for (int i = 0; i < pts.Count; i++)
            {
                positions.Add(pts[i].Position);
                if (pts[i].Position > 0) positions.Add(pts[i].Position - 1);
                if (pts[i].Shape == SegmentShape.SCurve && i + 1 < pts.Count)
                    for (long p = pts[i].Position + SCurveSampling; p < pts[i + 1].Position; p += SCurveSampling) positions.Add(p);
            }
        }
        var points = positions.Select(p =>
        {
            double v = lane.Curve.ValueAt(p, staticValue) + lane.Trim.ValueAt(p, 0.0);
            return new AutomationPoint(p, Math.Clamp(v, minimum, maximum));
        });
        return lane with { Curve = new AutomationCurve(points), Trim = AutomationCurve.Empty };
    }
}
