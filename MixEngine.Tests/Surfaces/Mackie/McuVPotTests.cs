using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuVPotTests
{
    [Theory]
    [InlineData(0x10, 0x01, 0, 1)]
    [InlineData(0x17, 0x41, 7, -1)]
    [InlineData(0x12, 0x45, 2, -5)]
    [InlineData(0x13, 0x3F, 3, 63)]
    [InlineData(0x14, 0x00, 4, 1)]
    [InlineData(0x15, 0x40, 5, -1)]
    public void Turns_are_sign_magnitude_ticks_with_bit_6_counter_clockwise(int cc, int value, int pot, int delta)
    {
        Assert.True(McuVPot.TryDecodeTurn(MidiMessage.ControlChange(0, cc, value), out int p, out int d));
        Assert.Equal((pot, delta), (p, d));
    }

    [Fact]
    public void The_jog_wheel_is_CC_3C_with_the_same_encoding()
    {
        Assert.True(McuVPot.TryDecodeJog(MidiMessage.ControlChange(0, 0x3C, 0x43), out int delta));
        Assert.Equal(-3, delta);
        Assert.False(McuVPot.TryDecodeTurn(MidiMessage.ControlChange(0, 0x3C, 0x43), out _, out _));
    }

    [Theory]
    [InlineData(0, McuRingMode.Dot, 6, true, "B0 30 46")]
    [InlineData(1, McuRingMode.BoostCut, 11, false, "B0 31 1B")]
    [InlineData(2, McuRingMode.Wrap, 1, false, "B0 32 21")]
    [InlineData(7, McuRingMode.Spread, 3, false, "B0 37 33")]
    [InlineData(5, McuRingMode.Dot, 0, false, "B0 35 00")]
    public void Rings_encode_centre_LED_mode_and_position(int pot, McuRingMode mode, int position, bool centre, string bytes)
    {
        Assert.Equal(bytes, McuVPot.Ring(pot, mode, position, centre).ToString());
    }

    [Theory]
    [InlineData(0.0, McuRingMode.Dot, 1)]
    [InlineData(0.5, McuRingMode.Dot, 6)]
    [InlineData(1.0, McuRingMode.Wrap, 11)]
    [InlineData(0.0, McuRingMode.Spread, 1)]
    [InlineData(1.0, McuRingMode.Spread, 6)]
    public void Normalised_values_map_onto_ring_positions(double value, McuRingMode mode, int position)
    {
        Assert.Equal(position, McuVPot.PositionOf(value, mode));
    }
}
