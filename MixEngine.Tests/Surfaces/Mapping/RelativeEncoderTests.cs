using MixEngine.Surfaces.Mapping;

namespace MixEngine.Tests.Surfaces.Mapping;

public class RelativeEncoderTests
{
    [Theory]
    [InlineData(RelativeEncoding.TwosComplement, 0x01, 1)]
    [InlineData(RelativeEncoding.TwosComplement, 0x3F, 63)]
    [InlineData(RelativeEncoding.TwosComplement, 0x7F, -1)]
    [InlineData(RelativeEncoding.TwosComplement, 0x41, -63)]
    [InlineData(RelativeEncoding.TwosComplement, 0x40, -64)]
    [InlineData(RelativeEncoding.SignMagnitude, 0x01, 1)]
    [InlineData(RelativeEncoding.SignMagnitude, 0x41, -1)]
    [InlineData(RelativeEncoding.SignMagnitude, 0x45, -5)]
    [InlineData(RelativeEncoding.SignMagnitudeInverted, 0x41, 1)]
    [InlineData(RelativeEncoding.SignMagnitudeInverted, 0x01, -1)]
    [InlineData(RelativeEncoding.BinaryOffset, 0x41, 1)]
    [InlineData(RelativeEncoding.BinaryOffset, 0x3F, -1)]
    [InlineData(RelativeEncoding.BinaryOffset, 0x40, 0)]
    [InlineData(RelativeEncoding.BinaryOffset, 0x00, -64)]
    public void Each_style_decodes_its_documented_values(RelativeEncoding style, int value, int ticks) =>
        Assert.Equal(ticks, RelativeEncoder.Decode(style, value));

    [Theory]
    [InlineData(RelativeEncoding.TwosComplement)]
    [InlineData(RelativeEncoding.SignMagnitude)]
    [InlineData(RelativeEncoding.SignMagnitudeInverted)]
    [InlineData(RelativeEncoding.BinaryOffset)]
    public void Every_turn_of_up_to_63_ticks_encodes_and_decodes_to_itself(RelativeEncoding style)
    {
        for (int ticks = -63; ticks <= 63; ticks++) Assert.Equal(ticks, RelativeEncoder.Decode(style, RelativeEncoder.Encode(style, ticks)));
    }

    [Fact]
    public void Values_outside_7_bits_and_the_absolute_style_are_refused_naming_the_value()
    {
        Assert.Contains("128", Assert.Throws<ArgumentOutOfRangeException>(() => RelativeEncoder.Decode(RelativeEncoding.BinaryOffset, 128)).Message);
        Assert.Throws<ArgumentException>(() => RelativeEncoder.Decode(RelativeEncoding.None, 1));
    }
}
