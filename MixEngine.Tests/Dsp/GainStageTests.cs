using MixEngine.Dsp;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp;

public class GainStageTests
{
    [Fact]
    public void Vector_scaling_gives_the_same_bits_as_a_scalar_multiply_for_every_length()
    {
        var x = TestSignals.Noise(37, seed: 3);
        for (int n = 0; n <= x.Length; n++)
        {
            var y = x[..n];
            GainStage.RtScale(y.AsSpan(), 0.7071);
            for (int i = 0; i < n; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(x[i] * 0.7071), BitConverter.DoubleToInt64Bits(y[i])); // exact bits
        }
    }

    [Fact]
    public void Per_sample_gain_path_multiplies_each_sample_by_its_own_gain()
    {
        var x = TestSignals.Ramp(19);
        var g = TestSignals.Noise(19, seed: 9);
        var y = (double[])x.Clone();
        GainStage.RtScale(y.AsSpan(), g);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] * g[i], y[i]); // exact: one IEEE multiply each
    }

    [Fact]
    public void Unity_gain_leaves_samples_untouched_including_negative_zero()
    {
        var y = new[] { -0.0, 1.5, -2.25 };
        GainStage.RtScale(y.AsSpan(), 1.0);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(y[0])); // exact bits
    }
}
