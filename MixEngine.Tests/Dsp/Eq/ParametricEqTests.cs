using MixEngine.Dsp;
using MixEngine.Dsp.Eq;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Eq;

public class ParametricEqTests
{
    private const int Rate = EqResponse.Rate;

    // Every band type, low and high in the band, mild and extreme settings.
    public static TheoryData<EqBand> Bands => new()
    {
        EqBand.HighPass(20, 48), EqBand.HighPass(80, 12), EqBand.HighPass(1000, 6), EqBand.HighPass(3000, 18),
        EqBand.HighPass(10_000, 24), EqBand.HighPass(120, 36),
        EqBand.LowPass(20_000, 12), EqBand.LowPass(5000, 48), EqBand.LowPass(1000, 6), EqBand.LowPass(12_000, 18),
        EqBand.LowPass(18_000, 36), EqBand.LowPass(8000, 24),
        EqBand.LowShelf(100, 6), EqBand.LowShelf(1000, -12, 1.0), EqBand.LowShelf(8000, 9, 0.5),
        EqBand.HighShelf(8000, 6), EqBand.HighShelf(15_000, -12, 0.5), EqBand.HighShelf(300, 4, 1.2),
        EqBand.Bell(1000, 12, 1.0), EqBand.Bell(15_000, -9, 0.5), EqBand.Bell(60, 20, 4.0), EqBand.Bell(18_000, 6, 2.0),
        EqBand.Notch(1000, 4), EqBand.Notch(12_000, 1),
        EqBand.BandPass(2000, 2), EqBand.BandPass(16_000, 0.7),
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void Bilinear_design_is_within_a_hundredth_of_a_dB_of_the_warped_analogue_prototype(EqBand band)
    {
        band = band with { Design = EqDesign.Bilinear };
        var measured = EqResponse.MeasuredDb(band, EqResponse.Grid);
        double warp = Math.Tan(Math.PI * band.FrequencyHz / Rate);
        for (int i = 0; i < EqResponse.Grid.Length; i++)
        {
            // The bilinear transform maps analogue Ω to digital w by Ω = tan(w/2)/tan(w0/2) (prewarped at the band frequency).
            double target = EqResponse.AnalogueDb(band, Math.Tan(Math.PI * EqResponse.Grid[i] / Rate) / warp);
            Assert.True(Math.Abs(measured[i] - target) < 0.01, $"{band} at {EqResponse.Grid[i]:F1} Hz: {measured[i]:F4} dB, target {target:F4} dB"); // the 0.01 dB
        }
    }

    [Theory]
    [MemberData(nameof(Bands))]
    public void Matched_design_is_within_a_hundredth_of_a_dB_of_its_match_conditions(EqBand band)
    {
        var measured = EqResponse.MeasuredDb(band, EqResponse.Grid);
        for (int i = 0; i < EqResponse.Grid.Length; i++)
        {
            double target = MatchedConditions.Db(band, EqResponse.Grid[i], Rate);
            Assert.True(Math.Abs(measured[i] - target) < 0.01, $"{band} at {EqResponse.Grid[i]:F1} Hz: {measured[i]:F4} dB, target {target:F4} dB"); // the 0.01 dB
        }
    }

    [Theory]
    [InlineData(0.0, 20.0)]
    [InlineData(20.0, 0.0)]
    [InlineData(-20.0, 0.0)]
    public void A_20_dB_bell_gain_jump_on_a_sine_has_no_discontinuity(double fromDb, double toDb)
    {
        var eq = EqResponse.Kernel(EqBand.Bell(1000, fromDb, 1.0), maxBlock: 256);
        var y = SineThrough(eq, 1000, 0.05, 24_000, 256, (block, kernel) =>
        {
            if (block == 40) kernel.RtSetBand(0, EqBand.Bell(1000, toDb, 1.0));
        });
        double ratio = WorstSecondDifferenceRatio(y, 1000, 40 * 256);
        Assert.True(ratio < 1.02, $"second difference {ratio:F4} x the sine's own"); // < 2 %: a glide, not a click
        Assert.Equal(toDb, Decibels.FromGain(Peak(y, y.Length - 4800, y.Length) / 0.05), 2); // arrived: 0.01 dB
    }

    // The same sine through a plain direct-form-I biquad whose coefficients jump at once: what the glide prevents. Only
    // jumps that click in direct form I are listed: a jump up from a wire rings in through the new poles without a step.
    [Theory]
    [InlineData(1000.0, 20.0, 1.0, 1000.0, 0.0, 1.0, 20.0)]
    [InlineData(1000.0, -20.0, 1.0, 1000.0, 0.0, 1.0, 20.0)]
    [InlineData(200.0, 12.0, 2.0, 5000.0, 12.0, 2.0, 2.0)]
    public void The_click_thresholds_catch_an_instant_coefficient_swap(double fromHz, double fromDb, double fromQ, double toHz, double toDb, double toQ, double atLeast)
    {
        Span<double> before = stackalloc double[5], after = stackalloc double[5];
        Span<double> unity = [1, 0, 0, 0, 0];
        (EqDesigner.Design(EqBandType.Bell, EqDesign.Matched, 2, new DesignCorner(EqBandType.Bell, EqDesign.Matched, fromHz, fromQ, Rate), fromDb, before) == 0 ? unity : before).CopyTo(before);
        (EqDesigner.Design(EqBandType.Bell, EqDesign.Matched, 2, new DesignCorner(EqBandType.Bell, EqDesign.Matched, toHz, toQ, Rate), toDb, after) == 0 ? unity : after).CopyTo(after);
        var y = new double[24_000];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int n = 0; n < y.Length; n++)
        {
            var c = n < 40 * 256 ? before : after;
            double x = 0.05 * Math.Sin(2 * Math.PI * 1000 * n / Rate);
            double v = c[0] * x + c[1] * x1 + c[2] * x2 - c[3] * y1 - c[4] * y2;
            (x2, x1, y2, y1) = (x1, x, y1, v);
            y[n] = v;
        }
        double ratio = WorstSecondDifferenceRatio(y, 1000, 40 * 256);
        Assert.True(ratio > atLeast, $"instant swap: {ratio:F4}"); // well above the thresholds the glide tests use
    }

