using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

public sealed class KWeightingFilterTests
{
    [Fact]
    public void Coefficients_at_48kHz_match_BS1770_Annex1_tables_to_12_digits()
    {
        var f = new KWeightingFilter(48000);
        // ITU-R BS.1770-5 Annex 1 Tables 1 and 2 print 14 digits; the bilinear design reproduces them (loudness-dsp.md §1.1).
        const double tol = 1e-12;
        Assert.Equal(1.53512485958697, f.Shelf.B0, tol);
        Assert.Equal(-2.69169618940638, f.Shelf.B1, tol);
        Assert.Equal(1.19839281085285, f.Shelf.B2, tol);
        Assert.Equal(-1.69065929318241, f.Shelf.A1, tol);
        Assert.Equal(0.73248077421585, f.Shelf.A2, tol);
        Assert.Equal(-1.99004745483398, f.HighPass.A1, tol);
        Assert.Equal(0.99007225036621, f.HighPass.A2, tol);
    }

    [Theory]
    [InlineData(44100, -1.66365511325602, 0.71259542807323, -1.98916967362980)]
    [InlineData(96000, -1.84460946989011, 0.85584332293064, -1.99501754472472)]
    public void Coefficients_at_other_rates_match_the_prototype_derivation(int rate, double a1, double a2, double hpA1)
    {
        var f = new KWeightingFilter(rate);
        Assert.Equal(a1, f.Shelf.A1, 1e-12);
        Assert.Equal(a2, f.Shelf.A2, 1e-12);
        Assert.Equal(hpA1, f.HighPass.A1, 1e-12);
    }

    [Fact]
    public void A_997Hz_sine_gains_0_691_dB_through_the_filter()
    {
        var f = new KWeightingFilter(48000);
        int n = 48000 * 4;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.Sin(2 * Math.PI * 997 * i / 48000.0);
        f.RtProcessSquaredSum(x.AsSpan(0, 48000)); // settle the high-pass
        double sum = f.RtProcessSquaredSum(x.AsSpan(48000));
        double gainDb = 10 * Math.Log10(sum / (n - 48000) / 0.5);
        Assert.Equal(0.691, gainDb, 0.002); // loudness-dsp.md §1.1: +0.6910 dB at 997 Hz, 48 kHz
    }
}
