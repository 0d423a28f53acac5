namespace MixEngine.Automation;

public sealed partial class RtLaneCursor
{
    /// <summary>
    /// Fills <paramref name="values"/> with <see cref="RtValueAt"/> of <paramref name="position"/>,
    /// <paramref name="position"/> + <paramref name="step"/>, … (the update points of a block): the same bits as the
    /// reads one by one; a lane with a main curve only and no live override reads its cached segment point after point
    /// without the per-read checks. The thread that plays the lane.
    /// </summary>
    public void RtValuesAt(long position, int step, Span<double> values)
    {
        ref var read = ref _read;
        if (read.HasTrim || !read.HasMain || read.Hold != LiveHold.Lane)
        {
            for (int i = 0; i < values.Length; i++) values[i] = RtValueAt(position + (long)i * step);
            return;
        }
        const double trim = 0.0; // main + 0 as RtValueAt adds it (a −0 main reads +0)
        for (int i = 0; i < values.Length; i++)
        {
            long p = position + (long)i * step;
            double main = p >= read.From && p < read.To
                ? read.Flat ? read.Start.Value : AutomationCurve.Interpolate(read.Start, read.End, p)
                : RtTakeSegment(p);
            double v = main + trim;
            values[i] = v < read.Minimum ? read.Minimum : v > read.Maximum ? read.Maximum : v;
        }
    }
}