    [Fact]
    public void A_bell_swept_from_100_Hz_to_10_kHz_by_automation_passes_a_sine_without_clicks()
    {
        var eq = EqResponse.Kernel(EqBand.Bell(100, 12, 2.0), maxBlock: 64);
        var y = SineThrough(eq, 1000, 0.05, 2 * Rate, 64, (block, kernel) =>
        {
            double t = Math.Clamp((block * 64 - 4800) / (double)Rate, 0, 1);
            kernel.RtSetBand(0, EqBand.Bell(100 * Math.Pow(100, t), 12, 2.0)); // 6.6 octaves per second, a new value every block
        });
        double ratio = WorstSecondDifferenceRatio(y, 1000, 4800);
        Assert.True(ratio < 1.05, $"second difference {ratio:F4} x the sine's own"); // < 5 %: the level rises and falls by 12 dB within ~0.1 s
    }

    [Theory]
    [InlineData(200.0, 5000.0)]
    [InlineData(5000.0, 200.0)]
    public void A_bell_frequency_jump_glides_without_a_click(double fromHz, double toHz)
    {
        var eq = EqResponse.Kernel(EqBand.Bell(fromHz, 12, 2.0), maxBlock: 256);
        var y = SineThrough(eq, 1000, 0.05, Rate, 256, (block, kernel) =>
        {
            if (block == 40) kernel.RtSetBand(0, EqBand.Bell(toHz, 12, 2.0));
        });
        double ratio = WorstSecondDifferenceRatio(y, 1000, 40 * 256);
        // < 1.25: sweeping 4.6 octaves in ~50 ms, the bell briefly rings at its own moving frequency (up to 5 kHz, whose
        // second difference per unit amplitude is 6x a 1 kHz sine's); an instant swap measures above 2 (test above).
        Assert.True(ratio < 1.25, $"second difference {ratio:F4} x the sine's own");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Switching_a_48_dB_high_pass_in_or_out_crossfades_without_a_click(bool enable)
    {
        var on = EqBand.HighPass(2000, 48);
        var eq = EqResponse.Kernel(on with { Enabled = !enable }, maxBlock: 256);
        var y = SineThrough(eq, 1000, 0.05, Rate, 256, (block, kernel) =>
        {
            if (block == 40) kernel.RtSetBand(0, on with { Enabled = enable });
        });
        double ratio = WorstSecondDifferenceRatio(y, 1000, 40 * 256);
        Assert.True(ratio < 1.05, $"second difference {ratio:F4} x the sine's own");
    }

    [Fact]
    public void Changing_a_band_type_morphs_without_a_click()
    {
        var eq = EqResponse.Kernel(EqBand.Bell(1000, -12, 1.0), maxBlock: 256);
        var y = SineThrough(eq, 1000, 0.05, Rate, 256, (block, kernel) =>
        {
            if (block == 40) kernel.RtSetBand(0, EqBand.LowPass(300, 24));
        });
        double ratio = WorstSecondDifferenceRatio(y, 1000, 40 * 256);
        // < 1.1 (measured 1.05): the 20 ms morph passes through in-between shapes whose level at 1 kHz moves faster than a glide's.
        Assert.True(ratio < 1.1, $"second difference {ratio:F4} x the sine's own");
    }

    // Where the bilinear design cramps (it must reach Nyquist at the band frequency's warped image), the matched one
    // stays near the analogue prototype: largest deviation over the 200-point grid, 20 Hz to 20 kHz, at 48 kHz.
    [Theory]
    // Bounds: measured values (matched / bilinear) 0.413 / 6.07, 0.512 / 3.42, 0.028 / 0.282, 0.083 / 0.620,
    // 0.001 / 0.057, 0.733 / 9.46 dB, with a margin; docs/dsp.md tabulates them.
    [InlineData(EqBandType.Bell, 15_000.0, 12.0, 1.0, 0.5, 5.0)]
    [InlineData(EqBandType.Bell, 10_000.0, -9.0, 0.7, 0.6, 3.0)]
    [InlineData(EqBandType.Bell, 5000.0, 6.0, 2.0, 0.05, 0.25)]
    [InlineData(EqBandType.HighShelf, 10_000.0, 6.0, 0.7071, 0.1, 0.5)]
    [InlineData(EqBandType.LowShelf, 3000.0, -6.0, 0.7071, 0.01, 0.05)]
    [InlineData(EqBandType.BandPass, 12_000.0, 0.0, 2.0, 0.8, 9.0)]
    public void Matched_design_follows_the_analogue_prototype_near_Nyquist_where_the_bilinear_one_cramps(
        EqBandType type, double hz, double gainDb, double q, double matchedWithinDb, double bilinearBeyondDb)
    {
        var band = new EqBand(type, hz, gainDb, q);
        double Worst(EqBand b)
        {
            var measured = EqResponse.MeasuredDb(b, EqResponse.Grid);
            return EqResponse.Grid.Select((f, i) => Math.Abs(measured[i] - EqResponse.AnalogueDb(b, f / hz))).Max();
        }
        double matched = Worst(band), bilinear = Worst(band with { Design = EqDesign.Bilinear });
        Assert.True(matched < matchedWithinDb, $"matched deviates {matched:F3} dB, bilinear {bilinear:F3} dB");
        Assert.True(bilinear > bilinearBeyondDb, $"matched deviates {matched:F3} dB, bilinear {bilinear:F3} dB");
    }

    [Fact]
    public void Matched_bell_has_exactly_its_gain_at_its_frequency()
    {
        foreach (double hz in new[] { 100.0, 1000, 10_000, 18_000 })
        {
            double db = EqResponse.MeasuredDb(EqBand.Bell(hz, 9, 1.5), [hz])[0];
            Assert.Equal(9.0, db, 6); // matched there by construction: 1e-6 dB is rounding
        }
    }

    [Fact]
    public void The_matched_designs_gain_factor_is_within_1_4e_15_relative_of_the_power_of_ten_over_the_whole_gain_range()
    {
        // e^(dB·ln10/20) against Math.Pow(10, dB/20) every 0.0005 dB over ±36 dB (docs/dsp.md states the bound).
        double worst = 0;
        for (int i = -72_000; i <= 72_000; i++)
        {
            double db = i * 0.0005;
            worst = Math.Max(worst, Math.Abs(EqDesigner.AmplitudeOfDb(db) / Math.Pow(10.0, db / 20.0) - 1.0));
        }
        Assert.True(worst <= 1.4e-15, $"worst relative difference {worst:E3}");
    }

    [Fact]
    public void Bands_switched_off_pass_the_signal_bit_exactly()
    {
        var eq = new ParametricEq();
        eq.RtSetBand(3, EqBand.Bell(1000, 6, 1) with { Enabled = false });
        eq.Prepare(new ProcessSpec(Rate, 512, 2));
        var a = TestSignals.Noise(512, seed: 1);
        var b = TestSignals.Noise(512, seed: 2);
        var ca = (double[])a.Clone();
        var cb = (double[])b.Clone();
        eq.RtProcess([ca, cb], 512);
        Assert.Equal(a, ca); // exact: unity is transparent (ARCHITECTURE.md)
        Assert.Equal(b, cb);
        Assert.Equal(0, eq.LatencySamples);
    }

    [Fact]
    public void Every_channel_gets_the_same_filter()
    {
        var eq = EqResponse.Kernel(EqBand.HighShelf(4000, 6), channels: 3, maxBlock: 1000);
        var x = TestSignals.Noise(1000, seed: 4);
        double[][] channels = [(double[])x.Clone(), (double[])x.Clone(), (double[])x.Clone()];
        eq.RtProcess(channels, 1000);
        Assert.Equal(channels[0], channels[1]); // exact: same coefficients, same input
        Assert.Equal(channels[0], channels[2]);
        Assert.NotEqual(x, channels[0]);
    }

    [Fact]
    public void Output_is_the_same_for_any_block_size_even_while_gliding()
    {
        var x = TestSignals.Noise(6000, seed: 5);
        double[] Run(int block)
        {
            var eq = EqResponse.Kernel(EqBand.Bell(300, 6, 1), maxBlock: block);
            var y = (double[])x.Clone();
            var buffer = new double[block];
            for (int start = 0; start < y.Length; start += block)
            {
                if (start >= 1000 && start - block < 1000) eq.RtSetBand(0, EqBand.Bell(3000, -9, 2));
                int n = Math.Min(block, y.Length - start);
                Array.Copy(y, start, buffer, 0, n);
                eq.RtProcess([buffer], n);
                Array.Copy(buffer, 0, y, start, n);
            }
            return y;
        }
        // A change lands at the next control period boundary (here sample 1024 for all three block sizes).
        Assert.Equal(Run(1000), Run(40)); // exact: state and glide are per sample and per control period
        Assert.Equal(Run(1000), Run(1000 + 13));
    }

    [Fact]
    public void Reset_recovers_from_a_non_finite_input()
    {
        var eq = EqResponse.Kernel(EqBand.LowPass(5000, 24), channels: 2);
        double[] bad = [double.NaN, double.PositiveInfinity, 0.1];
        eq.RtProcess([bad, (double[])bad.Clone()], 3);
        eq.Reset();
        var x = TestSignals.Sine(4800, 100, 0.5);
        var y = (double[])x.Clone();
        eq.RtProcess([y, (double[])x.Clone()], 4800);
        Assert.All(y, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.5, Peak(y, 2400, 4800), 3); // 100 Hz is in the pass band of a 5 kHz low-pass: 1e-3 amplitude
    }

    [Fact]
    public void Invalid_settings_are_ignored_or_clamped_on_the_audio_thread()
    {
        var eq = EqResponse.Kernel(EqBand.Bell(1000, 6, 1));
        eq.RtSetBand(0, EqBand.Bell(double.NaN, 6, 1));
        eq.RtSetBand(8, EqBand.Bell(500, 6, 1));
        eq.RtSetBand(-1, EqBand.Bell(500, 6, 1));
        eq.Reset();
        Assert.Equal(6.0, EqResponse.MeasuredDb(EqBand.Bell(1000, 6, 1), [1000])[0], 6); // band 0 kept its settings
        var clamped = EqResponse.Kernel(EqBand.Bell(1000, 99, 1));
        var h = new double[Rate];
        h[0] = 1;
        clamped.RtProcess([h], h.Length);
        Assert.Equal(EqBand.MaxGainDb, Decibels.FromGain(EqResponse.Dft(h, 1000).Magnitude), 6); // 99 dB clamped to +36 dB
    }

    [Fact]
    public void Processing_allocates_nothing_after_prepare_while_bands_glide_morph_and_rest()
    {
        var eq = new ParametricEq();
        eq.Prepare(new ProcessSpec(Rate, 512, 2));
        var a = TestSignals.Noise(512, seed: 1, amplitude: 0.1);
        var b = TestSignals.Noise(512, seed: 2, amplitude: 0.1);
        double[][] channels = [a, b];
        int round = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            round++;
            eq.RtSetBand(0, EqBand.HighPass(40 + round, 48));
            eq.RtSetBand(1, EqBand.Bell(200 + round, round % 2 == 0 ? 6 : -6, 1));
            eq.RtSetBand(2, EqBand.HighShelf(8000, 3) with { Enabled = round % 2 == 0 });
            eq.RtSetBand(7, round % 2 == 0 ? EqBand.Notch(3000, 4) : EqBand.BandPass(3000, 4));
            for (int i = 0; i < 20; i++) eq.RtProcess(channels, 512);
            eq.Reset();
        });
        Assert.Equal(0, bytes); // exact: Rt code allocates nothing
    }

    private static double[] SineThrough(ParametricEq eq, double hz, double amplitude, int length, int block, Action<int, ParametricEq> beforeBlock)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++) y[i] = amplitude * Math.Sin(2 * Math.PI * hz * i / Rate);
        var buffer = new double[block];
        for (int start = 0, b = 0; start < length; start += block, b++)
        {
            beforeBlock(b, eq);
            int n = Math.Min(block, length - start);
            Array.Copy(y, start, buffer, 0, n);
            eq.RtProcess([buffer], n);
            Array.Copy(buffer, 0, y, start, n);
        }
        return y;
    }

    private static double Peak(double[] y, int from, int to)
    {
        double peak = 0;
        for (int i = from; i < to; i++) peak = Math.Max(peak, Math.Abs(y[i]));
        return peak;
    }

    // The largest second difference y[n] − 2y[n−1] + y[n−2] after the change, relative to what a sine of the largest
    // amplitude seen (before or after) can produce: (2·sin(w/2))²·peak. A click adds a broadband jump far above it.
    private static double WorstSecondDifferenceRatio(double[] y, double hz, int from)
    {
        double w = 2 * Math.PI * hz / Rate;
        double bound = Math.Pow(2 * Math.Sin(w / 2), 2) * Peak(y, from - 4800, y.Length);
        double worst = 0;
        for (int n = from; n < y.Length; n++) worst = Math.Max(worst, Math.Abs(y[n] - 2 * y[n - 1] + y[n - 2]));
        return worst / bound;
    }
}
