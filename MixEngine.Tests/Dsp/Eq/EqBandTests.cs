using MixEngine.Dsp.Eq;

namespace MixEngine.Tests.Dsp.Eq;

public class EqBandTests
{
    [Theory]
    [InlineData(5.0, 0.0, 1.0, 12, "strip.eq[2].frequency")]
    [InlineData(1000.0, 40.0, 1.0, 12, "strip.eq[2].gain")]
    [InlineData(1000.0, 0.0, 0.01, 12, "strip.eq[2].q")]
    [InlineData(1000.0, 0.0, double.NaN, 12, "strip.eq[2].q")]
    public void Validate_names_the_field_that_is_out_of_range(double hz, double gainDb, double q, int slope, string field)
    {
        var band = new EqBand(EqBandType.Bell, hz, gainDb, q, slope);
        var error = Assert.Throws<ArgumentException>(() => band.Validate("strip.eq[2]"));
        Assert.StartsWith(field + ":", error.Message);
    }

    [Fact]
    public void Validate_rejects_a_slope_that_is_not_offered()
    {
        var error = Assert.Throws<ArgumentException>(() => EqBand.HighPass(80, 30).Validate("eq[0]"));
        Assert.StartsWith("eq[0].slope:", error.Message);
        EqBand.HighPass(80, 48).Validate("eq[0]");
        EqBand.Bell(1000, 6, 1).Validate("eq[0]");
    }

    [Fact]
    public void Shelf_slope_one_is_the_butterworth_q_at_any_gain()
    {
        Assert.Equal(EqBand.ButterworthQ, EqBand.ShelfQFromSlope(12, 1.0), 12); // 1/Q = √2 when S = 1: exact up to rounding
        Assert.Equal(EqBand.ButterworthQ, EqBand.ShelfQFromSlope(-3, 1.0), 12);
        // S = 0.5 at +6 dB: A = 10^(6/40), 1/Q² = (A + 1/A)(2 − 1) + 2.
        double a = Math.Pow(10, 6.0 / 40);
        Assert.Equal(1 / Math.Sqrt(a + 1 / a + 2), EqBand.ShelfQFromSlope(6, 0.5), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => EqBand.ShelfQFromSlope(6, 1.5));
    }
}
