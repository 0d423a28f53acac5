using MixEngine.Dsp;
using MixEngine.Session;

namespace MixEngine.Tests.Dsp;

public class FadeCurveTests
{
    [Theory]
    [InlineData(FadeShape.Linear)]
    [InlineData(FadeShape.EqualPower)]
    [InlineData(FadeShape.SCurve)]
    public void Gain_is_exactly_one_outside_both_fades(FadeShape shape)
    {
        var fadeIn = new Fade(100, shape);
        var fadeOut = new Fade(50, shape);
        // Exact: samples outside fades must pass bit-identically.
        for (long s = 100; s < 1000 - 50; s++)
        {
            Assert.Equal(1.0, FadeCurve.FadeInGain(fadeIn, s));
            Assert.Equal(1.0, FadeCurve.FadeOutGain(fadeOut, s, 1000));
        }
    }

    [Fact]
    public void Fade_in_starts_silent_and_follows_each_law_at_exact_samples()
    {
        const int L = 8;
        for (int i = 0; i < L; i++)
        {
            double t = i / 8.0;
            // 1e-15: one rounding of sin/cos in double.
            Assert.Equal(t, FadeCurve.FadeInGain(new Fade(L, FadeShape.Linear), i), 1e-15);
            Assert.Equal(Math.Sin(Math.PI / 2 * t), FadeCurve.FadeInGain(new Fade(L, FadeShape.EqualPower), i), 1e-15);
            Assert.Equal((1 - Math.Cos(Math.PI * t)) / 2, FadeCurve.FadeInGain(new Fade(L, FadeShape.SCurve), i), 1e-15);
        }
        Assert.Equal(0.0, FadeCurve.FadeInGain(new Fade(L, FadeShape.EqualPower), 0));
    }

    [Theory]
    [InlineData(FadeShape.Linear)]
    [InlineData(FadeShape.EqualPower)]
    [InlineData(FadeShape.SCurve)]
    public void Fade_out_is_the_mirror_image_of_the_fade_in_and_ends_silent(FadeShape shape)
    {
        const long clipLength = 40, L = 10;
        for (long k = 0; k < L; k++)
        {
            // Exact: both sides evaluate the same law at the same t.
            Assert.Equal(FadeCurve.FadeInGain(new Fade(L, shape), k), FadeCurve.FadeOutGain(new Fade(L, shape), clipLength - 1 - k, clipLength));
        }
        Assert.Equal(0.0, FadeCurve.FadeOutGain(new Fade(L, shape), clipLength - 1, clipLength));
    }

    [Fact]
    public void Clip_gain_path_multiplies_clip_gain_by_both_fades()
    {
        var gains = new double[20];
        FadeCurve.RtFillClipGains(new Fade(4, FadeShape.Linear), new Fade(4, FadeShape.Linear), 0.5, 0, 20, gains);
        // Exact: products of exactly representable quarters and 0.5.
        Assert.Equal([0, 0.125, 0.25, 0.375, 0.5, 0.5], gains[..6]);
        Assert.Equal([0.5, 0.375, 0.25, 0.125, 0], gains[15..]);
    }
}
