using MixEngine.Automation;
using MixEngine.Dsp;

namespace MixEngine.Tests.Automation;

public class AutomationCurveTests
{
    [Fact]
    public void A_linear_level_segment_is_linear_in_decibels()
    {
        var curve = new AutomationCurve([new(1000, -20), new(2000, 0)]);
        for (long p = 1000; p <= 2000; p += 50)
            Assert.Equal(-20.0 + 20.0 * (p - 1000) / 1000.0, curve.ValueAt(p), 12); // 1e-12 dB: one rounding of the interpolation
    }

    [Fact]
    public void A_segment_ending_at_minus_infinity_is_linear_in_amplitude()
    {
        var curve = new AutomationCurve([new(0, 0), new(100, double.NegativeInfinity)]);
        Assert.Equal(0.5, Decibels.ToGain(curve.ValueAt(50)), 12); // half way in amplitude; 1e-12 for the dB round trip
        Assert.Equal(double.NegativeInfinity, curve.ValueAt(100));
    }

    [Fact]
    public void A_step_segment_holds_its_start_value_until_the_next_point()
    {
        var curve = new AutomationCurve([new(10, 0, SegmentShape.Step), new(20, 1, SegmentShape.Step)]);
        Assert.Equal(0.0, curve.ValueAt(19));
        Assert.Equal(1.0, curve.ValueAt(20));
    }

    [Fact]
    public void An_s_curve_segment_follows_the_raised_cosine()
    {
        var curve = new AutomationCurve([new(0, 0, SegmentShape.SCurve), new(1000, 1)]);
        Assert.Equal(0.5, curve.ValueAt(500), 15);
        Assert.Equal(0.5 * (1 - Math.Cos(Math.PI * 0.25)), curve.ValueAt(250), 15); // exact formula, 1e-15 rounding
    }

    [Fact]
    public void Before_the_first_point_and_after_the_last_the_curve_holds_their_values()
    {
        var curve = new AutomationCurve([new(100, -3), new(200, -9)]);
        Assert.Equal(-3.0, curve.ValueAt(0));
        Assert.Equal(-9.0, curve.ValueAt(10_000));
        Assert.Equal(7.0, AutomationCurve.Empty.ValueAt(5, fallback: 7.0));
    }

    [Fact]
    public void Points_out_of_order_are_refused_naming_the_point()
    {
        var e = Assert.Throws<ArgumentException>(() => new AutomationCurve([new(100, 0), new(100, 1)]));
        Assert.Contains("point 1 at sample 100", e.Message);
    }

    [Fact]
    public void Curves_with_the_same_points_are_equal()
    {
        Assert.Equal(new AutomationCurve([new(1, 2)]), new AutomationCurve([new(1, 2)]));
        Assert.NotEqual(new AutomationCurve([new(1, 2)]), new AutomationCurve([new(1, 2, SegmentShape.Step)]));
    }
}
