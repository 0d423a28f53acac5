using MixEngine.Dsp.Loudness;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>EBU Tech 3341 true-peak cases 15–19 (loudness-dsp.md §4.1): expected level with tolerance +0.2 / −0.4 dB.</summary>
public sealed class TruePeakDetectorTests
{
    [Theory]
    [InlineData(4.0, 0.0, -6.0, -6.0)]    // case 15: fs/4, phase 0°, 0.50 FFS
    [InlineData(4.0, 45.0, -6.0, -6.0)]   // case 16: fs/4, phase 45° (sample peak −9.0)
    [InlineData(6.0, 60.0, -6.0, -6.0)]   // case 17: fs/6, phase 60°
    [InlineData(8.0, 67.5, -6.0, -6.0)]   // case 18: fs/8, phase 67.5°
    [InlineData(4.0, 45.0, 3.0, 3.0)]     // case 19: fs/4, 1.41 FFS, phase 45°
    public void Tech3341_true_peak_cases_read_within_tolerance(double divisor, double phaseDeg, double levelDb, double expectedDb)
    {
        var tp = new TruePeakDetector(48000);
        double a = Math.Pow(10, levelDb / 20);
        var x = new double[153600];
        for (int i = 0; i < x.Length; i++) x[i] = a * Math.Sin(2 * Math.PI * i / divisor + phaseDeg * Math.PI / 180);
        ApplyFades(x);
        tp.RtProcess(x);
        double db = LoudnessMath.AmplitudeToDb(tp.Peak);
        Assert.InRange(db, expectedDb - 0.4, expectedDb + 0.2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Tech3341_cases_20_to_23_an_inserted_full_scale_fs4_period_reads_0_dBTP_at_every_decimation_offset(int offset)
    {
        // Made at 4·fs (192 kHz): an fs/6 sine at 0.50 FFS, one phase-continuous period of fs/4 at 1.00 FFS, then the
        // fs/6 sine again; anti-alias low-pass (windowed sinc, 20 kHz) and decimation by 4 starting at `offset`.
        const int up = 4, periodsBefore = 400, periodsAfter = 400;
        var high = new List<double>();
        for (int p = 0; p < periodsBefore; p++) for (int i = 0; i < 24; i++) high.Add(0.50119 * Math.Sin(2 * Math.PI * i / 24));
        for (int i = 0; i < 16; i++) high.Add(Math.Sin(2 * Math.PI * i / 16));
        for (int p = 0; p < periodsAfter; p++) for (int i = 0; i < 24; i++) high.Add(0.50119 * Math.Sin(2 * Math.PI * i / 24));
        var filtered = LowPass(high.ToArray(), 20000.0 / (48000 * up));
        var x = new double[(filtered.Length - offset) / up];
        for (int i = 0; i < x.Length; i++) x[i] = filtered[offset + i * up];

        var tp = new TruePeakDetector(48000);
        tp.RtProcess(x);
        Assert.InRange(LoudnessMath.AmplitudeToDb(tp.Peak), -0.4, 0.2); // EBU Tech 3341 tolerance +0.2 / −0.4 dB around 0.0
    }

    /// <summary>Linear-phase low-pass: Blackman-windowed sinc of 511 taps, cut-off <paramref name="cutoff"/> (fraction of the rate).</summary>
    private static double[] LowPass(double[] x, double cutoff)
    {
        const int taps = 511, half = taps / 2;
        var h = new double[taps];
        double sum = 0;
        for (int k = 0; k < taps; k++)
        {
            double m = k - half;
            double sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            double w = 0.42 - 0.5 * Math.Cos(2 * Math.PI * k / (taps - 1)) + 0.08 * Math.Cos(4 * Math.PI * k / (taps - 1));
            h[k] = sinc * w;
            sum += h[k];
        }
        var y = new double[x.Length];
        for (int n = 0; n < x.Length; n++)
        {
            double acc = 0;
            for (int k = 0; k < taps; k++)
            {
                int i = n + half - k;
                if (i >= 0 && i < x.Length) acc += h[k] / sum * x[i];
            }
            y[n] = acc;
        }
        return y;
    }

    [Theory]
    [InlineData(997)]
    [InlineData(5000)]
    [InlineData(12000)]
    [InlineData(16000)]
    public void A_full_scale_sine_reads_between_the_4x_sampling_bound_and_plus_0_05_dB_at_any_phase(double frequency)
    {
        // Worst under-read from 4× sampling alone: 20·log10(cos(π·f/(4·fs))) (BS.1770 Annex 2 attachment); 0.02 dB for ripple.
        double lowest = 20 * Math.Log10(Math.Cos(Math.PI * frequency / (4 * 48000.0))) - 0.02;
        for (int k = 0; k < 8; k++)
        {
            var tp = new TruePeakDetector(48000);
            var x = new double[9600];
            for (int i = 0; i < x.Length; i++) x[i] = Math.Sin(2 * Math.PI * frequency * i / 48000 + k * 0.37);
            ApplyFades(x);
            tp.RtProcess(x);
            Assert.InRange(LoudnessMath.AmplitudeToDb(tp.Peak), lowest, 0.05);
        }
    }

    [Fact]
    public void Uses_2x_at_96kHz_and_no_oversampling_at_192kHz()
    {
        Assert.Equal(4, new TruePeakDetector(48000).Oversampling);
        Assert.Equal(2, new TruePeakDetector(96000).Oversampling);
        Assert.Equal(1, new TruePeakDetector(192000).Oversampling);
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(192000)]
    public void Feeding_blocks_reads_the_same_peak_bits_as_pushing_every_sample(int sampleRate)
    {
        // Block feeding skips groups by a bound and interpolates the rest four samples at a time; pushing runs the full
        // interpolator on every sample. Exact equality (no tolerance): the skipped values cannot raise the peak and the
        // computed ones do the same products and sums in the same order. Signals: noise whose level rises and falls
        // (most groups skipped), a 45° fs/4 sine (peak between samples), sparse impulses, and silence.
        foreach (var x in BoundSignals())
        {
            var random = new Random(7);
            var blocks = new TruePeakDetector(sampleRate);
            for (int start = 0; start < x.Length;)
            {
                int n = Math.Min(x.Length - start, random.Next(1, 3000));
                blocks.RtProcess(x.AsSpan(start, n));
                start += n;
                Assert.Equal(PushedPeak(x.AsSpan(0, start), sampleRate), blocks.Peak);
            }
        }
    }

    [Fact]
    public void A_peak_restarted_between_blocks_reads_the_same_bits_as_the_pushed_samples_of_its_interval()
    {
        // A live meter restarts the peak at every reading and keeps the history. Exact equality (no tolerance) with the
        // largest value pushing the interval's samples one by one returns (the history pushed continuously).
        foreach (var x in BoundSignals())
        {
            var random = new Random(9);
            var blocks = new TruePeakDetector(48000);
            var pushed = new TruePeakDetector(48000);
            double interval = 0;
            for (int start = 0; start < x.Length;)
            {
                int n = Math.Min(x.Length - start, random.Next(1, 400));
                blocks.RtProcess(x.AsSpan(start, n));
                for (int i = start; i < start + n; i++) interval = Math.Max(interval, pushed.RtPush(x[i]));
                start += n;
                if (random.Next(3) != 0) continue;
                Assert.Equal(interval, blocks.Peak);
                blocks.RtResetPeak();
                interval = 0;
            }
        }
    }

    [Theory]
    [InlineData(48000, 0.0)]
    [InlineData(48000, 0.25)]
    [InlineData(96000, 0.25)]
    [InlineData(192000, 0.25)]
    public void Peaks_above_a_threshold_equal_every_sample_pushed_where_those_exceed_it_and_stay_at_or_below_it_elsewhere(int sampleRate, double threshold)
    {
        // The limiter's detector: blocks of random length, each interleaved with a few single pushes (the history must
        // carry across both). Exact equality where a push exceeds the threshold (the same products and sums in the same
        // order); elsewhere only the bound: a value at most the threshold.
        foreach (var x in BoundSignals())
        {
            var random = new Random(5);
            var blocks = new TruePeakDetector(sampleRate);
            var pushed = new TruePeakDetector(sampleRate);
            var peaks = new double[3000];
            int exact = 0;
            for (int start = 0; start < x.Length;)
            {
                int n = Math.Min(x.Length - start, random.Next(1, 3000));
                blocks.RtPeaksAbove(x.AsSpan(start, n), peaks.AsSpan(0, n), threshold);
                for (int i = 0; i < n; i++)
                {
                    double expected = pushed.RtPush(x[start + i]);
                    if (expected > threshold)
                    {
                        Assert.Equal(expected, peaks[i]);
                        exact++;
                    }
                    else Assert.True(peaks[i] <= threshold, $"sample {start + i}: {peaks[i]} above {threshold} where a push gives {expected}");
                }
                start += n;
                for (int i = 0; i < 3 && start < x.Length; i++, start++) Assert.Equal(pushed.RtPush(x[start]), blocks.RtPush(x[start]));
            }
            Assert.True(x.All(v => v == 0) || exact > 0, "no sample compared exactly"); // the battery is loud enough to cross 0.25 somewhere
        }
    }

    [Fact]
    public void Feeding_blocks_allocates_nothing()
    {
        var tp = new TruePeakDetector(48000);
        var x = BoundSignals().First();
        tp.RtProcess(x.AsSpan(0, 4096));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int start = 4096; start + 1000 <= x.Length; start += 1000) tp.RtProcess(x.AsSpan(start, 1000));
        });
        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
    }

    private static double PushedPeak(ReadOnlySpan<double> x, int sampleRate)
    {
        var tp = new TruePeakDetector(sampleRate);
        double peak = 0;
        foreach (double v in x) peak = Math.Max(peak, tp.RtPush(v));
        return peak;
    }

    private static IEnumerable<double[]> BoundSignals()
    {
        var random = new Random(11);
        var noise = new double[24000];
        for (int i = 0; i < noise.Length; i++)
            noise[i] = (0.2 + 0.15 * Math.Sin(2 * Math.PI * i / 9000.0)) * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        yield return noise;
        var sine = new double[6000];
        for (int i = 0; i < sine.Length; i++) sine[i] = (0.3 + i / 20000.0) * Math.Sin(2 * Math.PI * i / 4 + Math.PI / 4);
        yield return sine;
        var impulses = new double[6000];
        for (int i = 100; i < impulses.Length; i += 997) impulses[i] = (i % 2 == 0 ? 1 : -1) * (0.1 + i / 10000.0);
        yield return impulses;
        yield return new double[3000];
    }

    /// <summary>10 ms raised-cosine fade-in and fade-out, as the EBU test signals have: an abrupt start would ring (a real overshoot).</summary>
    private static void ApplyFades(double[] x)
    {
        const int n = 480;
        for (int i = 0; i < n; i++)
        {
            double g = 0.5 - 0.5 * Math.Cos(Math.PI * i / n);
            x[i] *= g;
            x[x.Length - 1 - i] *= g;
        }
    }
}
