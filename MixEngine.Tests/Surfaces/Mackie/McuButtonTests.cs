using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuButtonTests
{
    [Theory]
    [InlineData(McuNote.Mute + 2, McuLed.On, "90 12 7F")]
    [InlineData(McuNote.Solo, McuLed.Flash, "90 08 01")]
    [InlineData(McuNote.Play, McuLed.Off, "90 5E 00")]
    [InlineData(McuNote.AutomationTouch, McuLed.On, "90 4D 7F")]
    [InlineData(McuNote.RudeSoloLed, McuLed.On, "90 73 7F")]
    public void LEDs_are_note_on_with_velocity_off_flash_or_on(int note, McuLed state, string bytes)
    {
        Assert.Equal(bytes, McuButton.Led(note, state).ToString());
    }

    [Theory]
    [InlineData(0x90, 0x5E, 0x7F, true)]
    [InlineData(0x90, 0x5E, 0x00, false)]
    [InlineData(0x80, 0x5E, 0x40, false)]
    public void Presses_and_releases_in_both_release_forms(byte status, byte note, byte velocity, bool pressed)
    {
        Assert.True(McuButton.TryDecode(new MidiMessage(status, note, velocity), out int n, out bool p));
        Assert.Equal((0x5E, pressed), (n, p));
    }

    [Fact]
    public void Notes_on_other_channels_are_not_buttons()
    {
        Assert.False(McuButton.TryDecode(MidiMessage.NoteOn(1, 0x5E, 0x7F), out _, out _));
        Assert.False(McuButton.TryDecode(MidiMessage.ControlChange(0, 0x10, 1), out _, out _));
    }
}
