using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Dynamics;

public class CompressorTests
{
    private const int Rate = 48_000;

    private static Compressor Make(double threshold, double ratio, double knee, double attackMs = 1.0, double releaseMs = 50.0, int channels = 1)
    {
        var c = new Compressor();
        c.RtSetThresholdDb(threshold);
        c.RtSetRatio(ratio);
        c.RtSetKneeDb(knee);
        c.RtSetAttackMs(attackMs);
        c.RtSetReleaseMs(releaseMs);
        c.Prepare(new ProcessSpec(Rate, 4800, channels));
        return c;
    }

    private static double[] Dc(int length, double db)
    {
        var x = new double[length];
        Array.Fill(x, Decibels.ToGain(db));
        return x;
    }

    [Theory]
    [InlineData(-20.0, 4.0, 0.0)]
    [InlineData(-20.0, 4.0, 6.0)]
    [InlineData(-30.0, 2.0, 12.0)]
    [InlineData(-10.0, 10.0, 3.0)]
    [InlineData(-24.0, 1.5, 20.0)]
    public void Static_curve_matches_the_gain_computer_formula_within_a_tenth_of_a_dB(double threshold, double ratio, double knee)
    {
        for (double inDb = -60.0; inDb <= 0.0; inDb += 1.0)
        {
            var c = Make(threshold, ratio, knee);
            var x = Dc(4800, inDb); // 100 ms of DC: peak detection sees the level exactly; 1 ms attack settles in 100 ms
            c.RtProcess([x], x.Length);
            double outDb = Decibels.FromGain(x[^1]);
            double expected = inDb > threshold - knee / 2 ? threshold + ExpectedOver(inDb, threshold, ratio, knee) : inDb;
            Assert.InRange(outDb - expected, -0.1, 0.1); // the tolerance: 0.1 dB of the formula
        }
    }

    // The formula written independently of CompressorCurve (loudness-dsp.md §7): knee region quadratic, above it linear.
    private static double ExpectedOver(double x, double t, double r, double w)
    {
        if (w > 0 && Math.Abs(x - t) <= w / 2)
            return x - t + (1 / r - 1) * Math.Pow(x - t + w / 2, 2) / (2 * w);
        return (x - t) / r;
    }

    [Theory]
    [InlineData(5.0, 100.0)]
    [InlineData(20.0, 300.0)]
    [InlineData(1.0, 50.0)]
    public void Attack_and_release_reach_one_minus_one_over_e_of_a_step_in_the_set_time_within_five_percent(double attackMs, double releaseMs)
    {
        var c = Make(-30.0, 4.0, 0.0, attackMs, releaseMs);
        var loud = Dc(Rate, -6.0); // 24 dB over: target reduction 18 dB
        var quiet = Dc(Rate, -40.0); // below threshold: target reduction 0 dB
        double finalReduction = 18.0;
        double attack = TimeToFraction(c, loud, r => r, finalReduction);
        Assert.InRange(attack, attackMs * 0.95, attackMs * 1.05); // the 5 %
        c.RtProcess([loud], loud.Length); // settle fully on the step before releasing
        double release = TimeToFraction(c, quiet, r => finalReduction - r, finalReduction);
        Assert.InRange(release, releaseMs * 0.95, releaseMs * 1.05); // the 5 %
    }

    // Feeds one sample at a time and returns the ms until progress(reduction) first reaches (1 − 1/e) of span.
    private static double TimeToFraction(Compressor c, double[] signal, Func<double, double> progress, double span)
    {
        double levelDb = Decibels.FromGain(signal[0]);
        for (int i = 0; i < signal.Length; i++)
        {
            double[] one = [signal[i]];
            c.RtProcess([one], 1);
            double reduction = levelDb - Decibels.FromGain(one[0]);
            if (progress(reduction) >= (1 - 1 / Math.E) * span) return (i + 1) * 1000.0 / Rate;
        }
        return double.PositiveInfinity;
    }

    [Fact]
    public void Linked_detection_reduces_every_channel_by_the_loudest_channel()
    {
        var c = Make(-20.0, 4.0, 0.0, channels: 3);
        var loud = Dc(4800, -4.0);
        var quiet = Dc(4800, -40.0);
        var silent = new double[4800];
        c.RtProcess([loud, quiet, silent], 4800);
        double reduction = -4.0 - Decibels.FromGain(loud[^1]);
        Assert.Equal(12.0, reduction, 3); // 16 dB over at 4:1; 1e-3 dB: fully settled after 100 attack times
        Assert.Equal(-40.0 - 12.0, Decibels.FromGain(quiet[^1]), 3); // same gain on the quiet channel
        Assert.Equal(12.0, c.GainReductionDb, 3);
    }

