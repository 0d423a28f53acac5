using System.Buffers.Binary;
using System.Text;

namespace MixEngine.Tests.Files;

/// <summary>
/// Builds WAVE files byte by byte for reader tests: any chunk order, odd sizes with or without pad, RF64/BW64 with a
/// ds64 chunk, and deliberately broken headers. Independent of the production writer so it can check it.
/// </summary>
public static class WaveBytes
{
    /// <summary>A chunk: four-character id, body, and the size written in its header (defaults to the body length).</summary>
    public sealed record Chunk(string Id, byte[] Body, uint? DeclaredSize = null, bool Pad = true);

    /// <summary>A RIFF/WAVE file of <paramref name="chunks"/> with the correct RIFF size.</summary>
    public static byte[] Riff(params Chunk[] chunks) => Container("RIFF", null, chunks);

    /// <summary>
    /// An RF64 (or BW64) file: ds64 first holding riffSize, <paramref name="dataSize"/>, <paramref name="sampleCount"/>
    /// and optional table entries, then <paramref name="chunks"/>; RIFF size field 0xFFFFFFFF.
    /// </summary>
    public static byte[] Rf64(string magic, long dataSize, long sampleCount, (string Id, long Size)[] table, params Chunk[] chunks)
    {
        var ds64 = new byte[28 + 12 * table.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), (ulong)dataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), (ulong)sampleCount);
        BinaryPrimitives.WriteUInt32LittleEndian(ds64.AsSpan(24), (uint)table.Length);
        for (int i = 0; i < table.Length; i++)
        {
            Encoding.ASCII.GetBytes(table[i].Id).CopyTo(ds64, 28 + 12 * i);
            BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(32 + 12 * i), (ulong)table[i].Size);
        }
        var bytes = Container(magic, 0xFFFFFFFF, [new Chunk("ds64", ds64), .. chunks]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(20), (ulong)(bytes.Length - 8));
        return bytes;
    }

    /// <summary>A 16-byte PCM or 18-byte float fmt body (<paramref name="blockAlign"/> defaults to the correct value).</summary>
    public static byte[] Fmt(ushort tag, int channels, int rate, int bits, int? blockAlign = null)
    {
        var body = new byte[tag == 3 ? 18 : 16];
        FillFmt(body, tag, channels, rate, bits, blockAlign ?? channels * bits / 8);
        return body;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body with the given SubFormat (1 PCM, 3 float) and mask.</summary>
    public static byte[] FmtExtensible(int subFormat, int channels, int rate, int bits, uint mask, int? validBits = null)
    {
        var body = new byte[40];
        FillFmt(body, 0xFFFE, channels, rate, bits, channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), (ushort)(validBits ?? bits));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), mask);
        new Guid($"{subFormat:x8}-0000-0010-8000-00aa00389b71").TryWriteBytes(body.AsSpan(24));
        return body;
    }

    /// <summary>A bext body (602 bytes) holding only <paramref name="timeReference"/>.</summary>
    public static byte[] Bext(long timeReference)
    {
        var body = new byte[602];
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(338), (ulong)timeReference);
        return body;
    }

    /// <summary>Little-endian 16-bit samples.</summary>
    public static byte[] Int16(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        return bytes;
    }

    /// <summary>Packed little-endian 24-bit samples.</summary>
    public static byte[] Int24(params int[] samples)
    {
        var bytes = new byte[samples.Length * 3];
        for (int i = 0; i < samples.Length; i++)
        {
            bytes[3 * i] = (byte)samples[i];
            bytes[3 * i + 1] = (byte)(samples[i] >> 8);
            bytes[3 * i + 2] = (byte)(samples[i] >> 16);
        }
        return bytes;
    }

    /// <summary>Little-endian 32-bit samples.</summary>
    public static byte[] Int32(params int[] samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), samples[i]);
        return bytes;
    }

    /// <summary>Little-endian IEEE float samples.</summary>
    public static byte[] Float32(params float[] samples)
    {
        var bytes = new byte[samples.Length * 4];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), samples[i]);
        return bytes;
    }

    /// <summary>Little-endian IEEE double samples.</summary>
    public static byte[] Float64(params double[] samples)
    {
        var bytes = new byte[samples.Length * 8];
        for (int i = 0; i < samples.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), samples[i]);
        return bytes;
    }

    /// <summary>Offset of the first chunk with <paramref name="id"/> in a file walked from byte 12, or -1.</summary>
    public static long FindChunk(byte[] file, string id)
    {
        long offset = 12;
        while (offset + 8 <= file.Length)
        {
            if (Encoding.ASCII.GetString(file, (int)offset, 4) == id) return offset;
            long size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + 4));
            if (size == 0xFFFFFFFF) size = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(28));
            offset += 8 + size + (size & 1);
        }
        return -1;
    }

    private static byte[] Container(string magic, uint? riffSize, Chunk[] chunks)
    {
        var stream = new MemoryStream();
        stream.Write(Encoding.ASCII.GetBytes(magic));
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        foreach (var chunk in chunks)
        {
            stream.Write(Encoding.ASCII.GetBytes(chunk.Id));
            var size = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size, chunk.DeclaredSize ?? (uint)chunk.Body.Length);
            stream.Write(size);
            stream.Write(chunk.Body);
            if (chunk.Pad && (chunk.Body.Length & 1) != 0) stream.WriteByte(0);
        }
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), riffSize ?? (uint)(bytes.Length - 8));
        return bytes;
    }

    private static void FillFmt(byte[] body, ushort tag, int channels, int rate, int bits, int blockAlign)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(body, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
    }
}
