using System.Buffers.Text;
using System.Runtime.CompilerServices;
using MixEngine.Automation;
using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// Reads an automation point array straight from its UTF-8 bytes when every point is written plainly: an object of
/// <c>"position"</c> (a whole number), <c>"value"</c> (a number) and optionally <c>"shape"</c> (<c>"linear"</c>,
/// <c>"step"</c> or <c>"sCurve"</c>), each once, in any order, names and strings without escapes, numbers in strict JSON
/// syntax, JSON whitespace anywhere between tokens. Numbers are converted to the same bits as <c>Utf8JsonReader</c>
/// gives (correctly rounded: short decimals by one exact division, the rest by the same <see cref="Utf8Parser"/> call). Anything else (an escape,
/// a timecode label, another field, a syntax error) makes <see cref="TryScan"/> give up, and
/// <see cref="LiftedPoints"/> reads that array token by token instead. Control side; any thread (no shared state).
/// <para>A plain point holds no <c>]</c>, <c>{</c> or <c>}</c> inside its strings, so the array ends at the first
/// <c>]</c> and holds as many points as <c>{</c> before it: both are found with one vectorised search each, the points
/// go straight into an array of that length, and each number is checked and converted in one pass over its digits
/// (no call into the framework for the usual short decimal, so the precompiled code runs as fast as jitted code). Each
/// point is kept as the <see cref="AutomationPoint"/> it becomes, with <see cref="LiftedPoints.NoShape"/> when it names no
/// shape; its value is the number's double, which is all a switch needs too (a whole 0 or 1 is exactly a double 0 or 1).</para>
/// </summary>
internal static class PointArrayScanner
{
    /// <summary>
    /// Scans the array whose content starts at <paramref name="text"/>[0] (just after its '['): true with its points in
    /// <paramref name="points"/> and the index of its closing ']' in <paramref name="close"/>.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> text, out AutomationPoint[] points, out int close)
    {
        points = [];
        close = text.IndexOf((byte)']');
        if (close < 0) return false;
        var content = text[..close];
        // Points read at load live as long as the session: allocated where the collector neither clears nor moves them
        // (the pinned heap; every element is written below before the array is returned), so a dense session's
        // megabytes of points are not copied from generation to generation while it loads.
        var found = GC.AllocateUninitializedArray<AutomationPoint>(content.Count((byte)'{'), pinned: true);
        HugePageAdvice.AdvisePinned(found); // tens of megabytes for a dense session, written once: a fault per 2 MB
        int i = SkipSpace(content, 0), n = 0;
        while (i < content.Length)
        {
            if (n == found.Length || !TryScanPoint(content, ref i, out found[n])) return false;
            n++;
            i = SkipSpace(content, i);
            if (i == content.Length) break;
            if (content[i] != ',') return false;
            i = SkipSpace(content, i + 1);
            if (i == content.Length) return false; // a trailing comma
        }
        if (n != found.Length) return false;
        points = found;
        return true;
    }

    // One point object from text[i] ('{'); i ends just past its '}'.
    private static bool TryScanPoint(ReadOnlySpan<byte> text, ref int i, out AutomationPoint point)
    {
        point = default;
        if (text[i] != '{') return false;
        i = SkipSpace(text, i + 1);
        long position = -1;
        double value = double.NaN;
        var shape = LiftedPoints.NoShape;
        int seen = 0;
        while (true)
        {
            int field;
            if (Matches(text, i, "\"position\""u8)) (field, i) = (1, i + 10);
            else if (Matches(text, i, "\"value\""u8)) (field, i) = (2, i + 7);
            else if (Matches(text, i, "\"shape\""u8)) (field, i) = (4, i + 7);
            else return false;
            if ((seen & field) != 0) return false;
            seen |= field;
            i = SkipSpace(text, i);
            if (i >= text.Length || text[i] != ':') return false;
            i = SkipSpace(text, i + 1);
            if (field == 4)
            {
                if (!TryScanShape(text, ref i, out shape)) return false;
            }
            else if (field == 2)
            {
                if (!TryScanNumber(text, ref i, out value, out _)) return false;
            }
            else if (!TryScanPosition(text, ref i, out position)) return false;
            i = SkipSpace(text, i);
            if (i >= text.Length) return false;
            if (text[i] == '}')
            {
                i++;
                break;
            }
            if (text[i] != ',') return false;
            i = SkipSpace(text, i + 1);
        }
        if ((seen & 3) != 3) return false;
        point = new AutomationPoint(position, value, shape);
        return true;
    }

