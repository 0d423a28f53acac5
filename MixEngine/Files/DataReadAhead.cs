using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// Double-buffered read-ahead over a WAVE data chunk split into fixed chunks of frames: while the render thread decodes
/// the chunk in one <see cref="ReadAheadSlot"/>, the next chunk is loaded into the other on a disk thread. A random seek
/// (a jump: the chunk is in no slot) loads the needed chunk on the calling thread. Media longer than two chunks get a
/// third slot, the cue, which keeps the chunk of the latest jump: a loop returns to the same place at every wrap (and
/// playback usually starts where its loop starts), so from the second time on the wrap finds its chunk loaded and the
/// render thread only swaps buffers; the two other slots double-buffer the chunks that follow. Memory is two or three
/// chunk buffers whatever the media length. One render thread at a time; Rt methods never allocate.
/// </summary>
internal sealed class DataReadAhead : IDisposable
{
    /// <summary>Upper bound of frames per chunk (the ~64k-frame read unit).</summary>
    public const int MaxChunkFrames = 65536;

    private const int TargetChunkBytes = 4 << 20;
    private const int MinChunkFrames = 1024;

    private readonly ReadAheadSlot _first;
    private readonly ReadAheadSlot _second;
    private readonly ReadAheadSlot? _cue;
    private readonly long _chunkCount;
    private ReadAheadSlot _current;
    private long _settledChunk = -1;

    /// <summary>Prepares the buffers for the data chunk of <paramref name="header"/>; control side.</summary>
    public DataReadAhead(SafeFileHandle handle, WavHeader header)
    {
        ChunkFrames = (int)Math.Clamp(TargetChunkBytes / header.BlockAlign, MinChunkFrames, MaxChunkFrames);
        _chunkCount = (header.Frames + ChunkFrames - 1) / ChunkFrames;
        _first = new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, ChunkFrames);
        _second = new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, ChunkFrames);
        // Media of one or two chunks stay whole in the double buffer, so a jump there never reads again anyway.
        if (_chunkCount > 2) _cue = new ReadAheadSlot(handle, header.DataOffset, header.Frames, header.BlockAlign, ChunkFrames);
        _current = _first;
    }

    /// <summary>Frames per chunk.</summary>
    public int ChunkFrames { get; }

    /// <summary>Bytes held by the buffers (the reader's streaming memory).</summary>
    public long BufferBytes => _first.Buffer.Length + (long)_second.Buffer.Length + (_cue?.Buffer.Length ?? 0);

    /// <summary>Chunk reads that failed after open (their frames read as zeros).</summary>
    public int FailedReads => _first.FailedReads + _second.FailedReads + (_cue?.FailedReads ?? 0);

    /// <summary>Byte offset and cause of a failed read (the earliest offset of the slots), or (-1, null).</summary>
    public (long Offset, Exception? Cause) Failure
    {
        get
        {
            var failure = Earlier((_first.FailureOffset, _first.FailureCause), (_second.FailureOffset, _second.FailureCause));
            return _cue is null ? failure : Earlier(failure, (_cue.FailureOffset, _cue.FailureCause));
        }
    }

    /// <summary>
    /// Returns a slot holding the chunk that contains <paramref name="frame"/> (0 ≤ frame &lt; media frames), loading it
    /// now if no slot holds it (into the cue, which then keeps it), and queues the following chunk into a double-buffer
    /// slot; render thread.
    /// </summary>
    public ReadAheadSlot RtAcquire(long frame)
    {
        long chunk = frame / ChunkFrames;
        // The chunk of the last call when that call saw the following chunk held or queued: only this thread changes
        // which chunk a slot holds, so nothing is left to look at but whether the read is done (forward play reads one
        // chunk hundreds of blocks in a row, and the other slots then stay out of the cache).
        if (chunk == _settledChunk)
        {
            _current.RtEnsureReady();
            return _current;
        }
        var slot = RtHolding(chunk);
        if (slot is null)
        {
            // A jump goes to the cue, which keeps it; the chunk right after the current one (its read-ahead was not
            // queued in time) goes to the double buffer, so the cue keeps the place playback returns to.
            slot = _cue is null || (_current.Chunk >= 0 && chunk == _current.Chunk + 1) ? RtFollowingSlot(_current) : _cue;
            slot.RtLoadNow(chunk);
        }
        slot.RtEnsureReady();
        _current = slot;

        long following = chunk + 1;
        bool settled = true;
        if (following < _chunkCount && RtHolding(following) is null)
        {
            // A read-ahead still queued there is for a chunk no longer wanted (e.g. the one after a loop's end): dropped.
            // A slot busy loading is asked again at the next call.
            var next = RtFollowingSlot(slot);
            settled = next.RtIsIdle || next.RtTryCancel();
            if (settled) next.RtQueue(following);
        }
        _settledChunk = settled ? chunk : -1;
        return slot;
    }

    /// <summary>
    /// True when <paramref name="slot"/>, as just returned by <see cref="RtAcquire"/>, is the chunk that call settled on
    /// (the following chunk held or queued): until a read leaves its frames, acquiring any of them again would only find
    /// it ready and return it, so a caller may read its bytes directly meanwhile. Render thread.
    /// </summary>
    public bool RtSettledOn(ReadAheadSlot slot) => _settledChunk == slot.Chunk && ReferenceEquals(slot, _current);

    /// <summary>Settles pending reads and releases the slots' wait objects; control side, before closing the file.</summary>
    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _cue?.Dispose();
    }

    private ReadAheadSlot? RtHolding(long chunk) =>
        _current.Chunk == chunk ? _current
        : _first.Chunk == chunk ? _first
        : _second.Chunk == chunk ? _second
        : _cue is not null && _cue.Chunk == chunk ? _cue
        : null;

    // The double-buffer slot the render thread is not reading: the other one of the two, or while it reads the cue an idle one.
    private ReadAheadSlot RtFollowingSlot(ReadAheadSlot slot) =>
        ReferenceEquals(slot, _first) ? _second
        : ReferenceEquals(slot, _second) || _first.RtIsIdle ? _first
        : _second;

    private static (long Offset, Exception? Cause) Earlier((long Offset, Exception? Cause) a, (long Offset, Exception? Cause) b) =>
        a.Offset >= 0 && (b.Offset < 0 || a.Offset <= b.Offset) ? a : b;
}
