namespace MixEngine.Automation;

/// <summary>
/// Removes written points that the curve does not need (automation.md 2.5 rule 13): walking forward from the first
/// point, a point is dropped when the straight line from the last kept point to the point after it stays within the
/// tolerance at the dropped point and at every point dropped since the last kept one. The first and last points, step
/// points, points at or next to −∞ and every value change of a step run are always kept. Deterministic (same input,
/// same output), so renders of a thinned pass are reproducible. Pure; control side.
/// </summary>
public static class Thinning
{
    /// <summary>Returns the thinned points of <paramref name="points"/> with tolerance <paramref name="tolerance"/> (in the parameter's unit).</summary>
    public static List<AutomationPoint> Thin(IReadOnlyList<AutomationPoint> points, double tolerance)
    {
        var kept = new List<AutomationPoint>(points.Count);
        if (points.Count <= 2)
        {
            kept.AddRange(points);
            return kept;
        }
        kept.Add(points[0]);
        int dropFrom = -1;
        for (int i = 1; i < points.Count - 1; i++)
        {
            var anchor = kept[^1];
            var p = points[i];
            var next = points[i + 1];
            bool removable = anchor.Shape == SegmentShape.Linear && p.Shape == SegmentShape.Linear
                ? Fits(anchor, next, points, dropFrom < 0 ? i : dropFrom, i, tolerance)
                : anchor.Shape == SegmentShape.Step && p.Shape == SegmentShape.Step && p.Value == anchor.Value;
            if (removable)
            {
                if (dropFrom < 0) dropFrom = i;
                continue;
            }
            kept.Add(p);
            dropFrom = -1;
        }
        kept.Add(points[^1]);
        return kept;
    }

    private static bool Fits(AutomationPoint anchor, AutomationPoint next, IReadOnlyList<AutomationPoint> points, int first, int last, double tolerance)
    {
        if (!double.IsFinite(anchor.Value) || !double.IsFinite(next.Value)) return false;
        for (int k = first; k <= last; k++)
        {
            var q = points[k];
            if (!double.IsFinite(q.Value)) return false;
            double t = (double)(q.Position - anchor.Position) / (next.Position - anchor.Position);
            double line = anchor.Value + (next.Value - anchor.Value) * t;
            if (Math.Abs(line - q.Value) > tolerance) return false;
        }
        return true;
    }
}
