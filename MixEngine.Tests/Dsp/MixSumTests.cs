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

    [Fact]
    public void A_gain_line_adds_start_plus_step_times_k_at_every_sample_bit_for_bit_for_any_length_and_offset()
    {
        var src = TestSignals.Noise(70, seed: 5);
        var acc = TestSignals.Noise(70, seed: 6);
        const double start = 0.61, step = -0.0013;
        foreach (int offset in new[] { 0, 3, 17, 255 })
            for (int n = 0; n <= 70; n++)
            {
                var d = acc[..n];
                MixSum.RtAccumulateLine(src.AsSpan(0, n), d, start, step, offset);
                for (int i = 0; i < n; i++)
                {
                    double product = src[i] * (start + step * (offset + i));
                    // exact bits: every lane (vector passes of 16 and of 4, scalar tail) takes k exactly and rounds
                    // step·k, the sum, the product and the accumulation separately
                    Assert.Equal(BitConverter.DoubleToInt64Bits(acc[i] + product), BitConverter.DoubleToInt64Bits(d[i]));
                }
            }
    }

    [Fact]
    public void A_pair_of_gain_lines_adds_the_bits_of_two_single_lines_for_any_length_and_offset()
    {
        var src = TestSignals.Noise(70, seed: 7);
        var acc0 = TestSignals.Noise(70, seed: 8);
        var acc1 = TestSignals.Noise(70, seed: 9);
        foreach (int offset in new[] { 0, 5, 250 })
            for (int n = 0; n <= 70; n++)
            {
                var expected0 = acc0[..n];
                var expected1 = acc1[..n];
                MixSum.RtAccumulateLine(src.AsSpan(0, n), expected0, 0.42, 0.0021, offset);
                MixSum.RtAccumulateLine(src.AsSpan(0, n), expected1, -0.3, 0.0, offset);
                var actual0 = acc0[..n];
                var actual1 = acc1[..n];
                MixSum.RtAccumulateLinePair(src.AsSpan(0, n), actual0, actual1, 0.42, 0.0021, -0.3, 0.0, offset);
                // exact bits: the pair must be the two lines summed one after the other, in every lane
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected0[i]), BitConverter.DoubleToInt64Bits(actual0[i]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected1[i]), BitConverter.DoubleToInt64Bits(actual1[i]));
                }
            }
    }
}
