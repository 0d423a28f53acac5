using MixEngine.Dsp;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp;

public class MixSumTests
{
    [Fact]
    public void Vector_accumulation_matches_scalar_multiply_then_add_bit_for_bit()
    {
        var src = TestSignals.Noise(45, seed: 1);
        var acc = TestSignals.Noise(45, seed: 2);
        var gains = TestSignals.Noise(45, seed: 4);
        for (int n = 0; n <= 45; n++)
        {
            var d1 = acc[..n];
            var d2 = acc[..n];
            MixSum.RtAccumulate(src.AsSpan(0, n), d1, 0.3);
            MixSum.RtAccumulate(src.AsSpan(0, n), d2, gains.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                double p1 = src[i] * 0.3, p2 = src[i] * gains[i];
                // exact bits: no fused multiply-add, so each lane rounds the product before adding
                Assert.Equal(BitConverter.DoubleToInt64Bits(acc[i] + p1), BitConverter.DoubleToInt64Bits(d1[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(acc[i] + p2), BitConverter.DoubleToInt64Bits(d2[i]));
            }
        }
    }

    [Fact]
    public void Scaling_onto_zero_gives_the_bits_of_accumulating_into_a_cleared_buffer_signed_zeros_included()
    {
        var src = TestSignals.Noise(45, seed: 3);
        src[1] = -0.0;
        src[6] = 0.0;
        src[9] = double.NaN;
        foreach (double gain in new[] { 0.7, 1.0, 0.0, -0.5, double.PositiveInfinity })
            for (int n = 0; n <= 45; n++)
            {
                var expected = new double[n];
                MixSum.RtAccumulate(src.AsSpan(0, n), expected, gain);
                var actual = src[..n];
                MixSum.RtScaleOntoZero(actual, gain);
                // exact bits: the vector and scalar loops must turn a product of −0 into +0 as 0 + product does
                for (int i = 0; i < n; i++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
            }
    }
}
