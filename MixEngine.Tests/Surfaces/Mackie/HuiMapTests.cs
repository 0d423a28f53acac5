using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class HuiMapTests
{
    [Theory]
    [InlineData(0x00, 1, 0x18)] // strip 1 select
    [InlineData(0x07, 2, 0x17)] // strip 8 mute
    [InlineData(0x02, 3, 0x0A)] // strip 3 solo
    [InlineData(0x01, 5, 0x21)] // strip 2 V-select
    [InlineData(0x0A, 3, 0x2F)] // bank right
    [InlineData(0x0E, 4, 0x5E)] // play
    [InlineData(0x18, 5, 0x4D)] // automation touch
    [InlineData(0x18, 3, 0x4F)] // automation off (MCU GROUP)
    [InlineData(0x0B, 2, 0x2A)] // assign PAN
    [InlineData(0x1C, 0, 0x2C)] // parameter edit INSERT/PARAM as MCU's EQ key
    [InlineData(0x1C, 1, 0x2B)] // parameter edit ASSIGN as MCU's PLUG-IN (dynamics) key
    [InlineData(0x1B, 0, 0x36)] // F1 (Preview)
    [InlineData(0x1B, 7, 0x3D)] // F8
    [InlineData(0x19, 3, 0x37)] // SUSPEND as F2; its LED shows the suspension (F2's HUI key shares the note)
    [InlineData(0x1A, 2, 0x39)] // CAPTURE as F4
    public void Switches_map_to_the_MCU_note_of_the_same_control_and_back(int zone, int port, int note)
    {
        Assert.Equal(note, HuiMap.NoteOf(zone, port));
        Assert.True(HuiMap.TrySwitchOf(note, out int z, out int p));
        Assert.Equal((zone, port), (z, p));
    }

    [Fact]
    public void Switches_and_LEDs_without_a_counterpart_are_not_mapped()
    {
        Assert.Equal(-1, HuiMap.NoteOf(0x00, 0)); // fader touch is handled apart
        Assert.Equal(-1, HuiMap.NoteOf(0x1D, 2));
        Assert.Equal(-1, HuiMap.NoteOf(HuiMap.EditZone, 6)); // BYPASS
        Assert.False(HuiMap.TrySwitchOf(McuNote.Flip, out _, out _));
    }

    [Theory]
    [InlineData(7, 0)] // SEND A
    [InlineData(3, 4)] // SEND E
    public void The_assign_zones_SEND_keys_are_send_pages(int port, int page)
    {
        Assert.Equal(page, HuiMap.SendPageOf(port));
        Assert.Equal(port, HuiMap.SendPortOf(page));
        Assert.Equal(-1, HuiMap.NoteOf(HuiMap.SendZone, port));
    }

    [Fact]
    public void The_assign_zones_other_keys_are_no_send_pages()
    {
        Assert.Equal(-1, HuiMap.SendPageOf(2)); // PAN
        Assert.Equal(-1, HuiMap.SendPageOf(0)); // OUTPUT
    }
}
