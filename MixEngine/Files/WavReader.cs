using System.Runtime.Intrinsics.X86;
using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// Streams a RIFF/RF64/BW64 WAVE file as 64-bit float: the header is validated at open, then
/// <see cref="RtReadPlanar"/> decodes from a double-buffered read-ahead (<see cref="DataReadAhead"/>, with a third
/// buffer keeping the chunk of the latest seek, so a loop's wrap reads nothing), so memory stays at two or three chunk
/// buffers whatever the media length. Opened on the control side; read from one render thread at a time.
/// </summary>
internal sealed class WavReader : IMediaReader
{
    private readonly SafeFileHandle _handle;
    private readonly DataReadAhead _readAhead;
    private readonly WavHeader _header;
    private readonly long _frames;
    private bool _disposed;

    private WavReader(SafeFileHandle handle, WavHeader header)
    {
        _handle = handle;
        _header = header;
        _frames = header.Frames;
        _readAhead = new DataReadAhead(handle, header);
        Info = header.ToMediaInfo();
    }

    /// <inheritdoc/>
    public MediaInfo Info { get; }

    /// <summary>Frames per read-ahead chunk.</summary>
    internal int ChunkFrames => _readAhead.ChunkFrames;

    /// <summary>Bytes held by the read-ahead buffers.</summary>
    internal long BufferBytes => _readAhead.BufferBytes;

    /// <summary>Chunk reads that failed after open (the file changed underneath); those frames read as zeros.</summary>
    internal int FailedReads => _readAhead.FailedReads;

    /// <inheritdoc/>
    public MediaFormatException? ReadFailure
    {
        get
        {
            var (offset, cause) = _readAhead.Failure;
            if (offset < 0) return null;
            string why = cause is null
                ? "the file ended before the end of its data chunk (it was truncated or replaced after it was opened)"
                : $"reading failed ({cause.Message})";
            return new MediaFormatException(Info.Path, "data", offset, why);
        }
    }

    /// <summary>Opens and validates <paramref name="path"/>; control side; throws <see cref="MediaFormatException"/> or I/O exceptions.</summary>
    public static WavReader Open(string path)
    {
        string fullPath = Path.GetFullPath(path);
        var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return new WavReader(handle, WavHeaderParser.Parse(fullPath, handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Cue(long sourceFrame)
    {
        // The render thread's own acquire, run here instead: it is the one thread using the reader until its plan plays
        // (the device thread starts after this, which orders the slot's state before its first read).
        if (sourceFrame >= 0 && sourceFrame < _frames) _readAhead.RtAcquire(sourceFrame);
    }

    /// <inheritdoc/>
    public void RtReadPlanar(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset)
    {
        if (count <= 0) return;
        int done = 0;
        if (sourceFrame < 0)
        {
            done = (int)Math.Min(count, -sourceFrame);
            RtZero(channelMap.Length, destination, destinationOffset, done);
        }
        int blockAlign = _header.BlockAlign, bytesPerSample = _header.BytesPerSample, channels = _header.Channels;
        var format = _header.Format;
        while (done < count)
        {
            long frame = sourceFrame + done;
            if (frame >= _frames)
            {
                RtZero(channelMap.Length, destination, destinationOffset + done, count - done);
                return;
            }
            var slot = _readAhead.RtAcquire(frame);
            int inChunk = (int)(frame - slot.Chunk * _readAhead.ChunkFrames);
            int n = Math.Min(count - done, slot.Frames - inChunk);
            var bytes = new ReadOnlySpan<byte>(slot.Buffer, inChunk * blockAlign, n * blockAlign);
            for (int k = 0; k < channelMap.Length; k++)
            {
                int channel = channelMap[k];
                var target = destination[k].AsSpan(destinationOffset + done, n);
                if ((uint)channel < (uint)channels)
                    SampleCodec.RtDecodeChannel(format, bytes[(channel * bytesPerSample)..], blockAlign, target);
                else
                    target.Clear();
            }
            done += n;
            if (done == count) RtPrefetch(slot.Buffer, (inChunk + n) * blockAlign, Math.Min(count, slot.Frames - inChunk - n) * blockAlign);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _readAhead.Dispose();
        _handle.Dispose();
    }

    // Asks the processor to fetch the bytes the next block of a forward play will decode (the same length again, inside
    // the slot): with over a hundred readers each decoding a few hundred bytes per period, the read-ahead's chunks are
    // long gone from the caches by the time the render thread reaches them, and one stall per cache line per reader
    // and period otherwise lands in the decoding loop. A hint only: nothing is read or changed.
    private static unsafe void RtPrefetch(byte[] buffer, int offset, int length)
    {
        if (!Sse.IsSupported || length <= 0) return;
        fixed (byte* start = buffer)
        {
            for (int p = offset & ~63; p < offset + length; p += 64) Sse.Prefetch0(start + p);
        }
    }

    private static void RtZero(int channelCount, double[][] destination, int offset, int count)
    {
        for (int k = 0; k < channelCount; k++) destination[k].AsSpan(offset, count).Clear();
    }
}
