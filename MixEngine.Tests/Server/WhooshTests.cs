using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class WhooshTests
{
    [Fact]
    public void Whoosh_swells_to_minus_8_dBFS_in_the_middle_from_quiet_ends()
    {
        const int n = 2 * 48000;
        var x = Whoosh.Synthesize(4, 48000, n);
        double peak = x.Max(Math.Abs);
        // Scaling to the peak is one multiplication per sample: exact to a few ulps.
        Assert.Equal(Math.Pow(10, -8 / 20.0), peak, 1e-12);
        // The envelope is rise², rise < 0.11 in the outer 5 %: at most −19 dB of the top; −12 dB leaves room for noise peaks.
        Assert.True(x.Take(n / 20).Max(Math.Abs) < peak / 4);
        Assert.True(x.Skip(n - n / 20).Max(Math.Abs) < peak / 4);
    }
}
