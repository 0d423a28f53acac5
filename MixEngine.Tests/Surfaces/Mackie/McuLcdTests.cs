using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuLcdTests
{
    [Fact]
    public void A_strip_cell_is_six_characters_and_a_separator_at_seven_times_the_strip()
    {
        // Strip 2, top line: offset 0E, "DX 1" padded to 6, then the separator space.
        Assert.Equal("F0000066141 20E 445820312020 20F7".Replace(" ", ""),
            Convert.ToHexString(McuLcd.WriteStrip(McuSysEx.Mcu, 2, 0, "DX 1")));
    }

    [Fact]
    public void The_bottom_line_starts_at_38_and_strip_8_has_no_separator()
    {
        // 0x38 + 7*7 = 0x69; six cells fill 69..6E, the 56th cell (6F) stays hidden.
        Assert.Equal("F000006615 12 69 2D31302E3020 F7".Replace(" ", ""),
            Convert.ToHexString(McuLcd.WriteStrip(McuSysEx.McuXt, 7, 1, "-10.0")));
    }

    [Theory]
    [InlineData("DX 1", "DX 1")]
    [InlineData("Dialog 12", "Dilg12")]
    [InlineData("Music Stem L", "MscStL")]
    [InlineData("Foley", "Foley")]
    [InlineData("Effects 103", "Eff103")]
    [InlineData("Background 7", "Bckgr7")]
    [InlineData("Ambience", "Ambinc")]
    [InlineData("1234567890", "567890")]
    [InlineData("Surround Rs", "SrrnRs")]
    [InlineData("Crowd Walla Music", "CrwdWl")]
    public void Names_are_abbreviated_by_dropping_spaces_then_vowels_keeping_trailing_digits(string name, string expected)
    {
        string shortName = McuLcd.Abbreviate(name);
        Assert.Equal(expected, shortName);
        Assert.True(shortName.Length <= 6);
    }

    [Theory]
    [InlineData(2, "Straße 1", "0E53747273733120")] // ß → ss, then abbreviated: "Strss1" + separator
    [InlineData(0, "Ünder", "00556E6465722020")] // Ü → U
    [InlineData(1, "対話", "075F5F2020202020")] // each CJK character → one '_'
    [InlineData(3, "🎬 FX", "155F204658202020")] // an emoji (two UTF-16 units) → one '_'
    [InlineData(7, "Café", "31436166652020")] // é → e; strip 8 has no separator
    public void Non_ASCII_names_are_written_to_the_LCD_folded_byte_for_byte(int strip, string name, string offsetAndCells)
    {
        byte[] sysEx = McuLcd.WriteStrip(0x14, strip, 0, name);

        Assert.Equal("F000006614" + "12" + offsetAndCells + "F7", Convert.ToHexString(sysEx));
        Assert.All(sysEx[1..^1], b => Assert.True(b <= 0x7F, $"byte {b:X2}"));
    }

    [Fact]
    public void Text_past_the_112th_cell_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => McuLcd.Write(McuSysEx.Mcu, 110, "abc"));
        Assert.Contains("3 characters from cell 110", error.Message);
    }
}
