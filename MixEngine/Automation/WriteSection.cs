namespace MixEngine.Automation;

/// <summary>
/// One stretch a control wrote without interruption during a pass: the points written so far and, once closed, the
/// inclusive range it replaces on the lane (its punch-in to its punch-out plus the glide or guard that joins the old
/// curve). Control side, owned by one <see cref="ParameterPass"/>.
/// </summary>
internal sealed class WriteSection(long start)
{
    /// <summary>Punch-in position.</summary>
    public long Start { get; } = start;

    /// <summary>The written points, ascending.</summary>
    public List<AutomationPoint> Points { get; } = [];

    /// <summary>Last sample the section replaces (set when closed).</summary>
    public long End { get; private set; } = long.MaxValue;

    /// <summary>True once closed.</summary>
    public bool Closed => End != long.MaxValue;

    /// <summary>Adds a point, replacing the value of a point already at that position.</summary>
    public void Add(long position, double value, SegmentShape shape)
    {
        if (Points.Count > 0 && Points[^1].Position >= position) Points[^1] = Points[^1] with { Value = value };
        else Points.Add(new AutomationPoint(position, value, shape));
    }

    /// <summary>Closes the section at <paramref name="end"/> (inclusive).</summary>
    public void Close(long end) => End = end;

    /// <summary>The section's own value at <paramref name="position"/> (inside its range).</summary>
    public double ValueAt(long position) => new AutomationCurve(Points).ValueAt(position);
}
