using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class DoorSlamTests
{
    [Fact]
    public void Slam_peaks_at_minus_6_dBFS_early_and_has_died_away_after_a_second()
    {
        const int rate = 48000;
        var x = DoorSlam.Synthesize(2, rate, 3 * rate / 2);
        double peak = x.Max(Math.Abs);
        // Scaling to the peak is one multiplication per sample: exact to a few ulps.
        Assert.Equal(Math.Pow(10, -6 / 20.0), peak, 1e-12);
        Assert.Equal(peak, x.Take(rate / 5).Max(Math.Abs));
        // The slowest component decays with a 0.16 s time constant: after 1 s it is ~54 dB down; −40 dB leaves margin.
        Assert.True(x.Skip(rate).Max(Math.Abs) < peak * 0.01);
    }
}
