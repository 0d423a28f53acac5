using System.Globalization;
using System.Text;

namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// Folds any text to what hardware displays show: printable 7-bit ASCII (0x20..0x7E), so no byte above 0x7F reaches a
/// scribble strip or HUI display. Per character as a reader sees it (a grapheme: a letter with its accents, an emoji
/// with its modifiers): printable ASCII stays; whitespace becomes a space; letters with no decomposition have a fixed
/// spelling (ß → ss, Æ → AE, Œ → OE, Ĳ → IJ, Þ → Th, typographic quotes and dashes → ' " -); other letters of Latin-1
/// and Latin Extended-A lose their accents (é → e, Ü → U, ñ → n, Ł → L, ő → o), fullwidth forms become ASCII (Ａ → A)
/// and superscript digits digits (² → 2); anything else (Greek, Cyrillic, CJK, Hangul, emoji, symbols, control
/// characters) becomes one <see cref="Placeholder"/>. Table-driven (no culture data, so it works the same with invariant
/// globalization). Pure; any thread.
/// </summary>
public static class DisplayText
{
    /// <summary>What a character without an ASCII form shows as.</summary>
    public const char Placeholder = '_';

    private static readonly Dictionary<char, string> Spellings = new()
    {
        ['Ĳ'] = "IJ", ['ĳ'] = "ij", ['¹'] = "1", ['²'] = "2", ['³'] = "3",
        ['ß'] = "ss", ['ẞ'] = "SS", ['Æ'] = "AE", ['æ'] = "ae", ['Œ'] = "OE", ['œ'] = "oe", ['Ø'] = "O", ['ø'] = "o",
        ['Ð'] = "D", ['ð'] = "d", ['Đ'] = "D", ['đ'] = "d", ['Ł'] = "L", ['ł'] = "l", ['Þ'] = "Th", ['þ'] = "th",
        ['ı'] = "i", ['Ħ'] = "H", ['ħ'] = "h", ['×'] = "x", ['÷'] = "/",
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"",
        ['\u2010'] = "-", ['\u2011'] = "-", ['\u2012'] = "-", ['\u2013'] = "-", ['\u2014'] = "-", ['\u2212'] = "-",
    };

    // Base letters of U+00C0..U+00FF and U+0100..U+017F in code point order (the entries with a spelling above are overridden).
    private const string Latin1 = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
    private const string LatinExtendedA =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

    /// <summary>True for the characters a display shows as they are (printable ASCII).</summary>
    public static bool IsShown(char c) => c is >= ' ' and <= '~';

    /// <summary>The text folded to printable ASCII (it may grow: ß → ss; never a byte above 0x7E).</summary>
    public static string ToAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.All(IsShown)) return text;
        var folded = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext()) Append(folded, elements.GetTextElement());
        return folded.ToString();
    }

    private static void Append(StringBuilder folded, string element)
    {
        char first = element[0];
        if (IsShown(first))
        {
            folded.Append(first); // an ASCII letter with combining accents keeps the letter
            return;
        }
        if (char.IsWhiteSpace(first))
        {
            folded.Append(' ');
            return;
        }
        if (Spellings.TryGetValue(first, out string? spelling))
        {
            folded.Append(spelling);
            return;
        }
        folded.Append(first switch
        {
            >= '\u00C0' and <= '\u00FF' => Latin1[first - 0xC0],
            >= '\u0100' and <= '\u017F' => LatinExtendedA[first - 0x100],
            >= '\uFF01' and <= '\uFF5E' => (char)(first - 0xFEE0), // fullwidth forms of ! … ~
            _ => Placeholder,
        }); // the rest of the character (combining accents, emoji modifiers) shows nothing
    }
}
