using System.Numerics;
using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Dynamics;

public class DeEsserTests
{
    private const int Rate = 48_000;

    private static DeEsser Make(double thresholdDb, double rangeDb, double ratio = double.PositiveInfinity, int channels = 1, int block = 4800)
    {
        var d = new DeEsser();
        d.RtSetFrequencyHz(6000);
        d.RtSetThresholdDb(thresholdDb);
        d.RtSetRangeDb(rangeDb);
        d.RtSetRatio(ratio);
        d.Prepare(new ProcessSpec(Rate, block, channels));
        return d;
    }

    private static double[] Sine(double hz, double db, int length = Rate)
    {
        double a = Decibels.ToGain(db);
        return Enumerable.Range(0, length).Select(i => a * Math.Sin(2 * Math.PI * hz * i / Rate)).ToArray();
    }

    private static void Run(DeEsser d, double[][] x, int block = 4800)
    {
        var buffers = x.Select(_ => new double[block]).ToArray();
        for (int start = 0; start < x[0].Length; start += block)
        {
            int n = Math.Min(block, x[0].Length - start);
            for (int c = 0; c < x.Length; c++) Array.Copy(x[c], start, buffers[c], 0, n);
            d.RtProcess(buffers, n);
            for (int c = 0; c < x.Length; c++) Array.Copy(buffers[c], 0, x[c], start, n);
        }
    }

    // Level in dB of the component at hz over the last half second (a whole number of cycles for the tones used).
    private static double ToneDb(double[] y, double hz)
    {
        int from = y.Length - Rate / 2;
        Complex sum = 0;
        for (int n = from; n < y.Length; n++) sum += y[n] * Complex.Exp(new Complex(0, -2 * Math.PI * hz * n / Rate));
        return Decibels.FromGain(2 * sum.Magnitude / (Rate / 2));
    }

    [Fact]
    public void Below_the_threshold_the_output_is_the_input_bit_exactly()
    {
        var d = Make(-20, 12);
        var x = Sine(6000, -26);
        var y = (double[])x.Clone();
        Run(d, [y]);
        Assert.Equal(x, y); // exact: g = 1 adds 0·band
        Assert.Equal(0.0, d.GainReductionDb);
    }

    [Theory]
    [InlineData(-10.0, -30.0, double.PositiveInfinity, -30.0)]
    [InlineData(-10.0, -30.0, 4.0, -25.0)]
    [InlineData(-20.0, -35.0, 2.0, -27.5)]
    public void Above_the_threshold_the_band_follows_the_ratio(double levelDb, double thresholdDb, double ratio, double expectedDb)
    {
        var d = Make(thresholdDb, 40, ratio);
        var y = Sine(6000, levelDb);
        Run(d, [y]);
        // At the centre frequency the band is the whole signal (0 dB, 0°), so the tone comes out at the computed level;
        // 0.05 dB: the peak envelope droops by 0.024 dB per 6 kHz cycle at a 60 ms release.
        Assert.Equal(expectedDb, ToneDb(y, 6000), 0.05);
        Assert.Equal(levelDb - expectedDb, d.GainReductionDb, 0.05);
    }

    [Fact]
    public void Reduction_stops_at_the_range()
    {
        var d = Make(-40, 6);
        var y = Sine(6000, -5);
        Run(d, [y]);
        Assert.Equal(-11.0, ToneDb(y, 6000), 0.01); // 35 dB over, capped at 6 dB: exact once settled (the envelope ripple is inside the cap)
        Assert.Equal(6.0, d.GainReductionDb, 6);
    }

    [Fact]
    public void Only_the_band_is_reduced_the_rest_is_untouched()
    {
        var d = Make(-30, 20);
        var low = Sine(500, -10);
        var ess = Sine(6000, -10);
        var y = low.Zip(ess, (a, b) => a + b).ToArray();
        Run(d, [y]);
        Assert.Equal(-30.0, ToneDb(y, 6000), 0.1); // 0.1 dB: the 500 Hz tone adds a little to the band's peak envelope
        // 500 Hz is 50 dB down in the fourth-order band around 6 kHz: a 20 dB cut of the band moves it < 0.03 dB.
        Assert.Equal(-10.0, ToneDb(y, 500), 0.03);
    }

    [Fact]
    public void Linked_channels_get_the_same_reduction()
    {
        var d = Make(-30, 20, channels: 2);
        var loud = Sine(6000, -10);
        var quiet = Sine(6000, -40);
        Run(d, [loud, quiet]);
        Assert.Equal(-30.0, ToneDb(loud, 6000), 0.05);
        Assert.Equal(-60.0, ToneDb(quiet, 6000), 0.05); // reduced by the loud channel's 20 dB though below threshold itself
    }

    [Fact]
    public void Reset_recovers_from_a_non_finite_input()
    {
        var d = Make(-30, 12);
        double[] bad = [double.NaN, double.PositiveInfinity, 0.1];
        d.RtProcess([bad], 3);
        d.Reset();
        var x = Sine(500, -20, 4800);
        var y = (double[])x.Clone();
        d.RtProcess([y], 4800);
        Assert.Equal(x, y); // below threshold after reset: exact passthrough
    }

    [Fact]
    public void Processing_allocates_nothing_after_prepare()
    {
        var d = Make(-30, 12, channels: 2, block: 512);
        var a = TestSignals.Noise(512, seed: 1);
        var b = TestSignals.Noise(512, seed: 2);
        double[][] channels = [a, b];
        int round = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            d.RtSetFrequencyHz(5000 + 10 * ++round);
            d.RtSetThresholdDb(-30 - round % 3);
            for (int i = 0; i < 10; i++) d.RtProcess(channels, 512);
            _ = d.GainReductionDb;
        });
        Assert.Equal(0, bytes); // exact: Rt code allocates nothing
    }
}
