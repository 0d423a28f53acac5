using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuMeterTests
{
    [Theory]
    [InlineData(double.NegativeInfinity, 0)]
    [InlineData(-60.1, 0)]
    [InlineData(-60.0, 1)]
    [InlineData(-55.0, 2)]
    [InlineData(-20.0, 9)]
    [InlineData(-0.1, 12)]
    [InlineData(0.0, 12)]
    [InlineData(0.01, 13)]
    public void Peaks_map_to_segments_of_5_dB_with_full_scale_above_0_dBFS(double peak, int level)
    {
        Assert.Equal(level, McuMeter.LevelOf(peak));
    }

    [Theory]
    [InlineData(0, 12, "D0 0C")]
    [InlineData(7, 0, "D0 70")]
    [InlineData(3, McuMeter.SetOverload, "D0 3E")]
    [InlineData(3, McuMeter.ClearOverload, "D0 3F")]
    public void Meter_messages_are_channel_pressure_strip_in_the_high_nibble(int strip, int level, string bytes)
    {
        var message = McuMeter.Level(strip, level);

        Assert.Equal(bytes, message.ToString());
        Assert.True(McuMeter.TryDecode(message, out int s, out int l));
        Assert.Equal((strip, level), (s, l));
    }
}
