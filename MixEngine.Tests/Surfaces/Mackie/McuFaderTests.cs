using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuFaderTests
{
    [Theory]
    [InlineData(0, 0, "E0 00 00")]
    [InlineData(0, 0x3FFF, "E0 7F 7F")]
    [InlineData(3, 0x3000, "E3 00 60")]
    [InlineData(8, 0x2001, "E8 01 40")]
    public void Positions_are_pitch_bend_on_the_fader_channel(int fader, int value, string bytes)
    {
        var message = McuFader.Position(fader, value);

        Assert.Equal(bytes, message.ToString());
        Assert.True(McuFader.TryDecodePosition(message, out int f, out int v));
        Assert.Equal((fader, value), (f, v));
    }

    [Fact]
    public void Pitch_bend_above_channel_8_is_not_a_fader()
    {
        Assert.False(McuFader.TryDecodePosition(MidiMessage.PitchBend(9, 0), out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => McuFader.Position(9, 0));
    }

    [Theory]
    [InlineData("90 68 7F", 0, true)]
    [InlineData("90 6F 00", 7, false)]
    [InlineData("80 70 40", 8, false)]
    [InlineData("90 70 7F", 8, true)]
    public void Touch_notes_68_to_70_report_touch_and_release(string bytes, int fader, bool touched)
    {
        var b = Convert.FromHexString(bytes.Replace(" ", ""));

        Assert.True(McuFader.TryDecodeTouch(new MidiMessage(b[0], b[1], b[2]), out int f, out bool t));
        Assert.Equal((fader, touched), (f, t));
    }

    [Fact]
    public void Other_notes_are_not_touches()
    {
        Assert.False(McuFader.TryDecodeTouch(MidiMessage.NoteOn(0, 0x67, 0x7F), out _, out _));
        Assert.False(McuFader.TryDecodeTouch(MidiMessage.NoteOn(0, 0x71, 0x7F), out _, out _));
        Assert.Equal(0x70, McuFader.TouchNote(McuFader.Master));
    }
}
