using MixEngine.Server.Demo;

namespace MixEngine.Tests.Server;

public sealed class RoomToneTests
{
    [Fact]
    public void Room_tone_sits_at_minus_56_dBFS_RMS()
    {
        var x = RoomTone.Synthesize(5, 48000, 2 * 48000);
        double rms = Math.Sqrt(x.Sum(v => v * v) / x.Length);
        // Scaled to the RMS target in one multiplication; 1e-9 dB covers the rounding of the sum of squares.
        Assert.Equal(-56, 20 * Math.Log10(rms), 1e-9);
    }
}
