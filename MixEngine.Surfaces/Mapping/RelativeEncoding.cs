namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// How a relative encoder writes a turn into one 7-bit controller value (docs/surfaces.md, Relative encoders). A value
/// of 0 (or the style's zero) means no movement. Spec: /work/shared/specs/surfaces.md §1.5, §2.4, §7 item 9.
/// </summary>
public enum RelativeEncoding
{
    /// <summary>Absolute: the value is a position, not a turn.</summary>
    None,
    /// <summary>Two's complement of 7 bits: 01..3F = +1..+63, 7F..41 = −1..−63, 40 = −64.</summary>
    TwosComplement,
    /// <summary>Sign and magnitude, bit 6 set = negative (the Mackie Control V-pot): 01 = +1, 41 = −1.</summary>
    SignMagnitude,
    /// <summary>Sign and magnitude, bit 6 set = positive (the HUI V-pot): 41 = +1, 01 = −1.</summary>
    SignMagnitudeInverted,
    /// <summary>Binary offset, centred on 64 (40): 41 = +1, 3F = −1, 40 = no movement.</summary>
    BinaryOffset,
}

/// <summary>Decodes and encodes relative encoder values. Pure; any thread.</summary>
public static class RelativeEncoder
{
    /// <summary>The profile names of the styles, as written in JSON.</summary>
    public static readonly IReadOnlyDictionary<string, RelativeEncoding> Names = new Dictionary<string, RelativeEncoding>(StringComparer.Ordinal)
    {
        ["twosComplement"] = RelativeEncoding.TwosComplement,
        ["signMagnitude"] = RelativeEncoding.SignMagnitude,
        ["signMagnitudeInverted"] = RelativeEncoding.SignMagnitudeInverted,
        ["binaryOffset"] = RelativeEncoding.BinaryOffset,
    };

    /// <summary>The JSON name of <paramref name="style"/>.</summary>
    public static string NameOf(RelativeEncoding style) => Names.First(n => n.Value == style).Key;

    /// <summary>The signed tick count of 7-bit <paramref name="value"/> in <paramref name="style"/>.</summary>
    public static int Decode(RelativeEncoding style, int value)
    {
        if ((uint)value > 0x7F) throw new ArgumentOutOfRangeException(nameof(value), value, "a relative encoder value is 7 bits, 0..127");
        return style switch
        {
            RelativeEncoding.TwosComplement => value < 0x40 ? value : value - 0x80,
            RelativeEncoding.SignMagnitude => (value & 0x40) != 0 ? -(value & 0x3F) : value & 0x3F,
            RelativeEncoding.SignMagnitudeInverted => (value & 0x40) != 0 ? value & 0x3F : -(value & 0x3F),
            RelativeEncoding.BinaryOffset => value - 0x40,
            _ => throw new ArgumentException($"relative style {style} is not a relative encoding", nameof(style)),
        };
    }

    /// <summary>The 7-bit value a device sends for <paramref name="ticks"/> in <paramref name="style"/> (ticks −63..63).</summary>
    public static int Encode(RelativeEncoding style, int ticks)
    {
        if (ticks is < -63 or > 63) throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "a relative encoder turn is −63..63 ticks");
        int magnitude = Math.Abs(ticks);
        return style switch
        {
            RelativeEncoding.TwosComplement => ticks & 0x7F,
            RelativeEncoding.SignMagnitude => ticks < 0 ? 0x40 | magnitude : magnitude,
            RelativeEncoding.SignMagnitudeInverted => ticks > 0 ? 0x40 | magnitude : magnitude,
            RelativeEncoding.BinaryOffset => 0x40 + ticks,
            _ => throw new ArgumentException($"relative style {style} is not a relative encoding", nameof(style)),
        };
    }
}
