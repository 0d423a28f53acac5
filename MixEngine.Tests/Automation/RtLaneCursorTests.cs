using MixEngine.Automation;

namespace MixEngine.Tests.Automation;

public class RtLaneCursorTests
{
    private static RtLaneCursor Ramp(AutomationCurve? trim = null) =>
        new(new AutomationLane("track/a/fader", new AutomationCurve([new(0, -20), new(10_000, 0)]), trim ?? AutomationCurve.Empty), double.NegativeInfinity, 12);

    [Fact]
    public void Values_read_forward_backward_and_across_jumps_are_the_curves_values_bit_for_bit()
    {
        // Every shape, a −∞ end and a clamp: the cursor keeps the segment it found last and must give the value
        // AutomationCurve.ValueAt computes (plus trim, clamped) wherever the next read lands.
        var main = new AutomationCurve([
            new(1_000, -12), new(3_000, 6, SegmentShape.SCurve), new(5_000, -3, SegmentShape.Step), new(7_000, 20),
            new(9_000, double.NegativeInfinity), new(11_000, -6)]);
        var trim = new AutomationCurve([new(2_000, 0), new(8_000, 4)]);
        var cursor = new RtLaneCursor(new AutomationLane("track/a/fader", main, trim), double.NegativeInfinity, 12);
        var random = new Random(11);
        long[] positions = [.. Enumerable.Range(-10, 140).Select(i => i * 100L), 0, 999, 1_000, 1_001, 2_999, 3_000, 11_000, 12_345,
            .. Enumerable.Range(0, 400).Select(_ => (long)random.Next(-500, 12_500)), 5_000, 4_999, long.MaxValue, long.MinValue, 7_000];
        foreach (long p in positions)
        {
            double v = main.ValueAt(p) + trim.ValueAt(p);
            double expected = v < double.NegativeInfinity ? double.NegativeInfinity : v > 12 ? 12 : v;
            Assert.Equal(expected, cursor.RtValueAt(p)); // exact: the same arithmetic on the same points
        }
    }

    [Fact]
    public void A_taken_lane_plays_the_live_value_after_a_64_sample_ramp_from_the_curve()
    {
        var cursor = Ramp();
        Assert.Equal(-20.0 + 20.0 * 999 / 10_000, cursor.RtValueAt(999), 12); // before the take: the curve (1e-12: interpolation)
        cursor.RtTake(1_000, -6, trim: false, touched: true);
        Assert.Equal(-6.0, cursor.RtValueAt(1_000 + RtLaneCursor.SwitchRampSamples - 1)); // exact: the ramp's last sample reaches the value
        Assert.Equal(-6.0, cursor.RtValueAt(5_000)); // exact: the curve (−10 there) is not heard
        double mid = cursor.RtValueAt(1_031);
        Assert.True(mid is > -18.0 and < -6.0, $"ramp sample {mid} lies between the curve and the live value");
    }

    [Fact]
    public void A_touch_release_glides_from_the_live_value_to_the_curve_over_the_glide_time()
    {
        var cursor = Ramp();
        cursor.RtTake(1_000, -3, trim: false, touched: true);
        Assert.Equal(-3.0, cursor.RtValueAt(4_999)); // exact: live
        cursor.RtRelease(5_000, 2_000);
        Assert.Equal(-3.0, cursor.RtValueAt(5_000)); // exact: the glide starts at the live value
        double target = -20.0 + 20.0 * 7_000 / 10_000;
        Assert.Equal(-3.0 + (target - -3.0) * 0.5, cursor.RtValueAt(6_000), 12); // a straight line to the curve's value at release + glide (1e-12: interpolation)
        Assert.True(cursor.RtOverridden);
        Assert.Equal(target, cursor.RtValueAt(7_000), 12); // back on the curve (1e-12: interpolation)
        Assert.False(cursor.RtOverridden);
    }

    [Fact]
    public void A_trim_take_replaces_the_trim_curve_and_keeps_the_main_curve()
    {
        var cursor = Ramp(new AutomationCurve([new(0, 3), new(10_000, 3)]));
        cursor.RtTake(0, -2, trim: true, touched: true);
        Assert.Equal(-10.0 + -2.0, cursor.RtValueAt(5_000), 12); // main −10 plus the live offset (1e-12: interpolation)
    }

    [Fact]
    public void A_released_switch_holds_its_live_state_until_the_lanes_next_breakpoint()
    {
        var mute = new RtLaneCursor(new AutomationLane("track/a/mute", new AutomationCurve([new(0, 0, SegmentShape.Step), new(8_000, 0, SegmentShape.Step)]), AutomationCurve.Empty), 0, 1, isSwitch: true);
        mute.RtTake(1_000, 1, trim: false, touched: false);
        mute.RtRelease(1_000, 0);
        Assert.Equal(1.0, mute.RtValueAt(7_999)); // exact: held
        Assert.Equal(0.0, mute.RtValueAt(8_000)); // exact: the lane again from its next breakpoint
        var gains = new double[2];
        mute.RtFillSwitchGain(8_000, gains);
        Assert.Equal(1.0 / RtLaneCursor.SwitchRampSamples, gains[0], 12); // fades back in from the held mute (1e-12: ramp arithmetic)
    }

    [Fact]
    public void A_value_only_deadline_keeps_the_time_it_had_left_across_a_loop_wrap()
    {
        var cursor = Ramp();
        cursor.RtTake(4_000, -6, trim: false, touched: false);
        cursor.RtReleaseAt(4_500, 100);
        cursor.RtJump(4_200, 1_000);
        Assert.Equal(-6.0, cursor.RtValueAt(1_299)); // exact: 300 samples were left before the deadline
        Assert.True(cursor.RtOverridden);
        Assert.Equal(-6.0, cursor.RtValueAt(1_300)); // exact: the glide starts at the deadline from the live value
        Assert.Equal(-20.0 + 20 * 1_400 / 10_000.0, cursor.RtValueAt(1_400), 12); // the glide of 100 samples ends on the curve (1e-12)
    }
}
