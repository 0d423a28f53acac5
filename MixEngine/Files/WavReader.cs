using System.Runtime.Intrinsics.X86;
using Microsoft.Win32.SafeHandles;
using MixEngine.Dsp;

namespace MixEngine.Files;

/// <summary>
/// Streams a RIFF/RF64/BW64 WAVE file as 64-bit float: the header is validated at open, then
/// <see cref="RtReadPlanar"/> decodes from a double-buffered read-ahead (<see cref="DataReadAhead"/>, with a third
/// buffer keeping the chunk of the latest seek, so a loop's wrap reads nothing), so memory stays at two or three chunk
/// buffers whatever the media length. A read inside the chunk the read-ahead last settled on (its following chunk held
/// or queued: forward play, hundreds of blocks in a row) decodes from that chunk's bytes directly, with what it needs
/// kept in the reader itself; the read-ahead is asked again only when a read leaves the chunk. Opened on the control
/// side; read from one render thread at a time.
/// </summary>
internal sealed class WavReader : IMediaReader
{
    private readonly SafeFileHandle _handle;
    private readonly DataReadAhead _readAhead;
    private readonly long _frames;
    private readonly int _blockAlign;
    private readonly int _bytesPerSample;
    private readonly int _channels;
    private readonly SampleFormat _format;
    private ChunkBuffer? _settledBytes;
    private long _settledFirst;
    private long _settledEnd;
    private bool _disposed;

    private WavReader(SafeFileHandle handle, WavHeader header)
    {
        _handle = handle;
        _frames = header.Frames;
        _blockAlign = header.BlockAlign;
        _bytesPerSample = header.BytesPerSample;
        _channels = header.Channels;
        _format = header.Format;
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
        if (sourceFrame >= 0 && sourceFrame < _frames) RtAcquire(sourceFrame);
    }

    /// <inheritdoc/>
    public void RtReadPlanar(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset) =>
        RtRead(sourceFrame, count, channelMap, destination, destinationOffset, 1.0, ontoZero: false);

    /// <inheritdoc/>
    public void RtReadPlanarOntoZero(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset, double gain)
    {
        if (SampleCodec.RtFoldsGain(_format, gain))
        {
            RtRead(sourceFrame, count, channelMap, destination, destinationOffset, gain, ontoZero: true);
            return;
        }
        RtRead(sourceFrame, count, channelMap, destination, destinationOffset, 1.0, ontoZero: false);
        for (int k = 0; k < channelMap.Length; k++) MixSum.RtScaleOntoZero(destination[k].AsSpan(destinationOffset, count), gain);
    }

    /// <inheritdoc/>
    /// <remarks>Another render worker may be reading this clip and moving the settled chunk meanwhile: the three fields
    /// may then come from different chunks, which only misdirects the hint (a prefetch instruction never faults).</remarks>
    public void RtPrefetchFrames(long sourceFrame, int count)
    {
        if (_settledBytes is { } settled && sourceFrame >= _settledFirst && sourceFrame + count <= _settledEnd)
            RtPrefetch(settled, (int)(sourceFrame - _settledFirst) * _blockAlign, count * _blockAlign);
    }

    // Zeros outside the media (0 + 0·gain is +0 for the finite gains read onto zero), the chunk's bytes decoded inside.
    private void RtRead(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset, double gain, bool ontoZero)
    {
        if (count <= 0) return;
        if (_settledBytes is { } settled && sourceFrame >= _settledFirst && sourceFrame + count <= _settledEnd)
        {
            int first = (int)(sourceFrame - _settledFirst);
            RtDecodeFrames(settled, first, count, channelMap, destination, destinationOffset, gain, ontoZero);
            RtPrefetch(settled, (first + count) * _blockAlign, (int)Math.Min(count, _settledEnd - sourceFrame - count) * _blockAlign);
            return;
        }
        int done = 0;
        if (sourceFrame < 0)
        {
            done = (int)Math.Min(count, -sourceFrame);
            RtZero(channelMap.Length, destination, destinationOffset, done);
        }
        while (done < count)
        {
            long frame = sourceFrame + done;
            if (frame >= _frames)
            {
                RtZero(channelMap.Length, destination, destinationOffset + done, count - done);
                return;
            }
            var slot = RtAcquire(frame);
            int inChunk = (int)(frame - slot.Chunk * _readAhead.ChunkFrames);
            int n = Math.Min(count - done, slot.Frames - inChunk);
            RtDecodeFrames(slot.Buffer, inChunk, n, channelMap, destination, destinationOffset + done, gain, ontoZero);
            done += n;
            if (done == count) RtPrefetch(slot.Buffer, (inChunk + n) * _blockAlign, Math.Min(count, slot.Frames - inChunk - n) * _blockAlign);
        }
    }

    // The read-ahead's slot for frame; remembers the slot's chunk for direct reads when the read-ahead settled on it.
    private ReadAheadSlot RtAcquire(long frame)
    {
        var slot = _readAhead.RtAcquire(frame);
        _settledBytes = _readAhead.RtSettledOn(slot) ? slot.Buffer : null;
        _settledFirst = slot.Chunk * _readAhead.ChunkFrames;
        _settledEnd = _settledFirst + slot.Frames;
        return slot;
    }

    private void RtDecodeFrames(ChunkBuffer chunk, int first, int frames, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset, double gain, bool ontoZero)
    {
        int blockAlign = _blockAlign;
        ReadOnlySpan<byte> bytes = chunk.Slice(first * blockAlign, frames * blockAlign);
        for (int k = 0; k < channelMap.Length; k++)
        {
            int channel = channelMap[k];
            var target = destination[k].AsSpan(destinationOffset, frames);
            if ((uint)channel >= (uint)_channels) target.Clear();
            else if (ontoZero) SampleCodec.RtDecodeChannelOntoZero(_format, bytes[(channel * _bytesPerSample)..], blockAlign, target, gain);
            else SampleCodec.RtDecodeChannel(_format, bytes[(channel * _bytesPerSample)..], blockAlign, target);
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
    private static unsafe void RtPrefetch(ChunkBuffer buffer, int offset, int length)
    {
        if (!Sse.IsSupported || length <= 0) return;
        byte* start = buffer.Start;
        for (int p = offset & ~63; p < offset + length; p += 64) Sse.Prefetch0(start + p);
    }

    private static void RtZero(int channelCount, double[][] destination, int offset, int count)
    {
        for (int k = 0; k < channelCount; k++) destination[k].AsSpan(offset, count).Clear();
    }
}
