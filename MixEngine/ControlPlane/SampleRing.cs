namespace MixEngine.ControlPlane;

/// <summary>
/// A bounded single-producer single-consumer ring of planar 64-bit audio: the audio thread writes whole segments of
/// every channel, a disk thread reads them out. All storage is preallocated; the write position is published after
/// the samples (release), read by the consumer with acquire, and the read position the same way back, so neither side
/// waits or locks. A segment that does not fit whole is refused (the producer counts it as an overrun) rather than
/// split or waited for.
/// <para>Thread rules: <see cref="RtTryWrite"/> from one producer thread (the audio thread); <see cref="Read"/> from one
/// consumer thread (the disk thread); <see cref="Available"/> from either. None allocates, locks or throws after
/// construction.</para>
/// </summary>
public sealed class SampleRing
{
    private readonly double[][] _planes;
    private readonly int _capacity;
    private long _written;
    private long _read;

    /// <summary>Creates a ring of <paramref name="channels"/> planes holding <paramref name="capacity"/> frames each; control side.</summary>
    public SampleRing(int channels, int capacity)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "a sample ring needs at least one channel");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a sample ring holds at least one frame");
        _capacity = capacity;
        _planes = new double[channels][];
        for (int c = 0; c < channels; c++) _planes[c] = new double[capacity];
    }

    /// <summary>Channels (planes) of the ring.</summary>
    public int Channels => _planes.Length;

    /// <summary>Frames the ring holds at most.</summary>
    public int Capacity => _capacity;

    /// <summary>Frames written and not read yet; either thread.</summary>
    public int Available => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>
    /// Appends <paramref name="count"/> frames of <c>sources[c][offset ..]</c> for every channel, or nothing when they do
    /// not all fit (returns false). Producer thread only.
    /// </summary>
    public bool RtTryWrite(double[][] sources, int offset, int count)
    {
        long written = _written;
        if (count > _capacity - (int)(written - Volatile.Read(ref _read))) return false;
        int start = (int)(written % _capacity);
        int first = Math.Min(count, _capacity - start);
        for (int c = 0; c < _planes.Length; c++)
        {
            Array.Copy(sources[c], offset, _planes[c], start, first);
            if (first < count) Array.Copy(sources[c], offset + first, _planes[c], 0, count - first);
        }
        Volatile.Write(ref _written, written + count);
        return true;
    }

    /// <summary>Moves up to <paramref name="maxCount"/> frames into <c>targets[c][0 ..]</c>; returns how many. Consumer thread only.</summary>
    public int Read(double[][] targets, int maxCount)
    {
        long read = _read;
        int count = (int)Math.Min(maxCount, Volatile.Read(ref _written) - read);
        if (count <= 0) return 0;
        int start = (int)(read % _capacity);
        int first = Math.Min(count, _capacity - start);
        for (int c = 0; c < _planes.Length; c++)
        {
            Array.Copy(_planes[c], start, targets[c], 0, first);
            if (first < count) Array.Copy(_planes[c], 0, targets[c], first, count - first);
        }
        Volatile.Write(ref _read, read + count);
        return count;
    }
}
