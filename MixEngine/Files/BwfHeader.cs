using System.Buffers.Binary;
using System.Text;

namespace MixEngine.Files;

/// <summary>
/// The header bytes of a print and the offsets patched at commit. Chunk order: RIFF/WAVE, JUNK (28 zero bytes, becomes
/// ds64 on RF64 promotion, formats.md §3), bext v2 (602 + CodingHistory, loudness "not measured" 0x7FFF), fmt (plain
/// PCM for 16-bit mono C / stereo L R, otherwise WAVE_FORMAT_EXTENSIBLE), fact (frame count) for every fmt that is not
/// plain PCM (float as the WAVE rules ask, EXTENSIBLE because libsndfile warns without it), iXML, data header. Every
/// chunk size is even. Immutable once built; control side.
/// </summary>
internal sealed class BwfHeader
{
    /// <summary>Offset of the JUNK chunk header (becomes ds64).</summary>
    public const int JunkOffset = 12;

    /// <summary>Body bytes of the JUNK/ds64 chunk: riffSize, dataSize, sampleCount (u64 each) and tableLength (u32).</summary>
    public const int Ds64BodyBytes = 28;

    /// <summary>Offset of the bext chunk header (right after JUNK).</summary>
    public const int BextOffset = JunkOffset + 8 + Ds64BodyBytes;

    /// <summary>Fixed bytes of a bext body before CodingHistory.</summary>
    public const int BextFixedBytes = 602;

    /// <summary>Offset of LoudnessValue inside the bext body; LoudnessRange, MaxTruePeakLevel, MaxMomentaryLoudness and MaxShortTermLoudness follow as i16.</summary>
    public const int BextLoudnessOffset = 412;

    /// <summary>The bext v2 sentinel for a loudness field that was not measured.</summary>
    public const short LoudnessNotMeasured = 0x7FFF;

    private BwfHeader(byte[] bytes, int factOffset, int dataOffset)
    {
        Bytes = bytes;
        FactOffset = factOffset;
        DataOffset = dataOffset;
    }

    /// <summary>The header, ending with the data chunk header.</summary>
    public byte[] Bytes { get; }

    /// <summary>Offset of the fact chunk header, or -1 without one.</summary>
    public int FactOffset { get; }

    /// <summary>Offset of the data chunk header (its size field is at +4; audio starts at +8).</summary>
    public int DataOffset { get; }

    /// <summary>True when the fmt chunk is written as WAVE_FORMAT_EXTENSIBLE for this coding, channel count and mask.</summary>
    public static bool UsesExtensible(SampleFormat format, int channels, uint mask) =>
        !(format == SampleFormat.Int16 && ((channels == 1 && mask == 0x4) || (channels == 2 && mask == 0x3)));

    /// <summary>Builds the header of a file holding <paramref name="speakers"/> (layout channels from <paramref name="firstChannel"/>) with <paramref name="mask"/>.</summary>
    public static BwfHeader Build(PrintFileOptions options, IReadOnlyList<Speaker> speakers, int firstChannel, uint mask)
    {
        var chunks = new MemoryStream();
        chunks.Write("RIFF"u8);
        WriteU32(chunks, 0);
        chunks.Write("WAVE"u8);
        WriteChunk(chunks, "JUNK"u8, new byte[Ds64BodyBytes]);
        WriteChunk(chunks, "bext"u8, Bext(options.Metadata));
        WriteChunk(chunks, "fmt "u8, Fmt(options, speakers.Count, mask));
        int factOffset = -1;
        if (WaveFormatCodes.IsFloat(options.Format) || UsesExtensible(options.Format, speakers.Count, mask))
        {
            factOffset = (int)chunks.Position;
            WriteChunk(chunks, "fact"u8, new byte[4]);
        }
        WriteChunk(chunks, "iXML"u8, IxmlDocument.Build(options, speakers, firstChannel));
        int dataOffset = (int)chunks.Position;
        chunks.Write("data"u8);
        WriteU32(chunks, 0);
        return new BwfHeader(chunks.ToArray(), factOffset, dataOffset);
    }

    private static byte[] Bext(BwfMetadata metadata)
    {
        byte[] history = Encoding.ASCII.GetBytes(metadata.CodingHistory);
        var body = new byte[BextFixedBytes + history.Length + (history.Length & 1)];
        PutAscii(body, 0, 256, metadata.Description);
        PutAscii(body, 256, 32, metadata.Originator);
        PutAscii(body, 288, 32, metadata.OriginatorReference);
        PutAscii(body, 320, 10, metadata.Origination.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        PutAscii(body, 330, 8, metadata.Origination.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(338), (ulong)metadata.TimeReference);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(346), 2);
        for (int field = 0; field < 5; field++)
            BinaryPrimitives.WriteInt16LittleEndian(body.AsSpan(BextLoudnessOffset + 2 * field), LoudnessNotMeasured);
        history.CopyTo(body, BextFixedBytes);
        return body;
    }

    private static byte[] Fmt(PrintFileOptions options, int channels, uint mask)
    {
        int bits = WaveFormatCodes.BitsOf(options.Format);
        int blockAlign = channels * bits / 8;
        bool extensible = UsesExtensible(options.Format, channels, mask);
        var body = new byte[extensible ? 40 : 16];
        var span = body.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, extensible ? WaveFormatCodes.Extensible : WaveFormatCodes.Pcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)options.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(options.SampleRate * (long)blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[18..], (ushort)bits);
            BinaryPrimitives.WriteUInt32LittleEndian(span[20..], mask);
            BinaryPrimitives.WriteUInt32LittleEndian(span[24..], WaveFormatCodes.IsFloat(options.Format) ? WaveFormatCodes.IeeeFloat : WaveFormatCodes.Pcm);
            WaveFormatCodes.SubFormatTail.CopyTo(span[28..]);
        }
        return body;
    }

    private static void PutAscii(byte[] body, int offset, int length, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, length)).CopyTo(body.AsSpan(offset, length));
    }

    private static void WriteChunk(MemoryStream stream, ReadOnlySpan<byte> id, byte[] body)
    {
        stream.Write(id);
        WriteU32(stream, (uint)body.Length);
        stream.Write(body);
    }

    private static void WriteU32(MemoryStream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
