using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Tests.Surfaces.Abstractions;

public class DisplayTextTests
{
    [Theory]
    [InlineData("Dialog 1", "Dialog 1")]
    [InlineData("Café", "Cafe")]
    [InlineData("Straße", "Strasse")]
    [InlineData("ÜBER", "UBER")]
    [InlineData("Ærø", "AEro")]
    [InlineData("Œuvre", "OEuvre")]
    [InlineData("Łódź", "Lodz")]
    [InlineData("Þór", "Thor")]
    [InlineData("e\u0301te\u0301", "ete")] // combining accents
    [InlineData("Ｆｘ ²", "Fx 2")] // fullwidth letters and superscript digits
    [InlineData("Őrség Ĳssel", "Orseg IJssel")] // Latin Extended-A
    [InlineData("対話 1", "__ 1")] // CJK: one placeholder per character
    [InlineData("대사", "__")] // Hangul
    [InlineData("Диалог", "______")] // Cyrillic has no fixed transliteration here
    [InlineData("🎬 FX", "_ FX")] // an emoji is two UTF-16 units, one character
    [InlineData("👩‍🎤", "_")] // a ZWJ sequence is one character
    [InlineData("🇫🇷", "_")] // so is a flag
    [InlineData("A\tB\u00A0C", "A B C")] // whitespace becomes a space
    [InlineData("“Hi”—x", "\"Hi\"-x")]
    [InlineData("€5", "_5")]
    [InlineData("\u0001", "_")]
    public void Text_folds_to_printable_ASCII(string text, string expected)
    {
        Assert.Equal(expected, DisplayText.ToAscii(text));
    }

    [Fact]
    public void No_character_of_the_basic_plane_folds_to_anything_but_printable_ASCII()
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            string folded = DisplayText.ToAscii(((char)c).ToString());
            Assert.True(folded.Length > 0 && folded.All(DisplayText.IsShown), $"U+{c:X4} folded to \"{folded}\"");
        }
    }
}