    // A whole position >= 0 (as JsonObjectReader.TryGetWhole reads it) at text[i]; i ends just past it. The usual one,
    // up to 15 digits without a sign, fraction or exponent, is its digits' value (what TryWhole gives it, exactly).
    private static bool TryScanPosition(ReadOnlySpan<byte> text, ref int i, out long position)
    {
        int start = i, j = i;
        long n = 0;
        for (; j < text.Length && j - start < 16 && IsDigit(text[j]); j++) n = n * 10 + (text[j] - '0');
        int length = j - start;
        if (length is > 0 and <= 15 && (text[start] != '0' || length == 1)
            && (j == text.Length || !(IsDigit(text[j]) || text[j] is (byte)'.' or (byte)'e' or (byte)'E')))
        {
            position = n;
            i = j;
            return true;
        }
        position = -1;
        if (!TryScanNumber(text, ref i, out double d, out bool integer)) return false;
        return TryWhole(text[start..i], d, integer, out position) && position >= 0;
    }

    private static bool TryScanShape(ReadOnlySpan<byte> text, ref int i, out SegmentShape shape)
    {
        shape = SegmentShape.Linear;
        int length;
        if (Matches(text, i, "\"linear\""u8)) length = 8;
        else if (Matches(text, i, "\"step\""u8)) (shape, length) = (SegmentShape.Step, 6);
        else if (Matches(text, i, "\"sCurve\""u8)) (shape, length) = (SegmentShape.SCurve, 8);
        else return false;
        i += length;
        return true;
    }

    // True when text holds `token` from index i on (a byte loop: a name is a few bytes, and the loop needs no call).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Matches(ReadOnlySpan<byte> text, int i, ReadOnlySpan<byte> token)
    {
        if (i > text.Length - token.Length) return false;
        for (int k = 0; k < token.Length; k++)
            if (text[i + k] != token[k]) return false;
        return true;
    }

    // As Utf8JsonReader.TryGetInt64 (an integer literal within long), then as JsonObjectReader.TryGetWhole (a whole
    // double up to 2⁵³); d is the number's double value. An integer literal of at most 15 characters is below 10¹⁵, so
    // d holds it exactly (TryScanNumber's one exact quotient) and is the same long the parser would give.
    private static bool TryWhole(ReadOnlySpan<byte> number, double d, bool integer, out long n)
    {
        if (integer && number.Length <= 15)
        {
            n = (long)d;
            return true;
        }
        if (integer && Utf8Parser.TryParse(number, out n, out int used) && used == number.Length) return true;
        n = 0;
        if (d != Math.Floor(d) || Math.Abs(d) > 9.007199254740992e15) return false;
        n = (long)d;
        return true;
    }

    // The strict JSON number at text[i] (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?), i ending just past
    // it, checked and converted in one pass: its double, correctly rounded as Utf8JsonReader.TryGetDouble gives it
    // (finite only); integer: no fraction or exponent. A decimal of at most 15 significant digits and at most 22 places
    // is the quotient of two exactly representable doubles, which IEEE division rounds correctly (Clinger's fast path);
    // anything else (an exponent, more digits) is left to Utf8Parser, as the JSON reader does.
    private static bool TryScanNumber(ReadOnlySpan<byte> text, ref int i, out double value, out bool integer)
    {
        value = 0;
        integer = true;
        int start = i, j = i;
        bool negative = j < text.Length && text[j] == '-';
        if (negative) j++;
        if (j >= text.Length) return false;
        long mantissa = 0;
        int digits = 0, places = 0;
        if (text[j] == '0') j++;
        else if (IsDigit(text[j]))
        {
            for (; j < text.Length && IsDigit(text[j]); j++)
                if (++digits <= 15) mantissa = mantissa * 10 + (text[j] - '0');
        }
        else return false;
        if (j < text.Length && text[j] == '.')
        {
            integer = false;
            int from = ++j;
            for (; j < text.Length && IsDigit(text[j]); j++)
            {
                places++;
                if (digits == 0 && text[j] == '0') continue; // a leading zero is not significant
                if (++digits <= 15) mantissa = mantissa * 10 + (text[j] - '0');
            }
            if (j == from) return false;
        }
        bool exponent = j < text.Length && (text[j] == 'e' || text[j] == 'E');
        if (exponent)
        {
            integer = false;
            j++;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            int from = j;
            while (j < text.Length && IsDigit(text[j])) j++;
            if (j == from) return false;
        }
        i = j;
        if (!exponent && digits <= 15 && places <= 22)
        {
            value = mantissa / PowersOfTen[places];
            if (negative) value = -value;
            return true;
        }
        return Utf8Parser.TryParse(text[start..j], out value, out int used) && used == j - start && double.IsFinite(value);
    }

    private static ReadOnlySpan<double> PowersOfTen =>
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i++;
        return i;
    }
}