    [Fact]
    public void External_key_drives_the_reduction_of_the_main_channels()
    {
        var c = new Compressor();
        c.RtSetThresholdDb(-30);
        c.RtSetRatio(double.PositiveInfinity);
        c.RtSetKneeDb(0);
        c.RtSetAttackMs(1);
        c.Prepare(new ProcessSpec(Rate, 4800, 1), keyChannels: 2);
        var music = Dc(4800, -40.0);
        c.RtProcess([music], 4800, [Dc(4800, -10.0), new double[4800]]);
        Assert.Equal(-60.0, Decibels.FromGain(music[^1]), 3); // key 20 dB over an infinite ratio: 20 dB duck; 1e-3 dB settled
    }

    [Fact]
    public void Sidechain_high_pass_keeps_low_frequencies_from_compressing()
    {
        var c = Make(-20.0, 4.0, 0.0);
        c.RtSetSidechainHighPassHz(1000);
        var rumble = TestSignals.Sine(Rate, 30.0, amplitude: 0.5);
        c.RtProcess([rumble], 4800);
        c.RtProcess([rumble[4800..]], 4800);
        Assert.True(c.GainReductionDb < 0.1, $"{c.GainReductionDb} dB"); // 30 Hz is ~60 dB down at 1 kHz HP: no reduction beyond 0.1 dB
    }

    [Fact]
    public void Makeup_jump_glides_without_a_step()
    {
        var c = Make(0.0, 1.0, 0.0);
        c.RtSetMakeupDb(12.0);
        var x = Dc(4800, -20.0);
        c.RtProcess([x], 4800);
        double largestStepDb = 0;
        for (int i = 1; i < x.Length; i++) largestStepDb = Math.Max(largestStepDb, Decibels.FromGain(x[i]) - Decibels.FromGain(x[i - 1]));
        Assert.True(largestStepDb < 0.05, $"{largestStepDb} dB"); // 12 dB over a 10 ms glide: first step 12·(1−e^(−1/480)) ≈ 0.025 dB
        Assert.Equal(-8.0, Decibels.FromGain(x[^1]), 3); // settled after 10 time constants: 12 dB·e^-10 ≈ 5e-4 dB
    }

    [Fact]
    public void Reset_recovers_from_a_non_finite_input()
    {
        var c = Make(-20.0, 4.0, 6.0, channels: 2);
        c.RtSetDetection(DynamicsDetection.Rms);
        c.RtSetSidechainHighPassHz(80);
        double[] bad = [double.NaN, double.PositiveInfinity, 0.1];
        c.RtProcess([bad, (double[])bad.Clone()], 3);
        c.Reset();
        var x = Dc(4800, -40.0);
        c.RtProcess([x, (double[])x.Clone()], 4800);
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(-40.0, Decibels.FromGain(x[^1]), 6); // below threshold after reset: unity within 1e-6 dB
    }

    [Fact]
    public void Processing_a_block_allocates_nothing_after_prepare()
    {
        var c = Make(-20.0, 4.0, 6.0, channels: 2);
        c.RtSetSidechainHighPassHz(100);
        var a = TestSignals.Noise(512, seed: 1);
        var b = TestSignals.Noise(512, seed: 2);
        var key = new[] { TestSignals.Noise(512, seed: 3) };
        var channels = new[] { a, b };
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            c.RtSetThresholdDb(-25);
            c.RtProcess(channels, 512);
            c.RtSetDetection(DynamicsDetection.Rms);
            c.RtProcess(channels, 512, key);
            c.RtSetDetection(DynamicsDetection.Peak);
            _ = c.GainReductionDb;
        });
        Assert.Equal(0, bytes); // exact: Rt code allocates nothing
    }

    [Fact]
    public void Output_is_the_same_for_any_block_size()
    {
        var x = TestSignals.Noise(4000, seed: 5, amplitude: 0.9);
        var whole = (double[])x.Clone();
        Make(-20, 4, 6).RtProcess([whole], whole.Length);
        var pieces = (double[])x.Clone();
        var c = Make(-20, 4, 6);
        for (int start = 0; start < pieces.Length; start += 37)
        {
            int n = Math.Min(37, pieces.Length - start);
            var part = pieces[start..(start + n)];
            c.RtProcess([part], n);
            part.CopyTo(pieces, start);
        }
        Assert.Equal(whole, pieces); // exact: state is per sample, block boundaries do not matter
    }
}
