using System.Buffers.Binary;

namespace MixEngine.Files;

/// <summary>
/// The EBU Tech 3285 v2 loudness fields of a bext chunk (formats.md §4.1): integrated loudness, loudness range, max
/// true peak, max momentary and max short-term loudness. Values are stored as round(100 × value) in 16-bit fields;
/// a value that cannot be stored (−∞ for silence, or out of range) is written as 0x7FFF, "not measured".
/// </summary>
public sealed record BextLoudness(double IntegratedLufs, double LoudnessRangeLu, double MaxTruePeakDbtp, double MaxMomentaryLufs, double MaxShortTermLufs)
{
    /// <summary>
    /// Writes these fields into the bext chunk of a BWF print made by <see cref="PrintFiles"/> (bext at a fixed offset right
    /// after the JUNK/ds64 chunk). Control side, after the print was committed; throws <see cref="MediaFormatException"/>
    /// when the file has no bext chunk at that place.
    /// </summary>
    public void WriteInto(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        Span<byte> header = stackalloc byte[8];
        file.Position = BwfHeader.BextOffset;
        if (file.Read(header) < 8 || !header[..4].SequenceEqual("bext"u8))
            throw new MediaFormatException(path, "bext", BwfHeader.BextOffset, "expected the bext chunk a MixEngine print has at this offset");
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (size < BwfHeader.BextFixedBytes)
            throw new MediaFormatException(path, "bext", BwfHeader.BextOffset + 4, $"the bext chunk is {size} bytes; a v2 bext has at least {BwfHeader.BextFixedBytes}");
        Span<byte> fields = stackalloc byte[10];
        double[] values = [IntegratedLufs, LoudnessRangeLu, MaxTruePeakDbtp, MaxMomentaryLufs, MaxShortTermLufs];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(fields[(2 * i)..], Encode(values[i]));
        file.Position = BwfHeader.BextOffset + 8 + BwfHeader.BextLoudnessOffset;
        file.Write(fields);
    }

    /// <summary>The 16-bit field value for <paramref name="value"/>: round(100 × value), or 0x7FFF when it does not fit.</summary>
    public static short Encode(double value)
    {
        double scaled = Math.Round(100 * value, MidpointRounding.AwayFromZero);
        return double.IsFinite(scaled) && scaled >= short.MinValue && scaled < short.MaxValue ? (short)scaled : BwfHeader.LoudnessNotMeasured;
    }
}
