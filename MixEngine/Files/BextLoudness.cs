using System.Buffers.Binary;

namespace MixEngine.Files;

/// <summary>
/// The EBU Tech 3285 v2 loudness fields of a bext chunk (formats.md §4.1): integrated loudness, loudness range, max
/// true peak, max momentary and max short-term loudness. Values are stored as round(100 × value) in 16-bit fields;
/// a value that cannot be stored (−∞ for silence, or out of range) is written as 0x7FFF, "not measured".
/// </summary>
public sealed record BextLoudness(double IntegratedLufs, double LoudnessRangeLu, double MaxTruePeakDbtp, double MaxMomentaryLufs, double MaxShortTermLufs)
{
    /// <summary>The five little-endian 16-bit fields as stored at bext body offset 412 (10 bytes).</summary>
    public byte[] ToFieldBytes()
    {
        var fields = new byte[10];
        double[] values = [IntegratedLufs, LoudnessRangeLu, MaxTruePeakDbtp, MaxMomentaryLufs, MaxShortTermLufs];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(fields.AsSpan(2 * i), Encode(values[i]));
        return fields;
    }

    /// <summary>The 16-bit field value for <paramref name="value"/>: round(100 × value), or 0x7FFF when it does not fit.</summary>
    public static short Encode(double value)
    {
        double scaled = Math.Round(100 * value, MidpointRounding.AwayFromZero);
        return double.IsFinite(scaled) && scaled >= short.MinValue && scaled < short.MaxValue ? (short)scaled : BwfHeader.LoudnessNotMeasured;
    }
}
