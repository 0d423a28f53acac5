namespace MixEngine.Files;

/// <summary>
/// The numeric constants of the WAVE fmt chunk (formats.md §1): format tags, SubFormat GUID bytes and the container
/// bits of each <see cref="SampleFormat"/>. Immutable; any thread.
/// </summary>
internal static class WaveFormatCodes
{
    /// <summary>WAVE_FORMAT_PCM.</summary>
    public const ushort Pcm = 0x0001;

    /// <summary>WAVE_FORMAT_IEEE_FLOAT.</summary>
    public const ushort IeeeFloat = 0x0003;

    /// <summary>WAVE_FORMAT_EXTENSIBLE.</summary>
    public const ushort Extensible = 0xFFFE;

    /// <summary>
    /// The 12 bytes shared by KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT after their leading little-endian u32
    /// (0000-0010-8000-00AA00389B71, Data2/Data3 little-endian, the last 8 bytes as stored).
    /// </summary>
    public static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Container bits of one sample.</summary>
    public static int BitsOf(SampleFormat format) => format switch
    {
        SampleFormat.Int16 => 16,
        SampleFormat.Int24 => 24,
        SampleFormat.Int32 => 32,
        SampleFormat.Float32 => 32,
        SampleFormat.Float64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
    };

    /// <summary>True for IEEE float codings.</summary>
    public static bool IsFloat(SampleFormat format) => format is SampleFormat.Float32 or SampleFormat.Float64;
}
