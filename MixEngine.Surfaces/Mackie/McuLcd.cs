using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The MCU scribble-strip LCD (spec surfaces.md §1.7): SysEx cmd 12 writes characters from a cell offset 00..6F into a
/// 2 x 56 buffer (top line 00..37, bottom 38..6F). Each strip owns 7 cells: 6 characters and a space separator.
/// Characters are printable 7-bit ASCII: any text is folded by <see cref="DisplayText.ToAscii"/> (é → e, ß → ss, CJK and
/// emoji → '_'), so no byte above 0x7F is ever written. Pure; any thread.
/// </summary>
public static class McuLcd
{
    /// <summary>Cells per line in the buffer.</summary>
    public const int LineCells = 56;

    /// <summary>Characters a strip shows (its 7th cell is the separator).</summary>
    public const int StripChars = 6;

    /// <summary>
    /// The cmd 12 message writing <paramref name="text"/> from <paramref name="offset"/> into as many cells as it has
    /// characters: folded to ASCII, then cut or padded with spaces to that count (so ß → ss never spills into the next strip).
    /// </summary>
    public static byte[] Write(byte device, int offset, ReadOnlySpan<char> text)
    {
        if ((uint)offset >= 2 * LineCells) throw new ArgumentOutOfRangeException(nameof(offset), offset, "LCD cell offset is 0..111");
        if (offset + text.Length > 2 * LineCells)
            throw new ArgumentException($"{text.Length} characters from cell {offset} run past the 112-cell LCD", nameof(text));
        var parameters = new byte[1 + text.Length];
        parameters[0] = (byte)offset;
        Cells(text, parameters.AsSpan(1));
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
        string folded = DisplayText.ToAscii(name.Trim());
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

    /// <summary>Fills <paramref name="cells"/> with <paramref name="text"/> folded to ASCII, cut or padded with spaces to fit.</summary>
    public static void Cells(ReadOnlySpan<char> text, Span<byte> cells)
    {
        string folded = DisplayText.ToAscii(new string(text));
        for (int i = 0; i < cells.Length; i++) cells[i] = i < folded.Length ? (byte)folded[i] : (byte)' ';
    }
}
