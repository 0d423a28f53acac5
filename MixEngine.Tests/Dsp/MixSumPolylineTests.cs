using MixEngine.Dsp;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp;

/// <summary>Gain polylines (a followed pan's gains between update points) summed over whole blocks, at every vector width.</summary>
public class MixSumPolylineTests
{
    private const int Stride = 3;

    // Point gains with moving, held, silent and sign-changing pieces; the second line is the first shifted by five
    // points, so a pair meets every mix of sounding, held and silent pieces.
    private static readonly double[] Pattern = [0.61, 0.2, 0.2, 0.0, 0.0, -0.4, 0.9, 0.9, 0.0, 0.35, 0.7, 0.0];

    private static readonly int[] Widths = [1, 4, 8];

    // (interval, offset, length) cases: tiny pieces to cross many boundaries, pieces of every tail size, the pan's 256.
    private static IEnumerable<(int Interval, int Offset, int Length)> Cases()
    {
        foreach (int interval in new[] { 1, 7, 16, 37 })
            foreach (int offset in new[] { 0, 1, interval / 2, interval - 1 }.Where(o => o < interval).Distinct())
                for (int n = 0; n <= 90; n++)
                    yield return (interval, offset, n);
        foreach (int offset in new[] { 0, 3, 128, 255 })
            foreach (int n in new[] { 128, 253, 256, 600, 1024 })
                yield return (256, offset, n);
    }

    // Points interleaved as a panner writes them: point p's gain of line `line` at p × Stride + line.
    private static double[] Points(int interval, int offset, int length)
    {
        int count = (offset + length) / interval + 2;
        var points = new double[count * Stride];
        for (int p = 0; p < count; p++)
        {
            points[p * Stride] = Pattern[p % Pattern.Length];
            points[p * Stride + 1] = Pattern[(p + 5) % Pattern.Length];
            points[p * Stride + 2] = double.NaN; // never read
        }
        return points;
    }

    [Fact]
    public void A_polyline_adds_start_plus_step_times_k_in_moving_pieces_the_held_gain_in_held_ones_and_nothing_in_silent_ones_at_every_width()
    {
        var src = TestSignals.Noise(1100, seed: 11);
        var acc = TestSignals.Noise(1100, seed: 12);
        foreach (var (interval, offset, n) in Cases())
        {
            var points = Points(interval, offset, n);
            var expected = acc[..n];
            for (int i = 0; i < n; i++)
            {
                int t = offset + i, p = t / interval, k = t % interval;
                double from = points[p * Stride], to = points[(p + 1) * Stride];
                if (from != to) expected[i] += src[i] * (from + (to - from) / interval * k);
                else if (from != 0.0) expected[i] += src[i] * from;
            }
            foreach (int width in Widths)
            {
                var actual = acc[..n];
                MixSum.AccumulatePolyline(src.AsSpan(0, n), actual, points, Stride, offset, interval, width);
                // exact bits: every lane (vector passes, single vectors, scalar tail) takes k exactly and rounds step·k,
                // the sum, the product and the accumulation separately, as the scalar line above
                for (int i = 0; i < n; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                        $"width {width} interval {interval} offset {offset} length {n} sample {i}: {actual[i]} vs {expected[i]}");
            }
        }
    }

    [Fact]
    public void A_pair_of_polylines_adds_the_bits_of_the_two_single_polylines_at_every_width()
    {
        var src = TestSignals.Noise(1100, seed: 13);
        var acc0 = TestSignals.Noise(1100, seed: 14);
        var acc1 = TestSignals.Noise(1100, seed: 15);
        foreach (var (interval, offset, n) in Cases())
        {
            var points = Points(interval, offset, n);
            var expected0 = acc0[..n];
            var expected1 = acc1[..n];
            MixSum.AccumulatePolyline(src.AsSpan(0, n), expected0, points, Stride, offset, interval, 1);
            MixSum.AccumulatePolyline(src.AsSpan(0, n), expected1, points.AsSpan(1), Stride, offset, interval, 1);
            foreach (int width in Widths)
            {
                var actual0 = acc0[..n];
                var actual1 = acc1[..n];
                MixSum.AccumulatePolylinePair(src.AsSpan(0, n), actual0, actual1, points, points.AsSpan(1), Stride, offset, interval, width);
                // exact bits: where both sound the pair runs the line with step 0 for a held gain, which must equal the
                // single call's held multiply
                for (int i = 0; i < n; i++)
                {
                    Assert.True(BitConverter.DoubleToInt64Bits(expected0[i]) == BitConverter.DoubleToInt64Bits(actual0[i]),
                        $"width {width} interval {interval} offset {offset} length {n} sample {i}, line 0");
                    Assert.True(BitConverter.DoubleToInt64Bits(expected1[i]) == BitConverter.DoubleToInt64Bits(actual1[i]),
                        $"width {width} interval {interval} offset {offset} length {n} sample {i}, line 1");
                }
            }
        }
    }

    [Fact]
    public void The_public_calls_add_the_bits_of_the_scalar_loop()
    {
        var src = TestSignals.Noise(1024, seed: 16);
        var acc0 = TestSignals.Noise(1024, seed: 17);
        var acc1 = TestSignals.Noise(1024, seed: 18);
        var points = Points(256, 100, 1024);
        var expected0 = acc0[..];
        var expected1 = acc1[..];
        MixSum.AccumulatePolylinePair(src, expected0, expected1, points, points.AsSpan(1), Stride, 100, 256, 1);
        var single = acc0[..];
        MixSum.RtAccumulatePolyline(src, single, points, Stride, 100, 256);
        var actual0 = acc0[..];
        var actual1 = acc1[..];
        MixSum.RtAccumulatePolylinePair(src, actual0, actual1, points, points.AsSpan(1), Stride, 100, 256);
        // exact bits: the width this machine uses (Vector512, Vector256 or scalar) must not show in the output
        Assert.Equal(expected0.Select(BitConverter.DoubleToInt64Bits), single.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected0.Select(BitConverter.DoubleToInt64Bits), actual0.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected1.Select(BitConverter.DoubleToInt64Bits), actual1.Select(BitConverter.DoubleToInt64Bits));
    }
}
