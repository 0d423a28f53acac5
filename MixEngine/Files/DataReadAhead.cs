using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// Double-buffered read-ahead over a WAVE data chunk split into fixed chunks of frames: while the render thread decodes
/// the chunk in one <see cref="ReadAheadSlot"/>, the next chunk is loaded into the other on a disk thread. Memory is two
/// chunk buffers whatever the media length; a random seek loads the needed chunk on the calling thread. One render
/// thread at a time; Rt methods never allocate.
/// </summary>
internal sealed class DataReadAhead : IDisposable
{
    /// <summary>Upper bound of frames per chunk (the ~64k-frame read unit).</summary>
    public const int MaxChunkFrames = 65536;

    private const int TargetChunkBytes = 4 << 20;
    private const int MinChunkFrames = 1024;

    private readonly ReadAheadSlot _first;
    private readonly ReadAheadSlot _second;
    private readonly long _chunkCount;
    private ReadAheadSlot _current;

    /// <summary>Prepares both buffers for the data chunk of <paramref name="header"/>; control side.</summary>
    public DataReadAhead(SafeFileHandle handle, WavHeader header)
    {
        ChunkFrames = (int)Math.Clamp(TargetChunkBytes / header.BlockAlign, MinChunkFrames, MaxChunkFrames);
        _chunkCount = (header.Frames + ChunkFrames - 1) / ChunkFrames;
        _first = new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, ChunkFrames);
        _second = new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, ChunkFrames);
        _current = _first;
    }

    /// <summary>Frames per chunk.</summary>
    public int ChunkFrames { get; }

    /// <summary>Bytes held by the two buffers (the reader's streaming memory).</summary>
    public long BufferBytes => _first.Buffer.Length + (long)_second.Buffer.Length;

    /// <summary>Chunk reads that failed after open (their frames read as zeros).</summary>
    public int FailedReads => _first.FailedReads + _second.FailedReads;

    /// <summary>Byte offset and cause of a failed read (the earlier offset of the two slots), or (-1, null).</summary>
    public (long Offset, Exception? Cause) Failure =>
        _first.FailureOffset >= 0 && (_second.FailureOffset < 0 || _first.FailureOffset <= _second.FailureOffset)
            ? (_first.FailureOffset, _first.FailureCause)
            : (_second.FailureOffset, _second.FailureCause);

    /// <summary>
    /// Returns a slot holding the chunk that contains <paramref name="frame"/> (0 ≤ frame &lt; media frames), loading it
    /// now if it is not there, and queues the following chunk into the other slot; render thread.
    /// </summary>
    public ReadAheadSlot RtAcquire(long frame)
    {
        long chunk = frame / ChunkFrames;
        ReadAheadSlot slot;
        if (_current.Chunk == chunk) slot = _current;
        else if (Other(_current).Chunk == chunk) slot = Other(_current);
        else
        {
            slot = Other(_current);
            slot.RtLoadNow(chunk);
        }
        slot.RtEnsureReady();
        _current = slot;

        var next = Other(slot);
        long following = chunk + 1;
        if (following < _chunkCount && next.Chunk != following && next.RtIsIdle) next.RtQueue(following);
        return slot;
    }

    /// <summary>Settles pending reads and releases the slots' wait objects; control side, before closing the file.</summary>
    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private ReadAheadSlot Other(ReadAheadSlot slot) => ReferenceEquals(slot, _first) ? _second : _first;
}
