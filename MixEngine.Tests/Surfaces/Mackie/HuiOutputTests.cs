using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Surfaces.Mackie;

public class HuiOutputTests
{
    private static string Hex(Span<MidiMessage> m) => string.Join(" ", m.ToArray().Select(x => x.ToString()));

    [Fact]
    public void The_ping_is_note_on_0_velocity_0()
    {
        Assert.Equal("90 00 00", HuiOutput.Ping.ToString());
    }

    [Fact]
    public void LEDs_select_the_zone_then_set_the_port()
    {
        var m = new MidiMessage[2];
        Assert.Equal("B0 0C 05 B0 2C 42", Hex(m.AsSpan(0, HuiOutput.Led(5, 2, true, m))));
        Assert.Equal("B0 0C 0E B0 2C 04", Hex(m.AsSpan(0, HuiOutput.Led(0x0E, 4, false, m))));
    }

    [Fact]
    public void Fader_positions_are_hi_then_lo()
    {
        var m = new MidiMessage[2];
        Assert.Equal("B0 07 60 B0 27 00", Hex(m.AsSpan(0, HuiOutput.Fader(7, 0x3000, m))));
    }

    [Fact]
    public void Rings_and_meters()
    {
        Assert.Equal("B0 13 46", HuiOutput.Ring(3, 0x46).ToString());
        Assert.Equal("A0 02 1C", HuiOutput.Meter(2, 1, 0x0C).ToString());
        Assert.Equal("A0 07 05", HuiOutput.Meter(7, 0, 5).ToString());
    }

    [Fact]
    public void Displays_are_SysEx_with_the_HUI_header()
    {
        Assert.Equal("F0000066050010" + "03" + "44582031" + "F7", Convert.ToHexString(HuiOutput.SmallDisplay(3, "DX 1")));
        Assert.Equal("F0000066050012" + "04" + "4D7573696320202020 20".Replace(" ", "") + "F7", Convert.ToHexString(HuiOutput.LargeDisplay(4, "Music")));
        // "01:02:03:04" right to left: 4 0 3. 0 2. 0 1. 0 (dot = +10 on the digit left of each ':').
        Assert.Equal("F0000066050011" + "0400" + "1300" + "1200" + "1100" + "F7", Convert.ToHexString(HuiOutput.TimeDisplay("01:02:03:04")));
    }
}
