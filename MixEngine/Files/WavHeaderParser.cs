using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// Walks the chunks of a RIFF, RF64 or BW64 WAVE file and validates what the reader needs (formats.md §1, §3, §4):
/// fmt (PCM 16/24/32, IEEE float 32/64, EXTENSIBLE with the PCM or FLOAT SubFormat), data, bext TimeReference and the
/// ds64 sizes. Chunks may come in any order except that fmt must precede data; odd-sized chunks are followed by a pad
/// byte. Control side only: every problem is a <see cref="MediaFormatException"/> naming the file, chunk and offset.
/// </summary>
internal static class WavHeaderParser
{
    private const uint SizeFromDs64 = 0xFFFFFFFF;
    private const int Ds64FixedBytes = 28;
    private const int BextTimeReferenceOffset = 338;

    /// <summary>Parses the header of the file open as <paramref name="handle"/>; <paramref name="path"/> names it in errors.</summary>
    public static WavHeader Parse(string path, SafeFileHandle handle)
    {
        long fileLength = RandomAccess.GetLength(handle);
        Span<byte> head = stackalloc byte[12];
        if (ReadFully(handle, head, 0) < 12)
            throw new MediaFormatException(path, "RIFF", 0, $"the file is {fileLength} bytes; a WAV file starts with a 12-byte RIFF/RF64/BW64 header");
        string magic = FourCc(head[..4]);
        if (magic is not ("RIFF" or "RF64" or "BW64"))
            throw new MediaFormatException(path, "RIFF", 0, $"expected the magic 'RIFF', 'RF64' or 'BW64', found '{magic}'");
        string form = FourCc(head.Slice(8, 4));
        if (form != "WAVE")
            throw new MediaFormatException(path, magic, 8, $"expected the form type 'WAVE', found '{form}'");

        bool large = magic != "RIFF";
        long riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        long offset = 12;
        Ds64? ds64 = null;
        if (large)
        {
            ds64 = ReadDs64(path, handle, fileLength, magic);
            if (riffSize == SizeFromDs64) riffSize = ds64.RiffSize;
            offset = 12 + 8 + ds64.BodyBytes + (ds64.BodyBytes & 1);
        }

        // A plain RIFF written past 4 GiB by a tool that does not switch to RF64 (ffmpeg without -rf64 auto) carries
        // sizes that wrapped modulo 2^32; when the file is longer than a declared size by whole multiples of 2^32 (plus
        // a pad byte), the size is taken as the wrapped one and the chunk walk runs to the end of the file.
        long limit = riffSize > 4 && riffSize + 8 < fileLength && !(magic == "RIFF" && WrappedPast4GiB(fileLength - 8, riffSize))
            ? riffSize + 8 + (riffSize & 1)
            : fileLength;
        FmtFacts? fmt = null;
        long dataOffset = -1, dataBytes = 0;
        long? timeReference = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (offset + 8 <= limit)
        {
            ReadFully(handle, chunkHeader, offset);
            string id = FourCc(chunkHeader[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (size == SizeFromDs64 && ds64 is not null)
                size = id == "data" ? ds64.DataSize : ds64.SizeOf(id)
                    ?? throw new MediaFormatException(path, id, offset, "the chunk size is 0xFFFFFFFF but the ds64 table holds no size for this chunk");
            long body = offset + 8;
            if (id == "data")
            {
                if (fmt is null)
                    throw new MediaFormatException(path, "data", offset, "the 'data' chunk comes before any 'fmt ' chunk; 'fmt ' must precede 'data'");
                if (!large && WrappedPast4GiB(fileLength - body, size))
                    size += (fileLength - body - size) & ~0xFFFF_FFFFL;
                if (body + size > fileLength)
                {
                    long present = fileLength - body;
                    throw new MediaFormatException(path, "data", offset,
                        $"the data chunk declares {size} bytes but the file ends after {present} of them: {size - present} bytes missing (truncated file)");
                }
                if (dataOffset < 0)
                {
                    dataOffset = body;
                    dataBytes = size;
                }
            }
            else
            {
                if (body + size > fileLength)
                    throw new MediaFormatException(path, id, offset,
                        $"the chunk declares {size} bytes but only {fileLength - body} remain before the end of the file");
                if (id == "fmt " && fmt is null) fmt = ReadFmt(path, handle, offset, size);
                else if (id == "bext" && timeReference is null && size >= BextTimeReferenceOffset + 8)
                    timeReference = ReadBextTimeReference(handle, body);
            }
            offset = body + size + (size & 1);
        }

        if (fmt is null)
            throw new MediaFormatException(path, "fmt ", Math.Min(offset, fileLength), $"no 'fmt ' chunk found in the chunks up to byte offset {Math.Min(offset, fileLength)}");
        if (dataOffset < 0)
            throw new MediaFormatException(path, "data", Math.Min(offset, fileLength), $"no 'data' chunk found in the chunks up to byte offset {Math.Min(offset, fileLength)}");
        return new WavHeader(path, magic, fmt.Channels, fmt.SampleRate, fmt.Format, fmt.BlockAlign, fmt.ChannelMask,
            dataOffset, dataBytes, timeReference);
    }

    // True when `actual` bytes exceed a 32-bit `declared` size by a whole, non-zero number of 4 GiB steps, give or
    // take a trailing pad byte: the declared size is the true one wrapped modulo 2^32.
    private static bool WrappedPast4GiB(long actual, long declared)
    {
        long excess = actual - declared;
        return excess >= 1L << 32 && (excess & 0xFFFF_FFFFL) <= 1;
    }

    private static Ds64 ReadDs64(string path, SafeFileHandle handle, long fileLength, string magic)
    {
        Span<byte> header = stackalloc byte[8];
        if (ReadFully(handle, header, 12) < 8)
            throw new MediaFormatException(path, "ds64", 12, $"an {magic} file must start with a 'ds64' chunk, but the file ends at byte {fileLength}");
        string id = FourCc(header[..4]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (id != "ds64")
            throw new MediaFormatException(path, "ds64", 12, $"an {magic} file must start with a 'ds64' chunk, found '{id}'");
        if (size < Ds64FixedBytes)
            throw new MediaFormatException(path, "ds64", 12, $"the ds64 chunk is {size} bytes; at least {Ds64FixedBytes} expected");
        if (20 + size > fileLength)
            throw new MediaFormatException(path, "ds64", 12, $"the chunk declares {size} bytes but only {fileLength - 20} remain before the end of the file");
        var body = new byte[size];
        ReadFully(handle, body, 20);
        uint tableLength = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(24));
        if (Ds64FixedBytes + 12L * tableLength > size)
            throw new MediaFormatException(path, "ds64", 12 + 8 + 24, $"the ds64 table length {tableLength} needs {Ds64FixedBytes + 12L * tableLength} bytes but the chunk is {size}");
        var table = new Dictionary<string, long>();
        for (int i = 0; i < tableLength; i++)
        {
            var entry = body.AsSpan(Ds64FixedBytes + 12 * i, 12);
            table.TryAdd(FourCc(entry[..4]), (long)BinaryPrimitives.ReadUInt64LittleEndian(entry[4..]));
        }
        return new Ds64(size, (long)BinaryPrimitives.ReadUInt64LittleEndian(body), (long)BinaryPrimitives.ReadUInt64LittleEndian(body.AsSpan(8)), table);
    }

    private static FmtFacts ReadFmt(string path, SafeFileHandle handle, long chunkOffset, long size)
    {
        long body = chunkOffset + 8;
        if (size < 16)
            throw new MediaFormatException(path, "fmt ", chunkOffset, $"the fmt chunk is {size} bytes; at least 16 expected");
        Span<byte> fmt = stackalloc byte[40];
        ReadFully(handle, fmt[..(int)Math.Min(size, 40)], body);
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0)
            throw new MediaFormatException(path, "fmt ", body + 2, "nChannels is 0; at least 1 channel expected");
        if (rate == 0 || rate > int.MaxValue)
            throw new MediaFormatException(path, "fmt ", body + 4, $"nSamplesPerSec is {rate}; a positive sample rate expected");

        uint mask = 0;
        ushort coding = tag;
        if (tag == WaveFormatCodes.Extensible)
        {
            if (size < 40)
                throw new MediaFormatException(path, "fmt ", chunkOffset, $"a WAVE_FORMAT_EXTENSIBLE fmt chunk is {size} bytes; 40 expected (cbSize 22)");
            mask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            var guid = fmt.Slice(24, 16);
            uint data1 = BinaryPrimitives.ReadUInt32LittleEndian(guid);
            if ((data1 != WaveFormatCodes.Pcm && data1 != WaveFormatCodes.IeeeFloat) || !guid[4..].SequenceEqual(WaveFormatCodes.SubFormatTail))
                throw new MediaFormatException(path, "fmt ", body + 24,
                    $"unsupported SubFormat GUID {new Guid(guid)}; expected PCM 00000001-0000-0010-8000-00aa00389b71 or IEEE float 00000003-0000-0010-8000-00aa00389b71");
            coding = (ushort)data1;
        }
        else if (tag != WaveFormatCodes.Pcm && tag != WaveFormatCodes.IeeeFloat)
        {
            throw new MediaFormatException(path, "fmt ", body,
                $"unsupported wFormatTag 0x{tag:X4}; expected 0x0001 (PCM), 0x0003 (IEEE float) or 0xFFFE (WAVE_FORMAT_EXTENSIBLE)");
        }

        SampleFormat? format = (coding, bits) switch
        {
            (WaveFormatCodes.Pcm, 16) => SampleFormat.Int16,
            (WaveFormatCodes.Pcm, 24) => SampleFormat.Int24,
            (WaveFormatCodes.Pcm, 32) => SampleFormat.Int32,
            (WaveFormatCodes.IeeeFloat, 32) => SampleFormat.Float32,
            (WaveFormatCodes.IeeeFloat, 64) => SampleFormat.Float64,
            _ => null,
        };
        if (format is null)
            throw new MediaFormatException(path, "fmt ", body + 14, coding == WaveFormatCodes.Pcm
                ? $"unsupported PCM wBitsPerSample {bits}; 16, 24 or 32 expected"
                : $"unsupported IEEE float wBitsPerSample {bits}; 32 or 64 expected");
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign)
            throw new MediaFormatException(path, "fmt ", body + 12,
                $"nBlockAlign is {blockAlign}; expected {expectedAlign} ({channels} channels × {bits / 8} bytes)");
        return new FmtFacts(channels, (int)rate, format.Value, blockAlign, mask);
    }

    private static long ReadBextTimeReference(SafeFileHandle handle, long body)
    {
        Span<byte> tr = stackalloc byte[8];
        ReadFully(handle, tr, body + BextTimeReferenceOffset);
        return (long)BinaryPrimitives.ReadUInt64LittleEndian(tr);
    }

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[got..], offset + got);
            if (n <= 0) break;
            got += n;
        }
        return got;
    }

    private static string FourCc(ReadOnlySpan<byte> id)
    {
        Span<char> text = stackalloc char[4];
        for (int i = 0; i < 4; i++) text[i] = id[i] is >= 0x20 and < 0x7F ? (char)id[i] : '?';
        return new string(text);
    }

    private sealed record FmtFacts(int Channels, int SampleRate, SampleFormat Format, int BlockAlign, uint ChannelMask);

    private sealed record Ds64(long BodyBytes, long RiffSize, long DataSize, Dictionary<string, long> Table)
    {
        public long? SizeOf(string id) => Table.TryGetValue(id, out long size) ? size : null;
    }
}
