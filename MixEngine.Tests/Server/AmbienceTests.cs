using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class AmbienceTests
{
    [Fact]
    public void Ambience_is_stereo_at_minus_38_dBFS_RMS_with_decorrelated_channels()
    {
        var x = Ambience.Synthesize(6, 48000, 4 * 48000);
        Assert.Equal(2, x.Length);
        double sum = x.Sum(ch => ch.Sum(v => v * v));
        // Scaled to the RMS target in one multiplication; 1e-9 dB covers the rounding of the sum of squares.
        Assert.Equal(-38, 20 * Math.Log10(Math.Sqrt(sum / (2.0 * x[0].Length))), 1e-9);
        double cross = 0, l = 0, r = 0;
        for (int i = 0; i < x[0].Length; i++)
        {
            cross += x[0][i] * x[1][i];
            l += x[0][i] * x[0][i];
            r += x[1][i] * x[1][i];
        }
        // Independent seeds per channel: the correlation of 192k samples of noise stays far below 0.3.
        Assert.True(Math.Abs(cross / Math.Sqrt(l * r)) < 0.3);
    }
}
