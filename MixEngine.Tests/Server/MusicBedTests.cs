using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class MusicBedTests
{
    [Fact]
    public void Bed_is_stereo_peaking_at_minus_14_dBFS_with_different_left_and_right()
    {
        var x = MusicBed.Synthesize(1, 48000, 9 * 48000);
        Assert.Equal(2, x.Length);
        // Scaling to the peak is one multiplication per sample: exact to a few ulps.
        Assert.Equal(Math.Pow(10, -14 / 20.0), x.Max(ch => ch.Max(Math.Abs)), 1e-12);
        Assert.NotEqual(x[0], x[1]);
    }
}
