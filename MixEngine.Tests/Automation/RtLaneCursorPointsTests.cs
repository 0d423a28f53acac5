using MixEngine.Automation;
using MixEngine.Graph;

namespace MixEngine.Tests.Automation;

/// <summary>A lane read at a block's update points in one call (<see cref="RtLaneCursor.RtValuesAt"/>), against the reads one by one.</summary>
public class RtLaneCursorPointsTests
{
    private const int I = AutomationPlayback.Interval;

    // Every shape, a clamp at both ends, and a flat −0 before the first point (read as main + 0, so +0).
    private static readonly AutomationCurve Main = new([
        new(1_000, -0.0), new(2_000, 0.7, SegmentShape.SCurve), new(4_500, -1.6, SegmentShape.Step), new(5_200, 0.2),
        new(7_000, 1.4), new(7_300, -0.25), new(9_000, 0.5)]);

    private static RtLaneCursor Cursor(AutomationCurve? trim = null) =>
        new(new AutomationLane("track/a/pan/x", Main, trim ?? AutomationCurve.Empty), -1, 1);

    // Blocks as a render plays them: forward from before the first point to past the last, then a jump back and one ahead.
    private static IEnumerable<(long First, int Count)> Blocks()
    {
        for (long p = -3 * I; p < 10_000; p += 3 * I) yield return (p, 4);
        yield return (2 * I, 5);
        yield return (28 * I, 3);
        yield return (I, 1);
    }

    private static void AssertSameBits(RtLaneCursor batched, RtLaneCursor single, long first, int count)
    {
        Span<double> values = stackalloc double[count];
        batched.RtValuesAt(first, I, values);
        for (int k = 0; k < count; k++)
        {
            long p = first + (long)k * I;
            double expected = single.RtValueAt(p);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(values[k]),
                $"point {p}: {values[k]:R} vs {expected:R}"); // exact, sign of zero included: the same arithmetic
        }
    }

    [Fact]
    public void The_values_at_a_blocks_update_points_are_the_bits_of_the_reads_one_by_one()
    {
        var batched = Cursor();
        var single = Cursor();
        foreach (var (first, count) in Blocks()) AssertSameBits(batched, single, first, count);
        Span<double> before = stackalloc double[1];
        batched.RtValuesAt(0, I, before);
        Assert.True(BitConverter.DoubleToInt64Bits(before[0]) == 0, $"the flat −0 before the first point reads +0, got {before[0]:R}");
    }

    [Fact]
    public void A_lane_with_trim_or_a_live_value_reads_its_update_points_as_the_reads_one_by_one()
    {
        var trim = new AutomationCurve([new(500, -0.3), new(6_000, 0.4)]);
        var batched = Cursor(trim);
        var single = Cursor(trim);
        foreach (var (first, count) in Blocks()) AssertSameBits(batched, single, first, count);

        var taken = Cursor();
        var takenSingle = Cursor();
        AssertSameBits(taken, takenSingle, 0, 4);
        taken.RtTake(4 * I + 10, -0.6, trim: false, touched: true);
        takenSingle.RtTake(4 * I + 10, -0.6, trim: false, touched: true);
        AssertSameBits(taken, takenSingle, 4 * I, 4); // the live value, reached over its ramp, not the curve
        taken.RtRelease(8 * I, 600);
        takenSingle.RtRelease(8 * I, 600);
        AssertSameBits(taken, takenSingle, 8 * I, 6); // the glide back, then the curve
    }
}
