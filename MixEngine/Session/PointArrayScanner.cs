using System.Buffers.Text;
using System.Runtime.CompilerServices;
using MixEngine.Automation;

namespace MixEngine.Session;

/// <summary>
/// Reads an automation point array straight from its UTF-8 bytes when every point is written plainly: an object of
/// <c>"position"</c> (a whole number), <c>"value"</c> (a number) and optionally <c>"shape"</c> (<c>"linear"</c>,
/// <c>"step"</c> or <c>"sCurve"</c>), each once, in any order, names and strings without escapes, numbers in strict JSON
/// syntax, JSON whitespace anywhere between tokens. Numbers are converted to the same bits as <c>Utf8JsonReader</c>
/// gives (correctly rounded: short decimals by one exact division, the rest by the same <see cref="Utf8Parser"/> call). Anything else (an escape,
/// a timecode label, another field, a syntax error) makes <see cref="TryScan"/> give up, and
/// <see cref="LiftedPoints"/> reads that array token by token instead. Control side.
/// </summary>
internal static class PointArrayScanner
{
    /// <summary>
    /// Scans the array whose content starts at <paramref name="text"/>[0] (just after its '['): true with its points in
    /// <paramref name="points"/> (cleared first) and the index of its closing ']' in <paramref name="close"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs over every point of a dense session once: optimized at once
    public static bool TryScan(ReadOnlySpan<byte> text, List<LiftedPoints.Point> points, out int close)
    {
        close = -1;
        points.Clear();
        int i = SkipSpace(text, 0);
        if (i < text.Length && text[i] == ']')
        {
            close = i;
            return true;
        }
        while (true)
        {
            if (!TryScanPoint(text, ref i, out var point)) return false;
            points.Add(point);
            i = SkipSpace(text, i);
            if (i >= text.Length) return false;
            if (text[i] == ']')
            {
                close = i;
                return true;
            }
            if (text[i] != ',') return false;
            i = SkipSpace(text, i + 1);
        }
    }

    // One point object from text[i] ('{'); i ends just past its '}'.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryScanPoint(ReadOnlySpan<byte> text, ref int i, out LiftedPoints.Point point)
    {
        point = default;
        if (i >= text.Length || text[i] != '{') return false;
        i = SkipSpace(text, i + 1);
        long position = -1;
        double value = double.NaN;
        long? whole = null;
        SegmentShape? shape = null;
        int seen = 0;
        while (true)
        {
            var rest = text[i..];
            int field, length;
            if (rest.StartsWith("\"position\""u8)) (field, length) = (1, 10);
            else if (rest.StartsWith("\"value\""u8)) (field, length) = (2, 7);
            else if (rest.StartsWith("\"shape\""u8)) (field, length) = (4, 7);
            else return false;
            if ((seen & field) != 0) return false;
            seen |= field;
            i = SkipSpace(text, i + length);
            if (i >= text.Length || text[i] != ':') return false;
            i = SkipSpace(text, i + 1);
            if (field == 4)
            {
                if (!TryScanShape(text, ref i, out var s)) return false;
                shape = s;
            }
            else
            {
                int end = NumberEnd(text, i);
                if (end < 0) return false;
                var number = text[i..end];
                i = end;
                if (!TryNumber(number, out double d, out bool integer)) return false;
                if (field == 1)
                {
                    if (!TryWhole(number, d, integer, out position) || position < 0) return false;
                }
                else
                {
                    value = d;
                    if (TryWhole(number, d, integer, out long w)) whole = w;
                }
            }
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
        point = new LiftedPoints.Point(position, value, whole, shape);
        return true;
    }

    private static bool TryScanShape(ReadOnlySpan<byte> text, ref int i, out SegmentShape shape)
    {
        var rest = text[i..];
        shape = SegmentShape.Linear;
        int length;
        if (rest.StartsWith("\"linear\""u8)) length = 8;
        else if (rest.StartsWith("\"step\""u8)) (shape, length) = (SegmentShape.Step, 6);
        else if (rest.StartsWith("\"sCurve\""u8)) (shape, length) = (SegmentShape.SCurve, 8);
        else return false;
        i += length;
        return true;
    }

    // As Utf8JsonReader.TryGetInt64 (an integer literal within long), then as JsonObjectReader.TryGetWhole (a whole
    // double up to 2⁵³); d is the number's double value. An integer literal of at most 15 characters is below 10¹⁵, so
    // d holds it exactly (TryNumber's one exact quotient) and is the same long the parser would give.
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

    // The double a strict JSON number denotes, correctly rounded as Utf8JsonReader.TryGetDouble gives it (finite only);
    // integer: no fraction or exponent. A decimal of at most 15 significant digits and at most 22 places is the quotient
    // of two exactly representable doubles, which IEEE division rounds correctly (Clinger's fast path); anything else is
    // left to Utf8Parser, as the JSON reader does.
    private static bool TryNumber(ReadOnlySpan<byte> number, out double value, out bool integer)
    {
        int j = number[0] == '-' ? 1 : 0;
        long mantissa = 0;
        int digits = 0, places = 0;
        bool fraction = false;
        for (; j < number.Length; j++)
        {
            byte b = number[j];
            if (b == '.')
            {
                fraction = true;
                continue;
            }
            if (!IsDigit(b)) break;
            if (mantissa != 0 || b != '0') digits++;
            mantissa = mantissa * 10 + (b - '0');
            if (fraction) places++;
            if (digits > 15) break;
        }
        integer = !fraction && j == number.Length;
        if (j == number.Length && digits <= 15 && places <= 22)
        {
            value = mantissa / PowersOfTen[places];
            if (number[0] == '-') value = -value;
            return true;
        }
        integer = number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
        return Utf8Parser.TryParse(number, out value, out int used) && used == number.Length && double.IsFinite(value);
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    // The end of a JSON number starting at text[i] (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?), or -1.
    private static int NumberEnd(ReadOnlySpan<byte> text, int i)
    {
        int j = i;
        if (j < text.Length && text[j] == '-') j++;
        if (j >= text.Length) return -1;
        if (text[j] == '0') j++;
        else if (IsDigit(text[j])) j = Digits(text, j);
        else return -1;
        if (j < text.Length && text[j] == '.')
        {
            int from = ++j;
            j = Digits(text, j);
            if (j == from) return -1;
        }
        if (j < text.Length && (text[j] == 'e' || text[j] == 'E'))
        {
            j++;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            int from = j;
            j = Digits(text, j);
            if (j == from) return -1;
        }
        return j;
    }

    private static int Digits(ReadOnlySpan<byte> text, int j)
    {
        while (j < text.Length && IsDigit(text[j])) j++;
        return j;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipSpace(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i++;
        return i;
    }
}
