namespace MixEngine.Devices;

/// <summary>
/// When each period of a real-time paced device is due: the n-th period after a base instant is due at
/// base + n × frames / rate seconds, computed exactly in nanoseconds from the frame count (so there is no drift from a
/// period length rounded to whole clock ticks, whatever the rate and block size). A period that finishes after the next
/// one was due is late: it is counted once and the schedule restarts from that instant (the next period starts at once
/// and the device never calls back-to-back to catch up).
/// <para>Thread rules: a value owned by the device's audio thread; the <c>Rt*</c> members allocate nothing.</para>
/// </summary>
internal struct PeriodSchedule
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly int _sampleRate;
    private readonly int _blockSize;
    private long _base;
    private long _periods;

    /// <summary>A schedule whose first period is due at <paramref name="start"/> (nanoseconds on the device's clock).</summary>
    public PeriodSchedule(int sampleRate, int blockSize, long start)
    {
        _sampleRate = sampleRate;
        _blockSize = blockSize;
        _base = start;
        Due = start;
    }

    /// <summary>When the current period is due, in nanoseconds on the device's clock.</summary>
    public long Due { get; private set; }

    /// <summary>
    /// Moves to the next period after one finished at <paramref name="now"/>; returns true when it finished late (after
    /// the next period was due), in which case the next period is due at <paramref name="now"/>.
    /// </summary>
    public bool RtAdvance(long now)
    {
        _periods++;
        // frames / rate split into whole seconds and a remainder, so no product overflows (a remainder below 768 000
        // times 1e9 stays far below 2^63) however long the device runs.
        long frames = _periods * _blockSize;
        long due = _base + frames / _sampleRate * NanosecondsPerSecond + frames % _sampleRate * NanosecondsPerSecond / _sampleRate;
        if (now <= due)
        {
            Due = due;
            return false;
        }
        _base = now;
        _periods = 0;
        Due = now;
        return true;
    }
}
