namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The MCU scribble-strip LCD (spec surfaces.md §1.7): SysEx cmd 12 writes characters from a cell offset 00..6F into a
/// 2 x 56 buffer (top line 00..37, bottom 38..6F). Each strip owns 7 cells: 6 characters and a space separator.
/// Characters are 7-bit ASCII; Latin-1 letters fold to their base letter and anything else to '_'. Pure; any thread.
/// </summary>
public static class McuLcd
{
    /// <summary>Cells per line in the buffer.</summary>
    public const int LineCells = 56;

    /// <summary>Characters a strip shows (its 7th cell is the separator).</summary>
    public const int StripChars = 6;

    // Base letters of U+00C0..U+00FF, in order; '_' where no letter fits (× ÷).
    private const string Latin1Folds = "AAAAAAACEEEEIIIIDNOOOOO_OUUUUYTsaaaaaaaceeeeiiiidnooooo_ouuuuyty";

    /// <summary>The cmd 12 message writing <paramref name="text"/> (folded) from <paramref name="offset"/>.</summary>
    public static byte[] Write(byte device, int offset, ReadOnlySpan<char> text)
    {
        if ((uint)offset >= 2 * LineCells) throw new ArgumentOutOfRangeException(nameof(offset), offset, "LCD cell offset is 0..111");
        if (offset + text.Length > 2 * LineCells)
            throw new ArgumentException($"{text.Length} characters from cell {offset} run past the 112-cell LCD", nameof(text));
        var parameters = new byte[1 + text.Length];
        parameters[0] = (byte)offset;
        for (int i = 0; i < text.Length; i++) parameters[1 + i] = Fold(text[i]);
        return McuSysEx.Build(device, 0x12, parameters);
    }

    /// <summary>
    /// The cmd 12 message writing strip 0..7's cell on line 0 (top) or 1 (bottom): the text abbreviated to 6 characters,
    /// padded with spaces, plus the separator space except after strip 8 (whose separator is the hidden 56th cell).
    /// </summary>
    public static byte[] WriteStrip(byte device, int strip, int line, string text)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)strip, 7u, nameof(strip));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)line, 1u, nameof(line));
        string cell = Abbreviate(text, StripChars).PadRight(StripChars);
        if (strip < 7) cell += ' ';
        return Write(device, line * LineCells + strip * 7, cell);
    }

    /// <summary>
    /// Shortens a name to at most <paramref name="width"/> characters for a strip. The suffix that tells strips apart
    /// is kept: trailing digits, or else a last word of one or two characters ("L", "Rs"). The rest loses its spaces,
    /// then lower-case vowels after the first character (from the right, only as many as needed), then is cut
    /// ("Dialog 12" → "Dilg12", "Music Stem L" → "MscStL"). Non-ASCII is folded as on the LCD.
    /// </summary>
    public static string Abbreviate(string name, int width = StripChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        string folded = new([.. name.Trim().Select(c => (char)Fold(c))]);
        if (folded.Length <= width) return folded;
        int cut = folded.Length;
        while (cut > 0 && char.IsAsciiDigit(folded[cut - 1])) cut--;
        if (cut == folded.Length && folded.LastIndexOf(' ') is int space and > 0 && folded.Length - space - 1 <= 2) cut = space;
        string suffix = folded[cut..].Trim();
        int keep = folded[..cut].Trim().Length > 0 ? width - 1 : width;
        if (suffix.Length > keep) suffix = suffix[^keep..];
        int room = width - suffix.Length;
        var body = folded[..cut].Where(c => c != ' ').ToList();
        for (int i = body.Count - 1; i > 0 && body.Count > room; i--)
            if ("aeiou".Contains(body[i])) body.RemoveAt(i);
        return new string([.. body.Take(room)]) + suffix;
    }

    /// <summary>One LCD character: printable ASCII as is, Latin-1 letters folded to their base letter, else '_'.</summary>
    public static byte Fold(char c) => c switch
    {
        >= ' ' and <= '~' => (byte)c,
        >= '\u00C0' and <= '\u00FF' => (byte)Latin1Folds[c - 0xC0],
        _ => (byte)'_',
    };
}
