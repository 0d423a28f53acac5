using MixEngine.Session;

namespace MixEngine.Tests.Session;

public class FaderTaperTests
{
    [Theory]
    // Breakpoints of the documented law, exact by construction (tolerance 1e-12: one division and one product).
    [InlineData(1.0, 12.0)]
    [InlineData(FaderTaper.UnityPosition, 0.0)]
    [InlineData(0.5, -10.0)]
    [InlineData(0.3, -20.0)]
    [InlineData(0.15, -40.0)]
    [InlineData(0.05, -60.0)]
    [InlineData(0.025, -66.02059991327962)]
    public void Breakpoints_land_on_their_documented_gains(double position, double decibels)
    {
        Assert.Equal(decibels, FaderTaper.ToDecibels(position), 1e-12);
        Assert.Equal(position, FaderTaper.ToPosition(decibels), 1e-12);
    }

    [Fact]
    public void Bottom_is_minus_infinity_and_out_of_range_positions_clamp()
    {
        Assert.Equal(double.NegativeInfinity, FaderTaper.ToDecibels(0.0));
        Assert.Equal(0.0, FaderTaper.ToPosition(double.NegativeInfinity));
        Assert.Equal(12.0, FaderTaper.ToDecibels(1.0000001));
        Assert.Equal(double.NegativeInfinity, FaderTaper.ToDecibels(-0.5));
        Assert.Equal(1.0, FaderTaper.ToPosition(20.0));
        Assert.Throws<ArgumentException>(() => FaderTaper.ToDecibels(double.NaN));
    }

    [Fact]
    public void Unity_is_14_bit_value_0x3000_which_10_bit_motor_faders_can_hold()
    {
        Assert.Equal(0x3000, FaderTaper.ToMidi14(FaderTaper.UnityPosition));
        Assert.Equal(0, FaderTaper.UnityMidi14 % 16);
        Assert.Equal(0.0, FaderTaper.ToDecibels(FaderTaper.FromMidi14(FaderTaper.UnityMidi14)));
    }

    [Fact]
    public void Every_14_bit_fader_value_is_strictly_louder_than_the_one_below_and_maps_back_to_itself()
    {
        double previous = double.NegativeInfinity;
        for (int v = 1; v <= 16383; v++)
        {
            double db = FaderTaper.ToDecibels(FaderTaper.FromMidi14(v));
            Assert.True(db > previous, $"value {v}: {db} dB is not above {previous} dB");
            Assert.Equal(v, FaderTaper.ToMidi14(FaderTaper.ToPosition(db)));
            previous = db;
        }
    }

    [Fact]
    public void The_law_is_continuous_at_every_breakpoint()
    {
        foreach (double p in new[] { FaderTaper.UnityPosition, 0.5, 0.3, 0.15, 0.05 })
        {
            // 1e-9 of travel either side; the steepest segment (200 dB per unit) moves at most 2e-7 dB.
            Assert.Equal(FaderTaper.ToDecibels(p - 1e-9), FaderTaper.ToDecibels(p + 1e-9), 1e-6);
        }
    }
}
