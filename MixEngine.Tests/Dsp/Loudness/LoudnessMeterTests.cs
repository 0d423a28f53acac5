using MixEngine.Tests.Support;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>
/// EBU Tech 3341 and Tech 3342 compliance cases, synthesised here from their published definitions
/// (loudness-dsp.md §4.1, §4.2): 1 kHz sines, levels are per-channel peak dBFS, tolerance ±0.1 LU (3341) and ±1 LU (3342).
/// </summary>
public sealed class LoudnessMeterTests
{
    private const int Rate = 48000;
    private static readonly double[] StereoWeights = [1.0, 1.0];

    [Fact]
    public void Tech3341_case1_stereo_minus23_tone_reads_minus23_momentary_short_term_and_integrated()
    {
        var meter = Measure(StereoWeights, (20, -23.0));
        Assert.InRange(meter.Momentary, -23.1, -22.9);
        Assert.InRange(meter.ShortTerm, -23.1, -22.9);
        Assert.InRange(meter.Integrated, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case2_stereo_minus33_tone_reads_minus33()
    {
        var meter = Measure(StereoWeights, (20, -33.0));
        Assert.InRange(meter.Integrated, -33.1, -32.9);
        Assert.InRange(meter.ShortTerm, -33.1, -32.9);
    }

    [Fact]
    public void Tech3341_case3_relative_gate_removes_the_quiet_passages()
    {
        var meter = Measure(StereoWeights, (10, -36.0), (60, -23.0), (10, -36.0));
        Assert.InRange(meter.Integrated, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case4_absolute_and_relative_gates_together()
    {
        var meter = Measure(StereoWeights, (10, -72.0), (10, -36.0), (60, -23.0), (10, -36.0), (10, -72.0));
        Assert.InRange(meter.Integrated, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case5_integrated_is_an_energy_mean_of_the_blocks()
    {
        var meter = Measure(StereoWeights, (20, -26.0), (20.1, -20.0), (20, -26.0));
        Assert.InRange(meter.Integrated, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case6_five_channel_weights_give_surrounds_plus_1_5_dB()
    {
        double[] weights = [1, 1, 1, 1.41, 1.41];
        double[] levels = [-28, -28, -24, -30, -30];
        var meter = new LoudnessMeter(Rate, weights);
        Feed(meter, 20, levels);
        Assert.InRange(meter.Integrated, -23.1, -22.9);
    }

    [Fact]
    public void Lfe_weight_zero_excludes_the_channel_from_loudness_but_not_from_peaks()
    {
        var meter = new LoudnessMeter(Rate, [1.0, 0.0]);
        Feed(meter, 5, [-200.0, -10.0]);
        Assert.Equal(double.NegativeInfinity, meter.Integrated);
        Assert.InRange(LoudnessMath.AmplitudeToDb(meter.SamplePeak(1)), -10.01, -9.99); // 1 kHz at 48 kHz hits near its crest
    }

    [Fact]
    public void Tech3341_case9_short_term_stays_minus23_after_3_seconds()
    {
        var meter = new LoudnessMeter(Rate, StereoWeights);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long t = 0;
        for (int rep = 0; rep < 5; rep++)
        {
            foreach (var (seconds, level) in new[] { (1.34, -20.0), (1.66, -30.0) })
            {
                int n = (int)Math.Round(seconds * Rate);
                for (int i = 0; i < n; i += 480)
                {
                    int len = Math.Min(480, n - i);
                    FeedTone(meter, ref t, len, [level, level]);
                    if (t >= 3 * Rate)
                    {
                        min = Math.Min(min, meter.ShortTerm);
                        max = Math.Max(max, meter.ShortTerm);
                    }
                }
            }
        }
        Assert.InRange(min, -23.1, -22.9);
        Assert.InRange(max, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case12_momentary_stays_minus23_after_1_second()
    {
        var meter = new LoudnessMeter(Rate, StereoWeights);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long t = 0;
        for (int rep = 0; rep < 25; rep++)
        {
            foreach (var (seconds, level) in new[] { (0.18, -20.0), (0.22, -30.0) })
            {
                int n = (int)Math.Round(seconds * Rate);
                for (int i = 0; i < n; i += 480)
                {
                    FeedTone(meter, ref t, Math.Min(480, n - i), [level, level]);
                    if (t >= Rate)
                    {
                        min = Math.Min(min, meter.Momentary);
                        max = Math.Max(max, meter.Momentary);
                    }
                }
            }
        }
        Assert.InRange(min, -23.1, -22.9);
        Assert.InRange(max, -23.1, -22.9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(19)]
    public void Tech3341_case13_max_momentary_of_a_400ms_burst_reads_minus23_at_any_20ms_offset(int i)
    {
        var meter = Measure(StereoWeights, (i * 0.02, -200.0), (0.4, -23.0), (1.0, -200.0));
        Assert.InRange(meter.MaxMomentary, -23.1, -22.9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(19)]
    public void Tech3341_case10_max_short_term_of_a_3s_burst_reads_minus23_at_any_150ms_offset(int i)
    {
        var meter = Measure(StereoWeights, (i * 0.15, -200.0), (3.0, -23.0), (1.0, -200.0));
        Assert.InRange(meter.MaxShortTerm, -23.1, -22.9);
    }

    [Fact]
    public void Tech3341_case11_max_short_term_follows_twenty_3s_tones_from_minus38_to_minus19_in_succession()
    {
        // One file: segment i = i·0.15 s silence, 3 s tone at (−38 + i) dBFS, (3 − i·0.15) s silence (6 s per segment).
        var meter = new LoudnessMeter(Rate, StereoWeights);
        long t = 0;
        for (int i = 0; i < 20; i++)
        {
            double segmentMax = double.NegativeInfinity;
            foreach (var (seconds, level) in new[] { (i * 0.15, -200.0), (3.0, -38.0 + i), (3 - i * 0.15, -200.0) })
            {
                int n = (int)Math.Round(seconds * Rate);
                for (int k = 0; k < n; k += 480)
                {
                    FeedTone(meter, ref t, Math.Min(480, n - k), [level, level]);
                    segmentMax = Math.Max(segmentMax, meter.ShortTerm);
                }
            }
            Assert.InRange(segmentMax, -38 + i - 0.1, -38 + i + 0.1);
        }
    }

    [Fact]
    public void Tech3341_case14_max_momentary_follows_twenty_400ms_tones_from_minus38_to_minus19_in_succession()
    {
        // One file: segment i = i·20 ms silence, 0.4 s tone at (−38 + i) dBFS, (0.4 − i·0.02) s silence (0.8 s per segment).
        var meter = new LoudnessMeter(Rate, StereoWeights);
        long t = 0;
        for (int i = 0; i < 20; i++)
        {
            double segmentMax = double.NegativeInfinity;
            foreach (var (seconds, level) in new[] { (i * 0.02, -200.0), (0.4, -38.0 + i), (0.4 - i * 0.02, -200.0) })
            {
                int n = (int)Math.Round(seconds * Rate);
                for (int k = 0; k < n; k += 480)
                {
                    FeedTone(meter, ref t, Math.Min(480, n - k), [level, level]);
                    segmentMax = Math.Max(segmentMax, meter.Momentary);
                }
            }
            Assert.InRange(segmentMax, -38 + i - 0.1, -38 + i + 0.1);
        }
    }

    [Theory]
    [InlineData(-20.0, -30.0, 10.0)]
    [InlineData(-20.0, -15.0, 5.0)]
    [InlineData(-40.0, -20.0, 20.0)]
    public void Tech3342_two_segment_cases_give_the_published_loudness_range(double first, double second, double lra)
    {
        var meter = Measure(StereoWeights, (20, first), (20, second));
        Assert.InRange(meter.LoudnessRange, lra - 1, lra + 1); // Tech 3342 tolerance ±1 LU
    }

    [Fact]
    public void Tech3342_case4_five_segments_give_15_LU()
    {
        var meter = Measure(StereoWeights, (20, -50.0), (20, -35.0), (20, -20.0), (20, -35.0), (20, -50.0));
        Assert.InRange(meter.LoudnessRange, 14, 16);
    }

    [Fact]
    public void Silence_reads_minus_infinity_and_zero_range()
    {
        var meter = Measure(StereoWeights, (5, -200.0));
        Assert.Equal(double.NegativeInfinity, meter.Integrated);
        Assert.Equal(0, meter.LoudnessRange);
    }

    [Fact]
    public void Processing_allocates_nothing_after_construction()
    {
        var meter = new LoudnessMeter(Rate, [1, 1, 1, 0, 1.41, 1.41, 1, 1, 1, 1]);
        var block = Enumerable.Range(0, 10).Select(c => Enumerable.Range(0, 512).Select(i => Math.Sin(i * 0.01 * (c + 1))).ToArray()).ToArray();
        Assert.Equal(0, SteadyStateAllocation.Bytes(() =>
        {
            for (int k = 0; k < 400; k++) meter.RtProcess(block, 0, 512);
        }));
    }

    private static LoudnessMeter Measure(double[] weights, params (double Seconds, double Level)[] segments)
    {
        var meter = new LoudnessMeter(Rate, weights);
        long t = 0;
        foreach (var (seconds, level) in segments)
        {
            long n = (long)Math.Round(seconds * Rate);
            for (long i = 0; i < n; i += 4096)
                FeedTone(meter, ref t, (int)Math.Min(4096, n - i), Enumerable.Repeat(level, weights.Length).ToArray());
        }
        return meter;
    }

    private static void Feed(LoudnessMeter meter, double seconds, double[] levels)
    {
        long t = 0;
        long n = (long)Math.Round(seconds * Rate);
        for (long i = 0; i < n; i += 4096) FeedTone(meter, ref t, (int)Math.Min(4096, n - i), levels);
    }

    /// <summary>A 1 kHz sine, the same phase in every channel, each at its own peak level in dBFS (−200 = silence).</summary>
    private static void FeedTone(LoudnessMeter meter, ref long t, int count, double[] levelsDb)
    {
        var block = new double[levelsDb.Length][];
        for (int c = 0; c < levelsDb.Length; c++)
        {
            block[c] = new double[count];
            double a = levelsDb[c] <= -200 ? 0 : Math.Pow(10, levelsDb[c] / 20);
            for (int i = 0; i < count; i++) block[c][i] = a * Math.Sin(2 * Math.PI * 1000 * (t + i) / Rate);
        }
        meter.RtProcess(block, 0, count);
        t += count;
    }
}
