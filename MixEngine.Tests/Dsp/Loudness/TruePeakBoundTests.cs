using System.Runtime.Intrinsics;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>
/// The group bound that lets <see cref="TruePeakDetector"/> skip interpolation (one bound per pair of mirrored phases):
/// it must never read below an interpolated value, whatever the coefficients, and the peak it leaves must be the one
/// every sample pushed through the interpolator gives, also where the signal peaks between samples.
/// </summary>
public sealed class TruePeakBoundTests
{
    [Theory]
    [InlineData(4, 4, 1)]
    [InlineData(4, 8, 2)]
    [InlineData(2, 4, 3)]
    [InlineData(2, 8, 4)]
    public void The_pair_bound_never_reads_below_the_largest_interpolated_value_of_a_group_even_for_phases_that_are_not_mirrored(
        int factor, int taps, int seed)
    {
        // Random phases (a strong centre, random tails, deliberately not mirror images, so the bound's asymmetry terms
        // carry weight) and random windows, half of them the worst case for one phase (every sample the sign of its
        // coefficient). The largest |Σ c·x| over the four lanes and all phases is computed directly; the bound must
        // exceed any peak below it. The peak sits 1e-12 (relative) under it: far above the direct sum's rounding
        // (≈ 1e-15), far below the bound's margin (1e-9), so a bound that is not conservative fails.
        var random = new Random(seed);
        var phases = new double[factor][];
        for (int p = 0; p < factor; p++)
        {
            phases[p] = new double[TruePeakDetector.TapsPerPhase];
            for (int k = 0; k < phases[p].Length; k++)
                phases[p][k] = (random.NextDouble() - 0.5) / (1 + Math.Abs(k - 15.5 - p * 0.3));
            phases[p][15] += 0.8;
            phases[p][16] += 0.2 + 0.1 * p;
        }
        var bound = new TruePeakDetector.PairBound(phases, taps);
        var window = new double[TruePeakDetector.TapsPerPhase + 3];
        int below = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            double scale = Math.Pow(10, random.Next(-6, 1));
            int worstPhase = random.Next(factor), worstLane = random.Next(4);
            for (int i = 0; i < window.Length; i++)
            {
                int k = i - worstLane;
                window[i] = trial % 2 == 0 && k >= 0 && k < TruePeakDetector.TapsPerPhase
                    ? scale * Math.Sign(phases[worstPhase][k]) * (0.9 + 0.1 * random.NextDouble())
                    : scale * (2 * random.NextDouble() - 1);
            }
            double windowMax = window.Max(Math.Abs), largest = 0;
            foreach (var c in phases)
                for (int lane = 0; lane < 4; lane++)
                {
                    double y = 0;
                    for (int k = 0; k < c.Length; k++) y += c[k] * window[lane + k];
                    largest = Math.Max(largest, Math.Abs(y));
                }
            Assert.True(TruePeakDetector.RtBoundExceeds(ref window[0], Vector256.Create(windowMax), Vector256.Create(largest * (1 - 1e-12)), bound),
                $"trial {trial}: the bound reads below {largest}");
            if (!TruePeakDetector.RtBoundExceeds(ref window[0], Vector256.Create(windowMax), Vector256.Create(largest * 1.5), bound)) below++;
        }
        Assert.True(below > 0, "the bound never stayed under 1.5 × the largest value: it skips nothing");
    }

    [Theory]
    [InlineData(48000, 21)]
    [InlineData(48000, 22)]
    [InlineData(96000, 23)]
    public void Feeding_blocks_reads_the_same_peak_bits_as_pushing_every_sample_where_the_peaks_lie_between_samples(int sampleRate, int seed)
    {
        // Noise with bursts whose peak lies between samples: 45° fs/4 sine periods (+3 dB over their samples) and 32-sample
        // runs of the signs of a windowed sinc delayed by a fraction of a sample (close to the largest overshoot the
        // interpolator can make), at levels scattered around the running peak so that groups fall on both sides of the
        // bounds. Exact equality (no tolerance) with the largest value pushing every sample returns, after every block.
        var random = new Random(seed);
        var x = new double[96000];
        for (int i = 0; i < x.Length; i++) x[i] = 0.05 * (random.NextDouble() + random.NextDouble() - 1);
        for (int start = 500; start + 64 < x.Length; start += 200 + random.Next(600))
        {
            double level = 0.05 * (0.8 + 0.7 * random.NextDouble());
            if (random.Next(2) == 0)
                for (int i = 0; i < 8; i++) x[start + i] = level * Math.Sin(Math.PI / 2 * i + Math.PI / 4);
            else
            {
                double delay = 15 + random.Next(1, 8) / 8.0;
                for (int j = 0; j < TruePeakDetector.TapsPerPhase; j++)
                    x[start + j] = level * 0.6 * Math.Sign(Sinc(j - delay));
            }
        }
        var blocks = new TruePeakDetector(sampleRate);
        var pushed = new TruePeakDetector(sampleRate);
        double peak = 0;
        for (int start = 0; start < x.Length;)
        {
            int n = Math.Min(x.Length - start, random.Next(1, 1500));
            blocks.RtProcess(x.AsSpan(start, n));
            for (int i = start; i < start + n; i++) peak = Math.Max(peak, pushed.RtPush(x[i]));
            start += n;
            Assert.Equal(peak, blocks.Peak);
        }
        Assert.True(peak > 0.05 * 1.2, $"peak {peak}: the bursts did not rise above the noise");
    }

    private static double Sinc(double t) => t == 0 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
}
