using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Midi;

public class MidiMessageTests
{
    [Theory]
    [InlineData(0, "E0 00 00")]
    [InlineData(8192, "E0 00 40")]
    [InlineData(16383, "E0 7F 7F")]
    [InlineData(12288, "E0 00 60")]
    [InlineData(0x1234, "E0 34 24")]
    public void Pitch_bend_is_14_bits_sent_LSB_first(int value, string bytes)
    {
        var message = MidiMessage.PitchBend(0, value);

        Assert.Equal(bytes, message.ToString());
        Assert.Equal(value, message.PitchBendValue);
    }

    [Theory]
    [InlineData(0x90, 2)]
    [InlineData(0xC3, 1)]
    [InlineData(0xDF, 1)]
    [InlineData(0xF1, 1)]
    [InlineData(0xF2, 2)]
    [InlineData(0xF3, 1)]
    [InlineData(0xF6, 0)]
    [InlineData(0xF8, 0)]
    [InlineData(0xF0, -1)]
    public void Data_lengths_follow_the_status_table(byte status, int length)
    {
        Assert.Equal(length, MidiMessage.DataLengthOf(status));
    }

    [Fact]
    public void Out_of_range_values_are_refused_with_the_value()
    {
        Assert.Contains("16384", Assert.Throws<ArgumentOutOfRangeException>(() => MidiMessage.PitchBend(0, 16384)).Message);
        Assert.Contains("128", Assert.Throws<ArgumentOutOfRangeException>(() => MidiMessage.NoteOn(0, 128, 0)).Message);
        Assert.Contains("16", Assert.Throws<ArgumentOutOfRangeException>(() => MidiMessage.ControlChange(16, 0, 0)).Message);
    }
}
