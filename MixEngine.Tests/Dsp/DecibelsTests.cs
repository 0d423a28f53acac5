using MixEngine.Dsp;

namespace MixEngine.Tests.Dsp;

public class DecibelsTests
{
    [Fact]
    public void Zero_dB_is_exactly_unity_and_minus_infinity_is_exactly_zero()
    {
        // Exact comparisons: unity must be bit-transparent and −∞ must be true silence.
        Assert.Equal(1.0, Decibels.ToGain(0.0));
        Assert.Equal(0.0, Decibels.ToGain(double.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, Decibels.FromGain(0.0));
    }

    [Theory]
    [InlineData(-6.0, 0.501187233627272)]
    [InlineData(-20.0, 0.1)]
    [InlineData(12.0, 3.981071705534972)]
    public void Gain_follows_ten_to_the_dB_over_twenty(double db, double expected)
    {
        // 1e-14 relative: double rounding of Math.Pow, far below any audible or 24-bit difference.
        Assert.Equal(expected, Decibels.ToGain(db), expected * 1e-14);
    }

    [Fact]
    public void Decibels_of_a_gain_round_trip_and_ignore_sign()
    {
        // 1e-12 dB: two transcendental round trips in double precision.
        Assert.Equal(-3.5, Decibels.FromGain(Decibels.ToGain(-3.5)), 1e-12);
        Assert.Equal(-3.5, Decibels.FromGain(-Decibels.ToGain(-3.5)), 1e-12);
    }
}
