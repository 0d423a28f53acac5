using MixEngine.Dsp;

namespace MixEngine.Tests.Dsp;

/// <summary>Statistics and determinism of the <see cref="TpdfDither"/> kernel.</summary>
public sealed class TpdfDitherTests
{
    private const int Draws = 1_000_000;

    private static double[] Draw(ulong seed, int channel, int count)
    {
        var dither = new TpdfDither(seed, channel);
        var values = new double[count];
        dither.RtFill(values);
        return values;
    }

    [Fact]
    public void Draws_have_mean_zero_and_the_triangular_variance_of_one_sixth()
    {
        var values = Draw(1, 0, Draws);
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        // σ of one draw = √(1/6) ≈ 0.408, so σ of the mean over 10^6 draws ≈ 0.00041: ±0.002 is about 5σ.
        Assert.InRange(mean, -0.002, 0.002);
        // The sample variance of 10^6 draws has σ ≈ 0.00015 (fourth moment 1/15); ±0.001 is over 6σ.
        Assert.InRange(variance, 1.0 / 6 - 0.001, 1.0 / 6 + 0.001);
    }

    [Fact]
    public void Draws_stay_inside_plus_minus_one_lsb_and_reach_its_edges()
    {
        var values = Draw(99, 3, Draws);
        Assert.All(values, v => Assert.True(v > -1 && v < 1, $"{v} outside (-1, 1)"));
        // P(|x| > 0.99) = 0.0001 per draw, about 100 expected in 10^6: seeing none on either side is practically impossible.
        Assert.True(values.Min() < -0.99);
        Assert.True(values.Max() > 0.99);
    }

    [Fact]
    public void The_histogram_follows_the_triangle_one_minus_abs_x()
    {
        var values = Draw(7, 1, Draws);
        const int bins = 20;
        var counts = new int[bins];
        foreach (double v in values) counts[Math.Min(bins - 1, (int)((v + 1) / 2 * bins))]++;
        for (int b = 0; b < bins; b++)
        {
            double lo = -1 + 2.0 * b / bins, hi = lo + 2.0 / bins;
            // Probability of the bin under pdf 1 - |x|: integral of the triangle between lo and hi.
            double Cdf(double x) => x < 0 ? (1 + x) * (1 + x) / 2 : 1 - (1 - x) * (1 - x) / 2;
            double p = Cdf(hi) - Cdf(lo);
            double expected = p * Draws, sigma = Math.Sqrt(Draws * p * (1 - p));
            // Binomial count per bin: 6σ keeps the false-failure chance below 10^-8 per bin.
            Assert.InRange(counts[b], expected - 6 * sigma, expected + 6 * sigma);
        }
    }

    [Fact]
    public void A_seed_and_channel_always_give_the_same_sequence_and_other_channels_differ()
    {
        Assert.Equal(Draw(42, 2, 1000), Draw(42, 2, 1000));
        Assert.NotEqual(Draw(42, 2, 1000), Draw(42, 3, 1000));
        Assert.NotEqual(Draw(42, 2, 1000), Draw(43, 2, 1000));
    }

    [Fact]
    public void Drawing_in_chunks_or_one_by_one_gives_the_same_sequence()
    {
        var whole = Draw(5, 0, 10_000);
        var dither = new TpdfDither(5, 0);
        var chunked = new double[10_000];
        int offset = 0;
        foreach (int size in new[] { 1, 7, 1000, 4096, 2 })
        {
            dither.RtFill(chunked.AsSpan(offset, size));
            offset += size;
        }
        while (offset < chunked.Length) chunked[offset++] = dither.RtNext();
        Assert.Equal(whole, chunked);
    }

    [Fact]
    public void Drawing_four_channels_together_gives_each_channel_its_own_sequence()
    {
        var states = new[] { new TpdfDither(8, 0), new TpdfDither(8, 1), new TpdfDither(8, 2), new TpdfDither(8, 3) };
        var together = new double[4][];
        for (int c = 0; c < 4; c++) together[c] = new double[3000];
        int offset = 0;
        foreach (int size in new[] { 1, 999, 2000 })
        {
            TpdfDither.RtFillFour(ref states[0], ref states[1], ref states[2], ref states[3], together[0].AsSpan(offset, size),
                together[1].AsSpan(offset, size), together[2].AsSpan(offset, size), together[3].AsSpan(offset, size));
            offset += size;
        }
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(Draw(8, c, 3000), together[c]);
            Assert.Equal(Draw(8, c, 3001)[3000], states[c].RtNext()); // each state continues where its own sequence is
        }
    }

    [Fact]
    public void Adjacent_channels_are_uncorrelated()
    {
        var a = Draw(11, 0, Draws);
        var b = Draw(11, 1, Draws);
        double correlation = a.Zip(b, (x, y) => x * y).Average() / (1.0 / 6);
        // Independent streams: σ of the correlation estimate ≈ 1/√10^6 = 0.001; ±0.006 is 6σ.
        Assert.InRange(correlation, -0.006, 0.006);
    }
}
