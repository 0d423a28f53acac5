using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class XTouchScribbleColoursTests
{
    [Fact]
    public void Eight_colours_go_in_one_command_72_message()
    {
        XTouchColour[] colours = [XTouchColour.Off, XTouchColour.Red, XTouchColour.Green, XTouchColour.Yellow,
            XTouchColour.Blue, XTouchColour.Magenta, XTouchColour.Cyan, XTouchColour.White];

        Assert.Equal("F000006614720001020304050607F7", Convert.ToHexString(XTouchScribbleColours.Write(McuSysEx.Mcu, colours)));
    }

    [Theory]
    [InlineData(255, 0, 0, XTouchColour.Red)]
    [InlineData(200, 200, 20, XTouchColour.Yellow)]
    [InlineData(0, 128, 255, XTouchColour.Cyan)]
    [InlineData(10, 10, 10, XTouchColour.Off)]
    [InlineData(240, 240, 240, XTouchColour.White)]
    public void Track_colours_map_to_the_nearest_RGB_corner(byte r, byte g, byte b, XTouchColour expected)
    {
        Assert.Equal(expected, XTouchScribbleColours.Nearest(r, g, b));
    }

    [Theory]
    [InlineData("DX", XTouchColour.Cyan)]
    [InlineData("ADR", XTouchColour.Blue)]
    [InlineData("MX", XTouchColour.Magenta)]
    [InlineData("FX", XTouchColour.Red)]
    [InlineData("FOLEY", XTouchColour.Green)]
    [InlineData("BG", XTouchColour.Yellow)]
    [InlineData("CROWD", XTouchColour.White)]
    [InlineData(null, XTouchColour.White)]
    public void A_stem_category_picks_its_colour_from_the_table(string? stem, XTouchColour expected)
    {
        Assert.Equal(expected, XTouchScribbleColours.OfStem(stem));
    }
}
