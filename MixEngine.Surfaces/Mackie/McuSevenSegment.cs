using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The MCU 7-segment displays (spec surfaces.md §1.8): 10 timecode/BBT digits on CC 40..49 numbered from the right
/// (40 = rightmost), the 2-digit assignment display on CC 4B (left) and 4A (right). A value is bit 6 = decimal point,
/// bits 0-5 = character: 40..5F (letters) are sent minus 40, 20..3F (space, digits, punctuation) as they are;
/// lower-case letters are upper-cased and anything else shows as a space. Pure; any thread.
/// </summary>
public static class McuSevenSegment
{
    /// <summary>Digits on the timecode display.</summary>
    public const int TimecodeDigits = 10;

    /// <summary>The 6-bit code of a character.</summary>
    public static int CodeOf(char c)
    {
        c = char.ToUpperInvariant(c);
        return c switch
        {
            >= '@' and <= '_' => c - 0x40,
            >= ' ' and <= '?' => c,
            _ => ' ',
        };
    }

    /// <summary>The message for timecode digit 0..9 counted from the right.</summary>
    public static MidiMessage TimecodeDigit(int fromRight, char c, bool dot)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)fromRight, (uint)(TimecodeDigits - 1), nameof(fromRight));
        return MidiMessage.ControlChange(0, 0x40 + fromRight, (dot ? 0x40 : 0) | CodeOf(c));
    }

    /// <summary>
    /// Writes the 10 digit messages for a display text, right-aligned: ':' and '.' light the dot of the digit to their
    /// left instead of taking a digit ("01:00:00:00" → 8 digits with dots after the 2nd, 4th and 6th). Returns 10;
    /// characters beyond 10 digits on the left are dropped.
    /// </summary>
    public static int Timecode(ReadOnlySpan<char> text, Span<MidiMessage> destination)
    {
        if (destination.Length < TimecodeDigits) throw new ArgumentException($"the timecode display needs {TimecodeDigits} messages", nameof(destination));
        int digit = 0;
        bool dot = false;
        for (int i = text.Length - 1; i >= 0 && digit < TimecodeDigits; i--)
        {
            if (text[i] is ':' or '.') { dot = true; continue; }
            destination[digit] = TimecodeDigit(digit, text[i], dot);
            dot = false;
            digit++;
        }
        for (; digit < TimecodeDigits; digit++) destination[digit] = TimecodeDigit(digit, ' ', false);
        return TimecodeDigits;
    }

    /// <summary>Writes the two assignment-display messages (left on CC 4B, right on CC 4A); returns 2.</summary>
    public static int Assignment(char left, char right, Span<MidiMessage> destination)
    {
        destination[0] = MidiMessage.ControlChange(0, 0x4B, CodeOf(left));
        destination[1] = MidiMessage.ControlChange(0, 0x4A, CodeOf(right));
        return 2;
    }
}
