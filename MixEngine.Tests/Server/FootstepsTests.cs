using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class FootstepsTests
{
    [Fact]
    public void Steps_peak_at_minus_10_dBFS_and_fall_quiet_between_steps()
    {
        const int rate = 48000;
        var x = Footsteps.Synthesize(9, rate, 4 * rate);
        double peak = x.Max(Math.Abs);
        // Scaling to the peak is one multiplication per sample: exact to a few ulps.
        Assert.Equal(Math.Pow(10, -10 / 20.0), peak, 1e-12);
        int window = rate / 50, quiet = 0, windows = x.Length / window;
        for (int w = 0; w < windows; w++)
            if (x.Skip(w * window).Take(window).Max(Math.Abs) < peak * 0.01) quiet++;
        // A step every 0.5–0.6 s lasts well under 0.3 s above −40 dB, so at least a third of 20 ms windows are quiet.
        Assert.True(quiet > windows / 3, $"{quiet} of {windows} windows are quiet");
    }
}
