namespace MixEngine.ControlPlane;

/// <summary>
/// A block of doubles (parameter values, transport fields, meter readings) published by one writer (the audio thread)
/// and copied whole by any number of readers without locks: the writer makes a sequence number odd, writes, and makes it
/// even again; a reader copies between two reads of the sequence and retries when it was odd or moved, so it never sees
/// a half-written set. Writes never wait for readers.
/// <para>Thread rules: <see cref="RtPublish"/> (or <see cref="RtBeginWrite"/>, <see cref="RtValues"/>,
/// <see cref="RtEndWrite"/>) from one writer thread only; <see cref="TryRead"/> and <see cref="Read"/> from any thread.
/// Nothing allocates after construction.</para>
/// </summary>
public sealed class SeqlockSnapshot
{
    private readonly double[] _values;
    private long _sequence;

    /// <summary>Creates a snapshot of <paramref name="length"/> values, all 0; control side.</summary>
    public SeqlockSnapshot(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _values = new double[length];
    }

    /// <summary>Number of values.</summary>
    public int Length => _values.Length;

    /// <summary>How many times the values were published (a reader compares it to notice changes); any thread.</summary>
    public long Version => Volatile.Read(ref _sequence) >> 1;

    /// <summary>Starts a write: readers retry until <see cref="RtEndWrite"/>. Writer thread.</summary>
    public void RtBeginWrite()
    {
        Volatile.Write(ref _sequence, _sequence + 1);
        Interlocked.MemoryBarrier();
    }

    /// <summary>The values to write between <see cref="RtBeginWrite"/> and <see cref="RtEndWrite"/>. Writer thread.</summary>
    public Span<double> RtValues => _values;

    /// <summary>Ends a write and makes the new values visible. Writer thread.</summary>
    public void RtEndWrite() => Volatile.Write(ref _sequence, _sequence + 1);

    /// <summary>Publishes <paramref name="values"/> (the snapshot's length) in one write. Writer thread.</summary>
    public void RtPublish(ReadOnlySpan<double> values)
    {
        RtBeginWrite();
        values.CopyTo(_values);
        RtEndWrite();
    }

    /// <summary>Copies a consistent set into <paramref name="destination"/>; false when the writer was busy on every one of <paramref name="attempts"/> tries. Any thread.</summary>
    public bool TryRead(Span<double> destination, int attempts = 64)
    {
        for (int a = 0; a < attempts; a++)
        {
            long before = Volatile.Read(ref _sequence);
            if ((before & 1) != 0)
            {
                Thread.SpinWait(8);
                continue;
            }
            _values.CopyTo(destination);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _sequence) == before) return true;
        }
        return false;
    }

    /// <summary>Copies a consistent set into <paramref name="destination"/>, yielding between retries until it succeeds. Any control thread (never the writer).</summary>
    public void Read(Span<double> destination)
    {
        while (!TryRead(destination)) Thread.Yield();
    }
}
