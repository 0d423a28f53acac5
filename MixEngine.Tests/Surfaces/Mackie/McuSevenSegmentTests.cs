using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSevenSegmentTests
{
    [Theory]
    [InlineData('0', 0x30)]
    [InlineData('9', 0x39)]
    [InlineData(' ', 0x20)]
    [InlineData('-', 0x2D)]
    [InlineData('A', 0x01)]
    [InlineData('e', 0x05)]
    [InlineData('Z', 0x1A)]
    [InlineData('é', 0x20)]
    public void Characters_use_the_6_bit_display_code(char c, int code)
    {
        Assert.Equal(code, McuSevenSegment.CodeOf(c));
    }

    [Fact]
    public void Timecode_is_written_right_to_left_with_separators_as_dots()
    {
        var messages = new MidiMessage[10];

        McuSevenSegment.Timecode("01:00:00:00", messages);

        // Digits from the right: 0 0 | 0 0. | 0 0. | 1. 0 then two blanks; dot (bit 6) on the digit left of each ':'.
        Assert.Equal([
            "B0 40 30", "B0 41 30", "B0 42 70", "B0 43 30", "B0 44 70", "B0 45 30", "B0 46 71", "B0 47 30",
            "B0 48 20", "B0 49 20"], messages.Select(m => m.ToString()));
    }

    [Fact]
    public void The_assignment_display_sends_left_on_4B_and_right_on_4A()
    {
        var messages = new MidiMessage[2];

        McuSevenSegment.Assignment('E', 'q', messages);

        Assert.Equal(["B0 4B 05", "B0 4A 11"], messages.Select(m => m.ToString()));
    }
}
