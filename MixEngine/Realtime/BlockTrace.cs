using System.Diagnostics;
using MixEngine.Graph;

namespace MixEngine.Realtime;

/// <summary>
/// An opt-in per-period trace of the realtime engine (<see cref="RealtimeEngineOptions.BlockTraceCapacity"/>; <c>serve
/// --block-trace FILE</c>): a preallocated ring of the newest <see cref="Capacity"/> <see cref="BlockTraceRecord"/>s that
/// the audio thread fills once per period (start, wall and thread CPU time, preemptions, each phase's wall time, how
/// long it waited for workers and how late they woke, garbage collections), to tell where late blocks come from.
/// <see cref="BlockTraceReport"/> writes and summarises it.
/// <para>Thread rules: the <c>Rt*</c> members on the audio thread only (no allocation, no lock: a few clock reads and two
/// system calls per period); <see cref="Records"/> on the control side once the device has stopped (a read while the
/// audio thread writes may see a record half-written).</para>
/// </summary>
public sealed class BlockTrace
{
    private readonly BlockTraceRecord[] _ring;
    private long _written;
    private long _start, _cpu, _preemptions, _collections, _pause, _controls, _meters;

    /// <summary>Creates a trace keeping the newest <paramref name="capacity"/> periods; control side.</summary>
    public BlockTrace(int capacity, double periodMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new BlockTraceRecord[capacity];
        PeriodMicroseconds = periodMicroseconds;
    }

    /// <summary>Periods kept (the newest ones).</summary>
    public int Capacity => _ring.Length;

    /// <summary>Length of one device period in microseconds.</summary>
    public double PeriodMicroseconds { get; }

    /// <summary>Periods traced since the start (may exceed <see cref="Capacity"/>; the oldest are overwritten). Any thread.</summary>
    public long Periods => Volatile.Read(ref _written);

    /// <summary>Where the plans of the traced engine add their phase times.</summary>
    public PlanPhaseTimes Phases { get; } = new();

    /// <summary>Starts a period whose render began at <paramref name="start"/> (Stopwatch timestamp). Audio thread.</summary>
    public void RtBegin(long start)
    {
        _start = start;
        _cpu = ThreadClock.RtCpuNanoseconds();
        _preemptions = ThreadClock.RtInvoluntarySwitches();
        _collections = CollectionsSoFar();
        _pause = GC.GetTotalPauseDuration().Ticks;
        _meters = 0;
        _controls = 0;
        Phases.RtClear();
    }

    /// <summary>Marks the end of the control part (swap, commands, values). Audio thread.</summary>
    public void RtControlsDone() => _controls = Stopwatch.GetTimestamp() - _start;

    /// <summary>Adds <paramref name="ticks"/> of metering. Audio thread.</summary>
    public void RtAddMeters(long ticks) => _meters += ticks;

    /// <summary>Ends the period at <paramref name="end"/> (Stopwatch timestamp) with the team's waiting (null: no team) and writes its record. Audio thread.</summary>
    public void RtEnd(long end, RenderWorkers? workers)
    {
        var (wait, wakes, longestWake) = workers?.RtTakeWaiting() ?? (0, 0, 0);
        long slot = _written % _ring.Length;
        _ring[slot] = new BlockTraceRecord(_start, end - _start, ThreadClock.RtCpuNanoseconds() - _cpu,
            ThreadClock.RtInvoluntarySwitches() - _preemptions, _controls, Phases.Ticks(PlanPhase.Automation), Phases.Ticks(PlanPhase.Tracks), Phases.Ticks(PlanPhase.BusSums),
            Phases.Ticks(PlanPhase.BusChains), _meters, wait, wakes, longestWake, CollectionsSoFar() - _collections,
            GC.GetTotalPauseDuration().Ticks - _pause);
        Volatile.Write(ref _written, _written + 1);
    }

    /// <summary>The kept records, oldest first; control side, after the device stopped.</summary>
    public BlockTraceRecord[] Records()
    {
        long written = Volatile.Read(ref _written);
        int count = (int)Math.Min(written, _ring.Length);
        var records = new BlockTraceRecord[count];
        long first = written - count;
        for (int i = 0; i < count; i++) records[i] = _ring[(first + i) % _ring.Length];
        return records;
    }

    // A gen1 or gen2 collection also counts in gen0's count, so gen0's count is every collection.
    private static long CollectionsSoFar() => GC.CollectionCount(0);
}
