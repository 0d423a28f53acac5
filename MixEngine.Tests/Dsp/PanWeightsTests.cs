using System.Numerics;
using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Tests.Dsp;

/// <summary>The box panner's axis weights by polynomial against cos(πt/2) and sin(πt/2) computed exactly (fixed point, 2⁻¹²⁵).</summary>
public class PanWeightsTests
{
    private const int Bits = 125;
    // ⌊π·2¹²⁵⌋ (the digits of π).
    private static readonly BigInteger Pi = BigInteger.Parse("133628573008120843482460046645233847912");
    private static readonly BigInteger One = BigInteger.One << Bits;

    // The documented bound: the rounding of the Horner evaluation (the omitted series terms are below 2.1e-18).
    private const double Bound = 2e-16;

    /// <summary>Positions on a 1/4096 grid, seeded random ones and ones next to 0, ½ and 1.</summary>
    private static IEnumerable<double> Positions()
    {
        for (int j = 0; j <= 4096; j++) yield return j / 4096.0;
        var random = new Random(42);
        for (int j = 0; j < 20_000; j++) yield return random.NextDouble();
        foreach (double edge in new[] { 0.0, 0.5, 1.0 })
        {
            double below = edge, above = edge;
            for (int j = 0; j < 40; j++)
            {
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
                if (below >= 0) yield return below;
                if (above <= 1) yield return above;
            }
        }
    }

    [Fact]
    public void The_weights_are_within_the_documented_bound_of_the_exact_cosine_and_sine_everywhere_from_0_to_1()
    {
        double worst = 0;
        foreach (double t in Positions())
        {
            var (cos, sin) = PanWeights.At(t);
            var (exactCos, exactSin) = Exact(t);
            double error = Math.Max(Math.Abs(Error(cos, exactCos)), Math.Abs(Error(sin, exactSin)));
            Assert.True(error <= Bound, $"t = {t:R}: cos {cos:R}, sin {sin:R}, error {error:E3}");
            worst = Math.Max(worst, error);
        }
        Assert.True(worst > 0); // the comparison sees the rounding, so it is not comparing a value with itself
    }

    [Fact]
    public void The_weights_are_exact_at_the_ends_and_mirror_each_other_about_one_half()
    {
        Assert.Equal((1.0, 0.0), PanWeights.At(0.0)); // exact: a source on a speaker feeds it alone
        Assert.Equal((0.0, 1.0), PanWeights.At(1.0));
        var random = new Random(7);
        for (int j = 0; j < 10_000; j++)
        {
            double t = 0.5 + 0.5 * random.NextDouble(), mirrored = 1.0 - t; // exact for t ≥ ½
            var (cos, sin) = PanWeights.At(t);
            Assert.Equal((sin, cos), PanWeights.At(mirrored)); // exact: the same polynomial of the same u
        }
    }

    [Fact]
    public void A_mono_source_panned_into_stereo_feeds_left_and_right_the_exact_cosine_and_sine_of_its_position_within_the_bound()
    {
        var gains = new double[2];
        var random = new Random(11);
        for (int j = 0; j < 5_000; j++)
        {
            double x = 2 * random.NextDouble() - 1;
            BoxPanner.PointGains(ChannelLayout.Stereo, x, 1, 0, gains);
            var (exactCos, exactSin) = Exact((x - -1.0) / (1.0 - -1.0)); // the panner's position between L (−1) and R (+1)
            Assert.True(Math.Abs(Error(gains[0], exactCos)) <= Bound, $"x = {x:R}: L {gains[0]:R}");
            Assert.True(Math.Abs(Error(gains[1], exactSin)) <= Bound, $"x = {x:R}: R {gains[1]:R}");
        }
    }

    // cos(πt/2) and sin(πt/2) in fixed point (Taylor series until the terms vanish: error about 2⁻¹²⁰).
    private static (BigInteger Cos, BigInteger Sin) Exact(double t)
    {
        BigInteger x = Fixed(t) * Pi >> (Bits + 1);
        BigInteger x2 = x * x >> Bits;
        BigInteger sin = x, cos = One, term = x;
        for (int n = 1; term != 0; n++)
        {
            term = -(term * x2 >> Bits) / ((2 * n) * (2 * n + 1));
            sin += term;
        }
        term = One;
        for (int n = 1; term != 0; n++)
        {
            term = -(term * x2 >> Bits) / ((2 * n - 1) * (2 * n));
            cos += term;
        }
        return (cos, sin);
    }

    // A double in [0, 1] as a fixed-point number of 2⁻¹²⁵ (exact down to 2⁻¹²⁵).
    private static BigInteger Fixed(double v)
    {
        if (v == 0) return BigInteger.Zero;
        long bits = BitConverter.DoubleToInt64Bits(v);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (exponent == 0) exponent = 1;
        else mantissa |= 1L << 52;
        int shift = exponent - 1075 + Bits; // v = mantissa · 2^(exponent − 1075)
        return shift >= 0 ? new BigInteger(mantissa) << shift : new BigInteger(mantissa) >> -shift;
    }

    private static double Error(double value, BigInteger exact) => (double)(Fixed(value) - exact) / Math.ScaleB(1.0, Bits);
}
