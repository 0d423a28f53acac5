namespace MixEngine.Automation;

/// <summary>
/// Edits over a range made outside a pass (automation.md 2.5 rule 10): glide to a value, write a value (snapshot
/// Write-to-Current) and trim by an offset (Trim-to-Current). Each returns the new curve; the recorder applies it as one
/// undo step (<see cref="AutomationRecorder.Apply"/>). Pure; control side.
/// </summary>
public static class AutomationEdits
{
    /// <summary>
    /// Glide: a point at <paramref name="from"/> with the curve's value there, a straight line to <paramref name="value"/>
    /// at <paramref name="to"/>, and that value held up to the next existing breakpoint (or to the end when there is none).
    /// </summary>
    public static AutomationCurve GlideTo(AutomationCurve curve, long from, long to, double value, double fallback)
    {
        Check(from, to);
        return CurveEdit.Replace(curve, from, to,
            [new AutomationPoint(from, curve.ValueAt(from, fallback)), new AutomationPoint(to, value, SegmentShape.Step)], fallback, holdAfter: true);
    }

    /// <summary>Write to Current: <paramref name="value"/> over [<paramref name="from"/>, <paramref name="to"/>]; outside the range nothing changes.</summary>
    public static AutomationCurve WriteValue(AutomationCurve curve, long from, long to, double value, double fallback, bool isSwitch = false)
    {
        Check(from, to);
        var shape = isSwitch ? SegmentShape.Step : SegmentShape.Linear;
        return CurveEdit.Replace(curve, from, to, [new AutomationPoint(from, value, shape), new AutomationPoint(to, value, shape)], fallback);
    }

    /// <summary>
    /// Trim to Current: adds <paramref name="offset"/> (dB) to the curve over [<paramref name="from"/>, <paramref name="to"/>]:
    /// every point inside moves by the offset, with points at both ends so the offset starts and stops exactly there.
    /// </summary>
    public static AutomationCurve TrimRange(AutomationCurve curve, long from, long to, double offset, double fallback)
    {
        Check(from, to);
        var inside = new List<AutomationPoint> { new(from, curve.ValueAt(from, fallback) + offset, ShapeAt(curve, from)) };
        foreach (var p in curve.Points)
            if (p.Position > from && p.Position < to) inside.Add(p with { Value = p.Value + offset });
        if (to > from) inside.Add(new AutomationPoint(to, curve.ValueAt(to, fallback) + offset, ShapeAt(curve, to)));
        return CurveEdit.Replace(curve, from, to, inside, fallback);
    }

    private static SegmentShape ShapeAt(AutomationCurve curve, long position)
    {
        int k = AutomationCurve.SegmentIndex(curve.Points.ToArray(), position);
        return k < 0 ? SegmentShape.Linear : curve.Points[k].Shape;
    }

    private static void Check(long from, long to)
    {
        if (from < 0 || to < from)
            throw new ArgumentException($"range {from}…{to} is invalid; expected 0 ≤ start ≤ end (timeline samples)");
    }
}
