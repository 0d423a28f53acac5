using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// One of the buffers of a <see cref="DataReadAhead"/>: holds the bytes of one chunk of a data chunk, filled either
/// by the disk thread (<see cref="ReadAheadDisk"/>) after <see cref="RtQueue"/> or on the render thread itself. The render
/// thread owns the slot; the disk thread only ever moves it Queued → Loading → Ready. A render thread that needs a slot
/// still Queued takes the load over (compare-and-swap) instead of waiting behind a busy disk thread, so it never deadlocks.
/// </summary>
internal sealed class ReadAheadSlot : IDisposable
{
    private const int Empty = 0, Queued = 1, Loading = 2, Ready = 3;

    private readonly SafeFileHandle _handle;
    private readonly long _dataOffset;
    private readonly long _totalFrames;
    private readonly int _blockAlign;
    private readonly int _chunkFrames;
    private int _state;
    private bool _disposed;
    private int _failedReads;
    private long _failureOffset = -1;
    private Exception? _failureCause;

    /// <summary>Creates an empty slot over the data chunk at <paramref name="dataOffset"/>; control side.</summary>
    public ReadAheadSlot(SafeFileHandle handle, long dataOffset, long totalFrames, int blockAlign, int chunkFrames)
    {
        _handle = handle;
        _dataOffset = dataOffset;
        _totalFrames = totalFrames;
        _blockAlign = blockAlign;
        _chunkFrames = chunkFrames;
        Buffer = ChunkMemory.Rent(chunkFrames * blockAlign);
        ReadAheadDisk.Register(this);
    }

    /// <summary>The chunk bytes (valid for <see cref="Frames"/> frames once <see cref="RtEnsureReady"/> returned; given back on <see cref="Dispose"/>).</summary>
    public ChunkBuffer Buffer { get; }

    /// <summary>The chunk index held or being loaded, or -1.</summary>
    public long Chunk { get; private set; } = -1;

    /// <summary>Frames of the chunk held in <see cref="Buffer"/>.</summary>
    public int Frames { get; private set; }

    /// <summary>Reads that failed (I/O error or the file shrank after open); their frames were delivered as zeros.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>Byte offset of the first read that failed, or -1.</summary>
    public long FailureOffset => Volatile.Read(ref _failureOffset);

    /// <summary>The I/O exception behind the first failed read, or null when the file was simply shorter than expected.</summary>
    public Exception? FailureCause => Volatile.Read(ref _failureCause);

    /// <summary>True when the slot is not queued or loading, so the render thread may repurpose it.</summary>
    public bool RtIsIdle => Volatile.Read(ref _state) is Empty or Ready;

    /// <summary>Asks the disk thread to load <paramref name="chunk"/> (marks the slot and notes it for the disk thread; allocates nothing, never locks); render thread, only when <see cref="RtIsIdle"/>.</summary>
    public void RtQueue(long chunk)
    {
        Chunk = chunk;
        Volatile.Write(ref _state, Queued);
        ReadAheadDisk.RtNoteQueued();
    }

    /// <summary>Cancels a load still queued (the disk thread has not started it): true when it did, and the slot is then idle; render thread.</summary>
    public bool RtTryCancel() => Interlocked.CompareExchange(ref _state, Empty, Queued) == Queued;

    /// <summary>Loads <paramref name="chunk"/> on the calling thread, first finishing or taking over any pending load; render thread.</summary>
    public void RtLoadNow(long chunk)
    {
        RtSettle();
        Chunk = chunk;
        Load();
    }

    /// <summary>Returns once the slot's chunk is in <see cref="Buffer"/>: takes over a queued load, waits for a running one; render thread.</summary>
    public void RtEnsureReady()
    {
        // Loaded already (the usual case): the exchange below would fail and the wait return at once.
        if (Volatile.Read(ref _state) == Ready) return;
        if (Interlocked.CompareExchange(ref _state, Loading, Queued) == Queued)
        {
            Load();
            return;
        }
        WaitWhileLoading();
    }

    /// <summary>Cancels a queued load or waits for a running one; called on dispose by the owning thread.</summary>
    public void Settle()
    {
        if (Interlocked.CompareExchange(ref _state, Empty, Queued) == Queued) return;
        WaitWhileLoading();
    }

    /// <summary>Settles the slot (cancels a queued load, waits out a running one) and leaves the disk thread; owning thread, once no more reads will be made.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Settle();
        ReadAheadDisk.Unregister(this);
        ChunkMemory.Return(Buffer); // the disk thread no longer sees the slot, and the owner reads no more
    }

    /// <summary>Disk-thread entry: loads the queued chunk unless the render thread took it over or it was cancelled; true when it loaded.</summary>
    public bool LoadIfQueued()
    {
        if (Interlocked.CompareExchange(ref _state, Loading, Queued) != Queued) return false;
        Load();
        return true;
    }

    private void RtSettle()
    {
        if (Interlocked.CompareExchange(ref _state, Loading, Queued) == Queued) return;
        WaitWhileLoading();
        Volatile.Write(ref _state, Loading);
    }

    // A disk thread is mid-read: spin, then yield and sleep (SpinWait's back-off). Unlike a wait on an event this
    // allocates nothing, not even a lazily created lock object on the first blocking wait.
    private void WaitWhileLoading()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _state) == Loading) spin.SpinOnce();
    }

    private void Load()
    {
        long first = Chunk * _chunkFrames;
        int frames = (int)Math.Min(_chunkFrames, _totalFrames - first);
        var span = Buffer.Slice(0, frames * _blockAlign);
        long position = _dataOffset + first * _blockAlign;
        int got = 0;
        try
        {
            while (got < span.Length)
            {
                int n = RandomAccess.Read(_handle, span[got..], position + got);
                if (n <= 0) break;
                got += n;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // The render thread must not throw: the frames that could not be read are delivered as zeros, and the
            // failure is kept for the control side (IMediaReader.ReadFailure), which stops the render.
            Interlocked.CompareExchange(ref _failureCause, e, null);
        }
        if (got < span.Length)
        {
            span[got..].Clear();
            Interlocked.CompareExchange(ref _failureOffset, position + got, -1);
            Interlocked.Increment(ref _failedReads);
        }
        Frames = frames;
        Volatile.Write(ref _state, Ready);
    }
}
