using System.Diagnostics;

namespace MixEngine.Realtime;

/// <summary>
/// Block timing statistics of the audio thread: each period's render time goes into a fixed histogram (1 µs buckets up
/// to 100 ms) and counters for late blocks (render time above the period), xruns reported by the device and bytes the
/// audio thread allocated while rendering (0 in a healthy engine; measured per block). The
/// control side reads percentiles and the maximum from a copy, so the audio thread never waits.
/// <para>Thread rules: <see cref="RtRecord"/> and <see cref="RtCountXrun"/> on the audio thread only (no allocation);
/// <see cref="Read"/> on any control thread (reads are serialised; allocates the returned record). A read may miss the block being recorded
/// at that instant; counts are exact afterwards.</para>
/// </summary>
public sealed class BlockTimer
{
    private const int Buckets = 100_000;
    private readonly long[] _histogram = new long[Buckets + 1];
    private readonly long _periodTicks;
    private long _blocks, _late, _xruns, _maxTicks, _allocated;
    private readonly object _readGate = new();
    // The control side's copy of the histogram, kept: a fresh one per read was an 800 KB array on the large object heap
    // every serve timing line, which counts toward a gen-2 collection (docs/realtime.md, GC).
    private long[]? _readCopy;

    /// <summary>Creates the statistics for periods of <paramref name="blockSize"/> frames at <paramref name="sampleRate"/>; control side.</summary>
    public BlockTimer(int sampleRate, int blockSize)
    {
        PeriodMicroseconds = 1e6 * blockSize / sampleRate;
        _periodTicks = (long)(Stopwatch.Frequency * (double)blockSize / sampleRate);
    }

    /// <summary>Length of one period in microseconds.</summary>
    public double PeriodMicroseconds { get; }

    /// <summary>Records one block that took <paramref name="ticks"/> Stopwatch ticks. Audio thread.</summary>
    public void RtRecord(long ticks)
    {
        long micros = ticks * 1_000_000 / Stopwatch.Frequency;
        Interlocked.Increment(ref _histogram[Math.Min(micros, Buckets)]);
        Interlocked.Increment(ref _blocks);
        if (ticks > _periodTicks) Interlocked.Increment(ref _late);
        if (ticks > Volatile.Read(ref _maxTicks)) Volatile.Write(ref _maxTicks, ticks);
    }

    /// <summary>Adds the bytes the audio thread allocated during one block (<see cref="GC.GetAllocatedBytesForCurrentThread"/> before and after). Audio thread.</summary>
    public void RtCountAllocated(long bytes)
    {
        if (bytes != 0) Interlocked.Add(ref _allocated, bytes);
    }

    /// <summary>Counts an xrun the device reported. Audio thread or the device's notification thread.</summary>
    public void RtCountXrun() => Interlocked.Increment(ref _xruns);

    /// <summary>The statistics so far (since construction); control side.</summary>
    public BlockTimingStatistics Read()
    {
        lock (_readGate)
        {
            var copy = _readCopy ??= new long[_histogram.Length];
            long total = 0;
            for (int i = 0; i < copy.Length; i++) total += copy[i] = Volatile.Read(ref _histogram[i]);
            return Statistics(copy, total);
        }
    }

    private BlockTimingStatistics Statistics(long[] copy, long total) =>
        new(
            Interlocked.Read(ref _blocks), PeriodMicroseconds,
            Percentile(copy, total, 0.50), Percentile(copy, total, 0.99), Percentile(copy, total, 0.999),
            Volatile.Read(ref _maxTicks) * 1e6 / Stopwatch.Frequency,
            Interlocked.Read(ref _late), Interlocked.Read(ref _xruns), Interlocked.Read(ref _allocated));

    private static double Percentile(long[] histogram, long total, double fraction)
    {
        if (total == 0) return 0;
        long rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (int i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank) return i;
        }
        return histogram.Length - 1;
    }
}

/// <summary>Block timing as the control side reads it; times in microseconds (percentiles at 1 µs resolution). Immutable.</summary>
/// <param name="Blocks">Blocks rendered.</param>
/// <param name="PeriodMicroseconds">Length of one period.</param>
/// <param name="P50">Median render time.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Longest render time.</param>
/// <param name="LateBlocks">Blocks whose render time exceeded the period.</param>
/// <param name="Xruns">Under- or overruns reported by the device.</param>
/// <param name="AllocatedBytes">Bytes the audio thread allocated while rendering blocks (the realtime rules want 0).</param>
public sealed record BlockTimingStatistics(long Blocks, double PeriodMicroseconds, double P50, double P99, double P999, double Max, long LateBlocks, long Xruns,
    long AllocatedBytes);
