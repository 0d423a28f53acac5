using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MixEngine.Devices;

namespace MixEngine.Graph;

/// <summary>
/// A small fixed team of render worker threads plus the calling (driver) thread that runs the items of one
/// <see cref="IBlockPhase"/> at a time; <see cref="RunPhase"/> returns when every item of the phase is done (the
/// per-phase barrier). Items are claimed from one atomic word holding (phase generation, first and past-the-last
/// unclaimed item): the driver takes them from the front, the workers from the end, so a worker that was descheduled
/// can never claim an item of a later phase, the driver never waits for a worker that has nothing to do (it runs
/// unclaimed items itself), and an item tends to stay on the same thread from block to block (its data stays in that
/// core's caches). Which thread runs an item still varies, but each item writes only its own outputs, so results do
/// not. Steady state allocates nothing on any of the threads (<see cref="WorkerAllocatedBytes"/> counts
/// what the workers allocate while running items): idle workers spin briefly, then block on a <see cref="WorkerWake"/>
/// that the driver posts without a lock. How long they spin and how the driver waits for the last items is the
/// team's <see cref="RenderWorkerWaiting"/> (offline, or realtime: the driver never sleeps).
/// Create and dispose on the control side; <see cref="RunPhase"/> and <see cref="RtPark"/> only from the one driver thread.
/// </summary>
public sealed class RenderWorkers : IDisposable
{
    private const int SpinsBeforeSleep = 200;
    private const int DriverSpinsBeforeSleep = 100;
    private const int MaxTeamItems = 0xFFFF;

    /// <summary>How long an idle worker of a realtime team spins for the next phase before it blocks (the gap between two phases of a block is a few microseconds).</summary>
    public static readonly TimeSpan RealtimeSpin = TimeSpan.FromMicroseconds(100);

    private readonly RenderWorkerWaiting _waiting;
    private readonly long _realtimeSpinTicks = (long)(RealtimeSpin.TotalSeconds * Stopwatch.Frequency);
    private readonly Thread[] _threads;
    private readonly WorkerWake[] _wake;
    private readonly WorkerWake _driverWake = new();
    private readonly int[] _sleeping;
    private readonly int[] _priorityResults;
    private readonly int _realtimePriority;
    private readonly int[]? _cpus;
    private readonly int[] _cpuResults;
    private readonly PhaseSlot[] _slots = [new PhaseSlot(), new PhaseSlot()];
    private long _claim;
    private int _driverSleeping;
    private uint _generation;
    private volatile bool _stopping;
    private volatile bool _parked;
    private long _workerAllocated;
    private long _itemsRun;
    private long _workerItemsRun;
    private long _postedAt;
    private long _driverWaitTicks;
    private long _wakes;
    private long _longestWakeTicks;
    private Exception? _failure;

    /// <summary>
    /// Starts <paramref name="threads"/> − 1 worker threads (the driver thread is the last one) that wait as
    /// <paramref name="waiting"/> says, each asking for SCHED_FIFO at <paramref name="realtimePriority"/> when above 0
    /// (<see cref="RealtimePriority"/>; see <see cref="WorkerPriorityResults"/>) and, when <paramref name="workerCpus"/> is
    /// given, worker w pinning itself to CPU <c>workerCpus[w]</c> (<see cref="CpuAffinity"/>; see <see cref="WorkerCpuResults"/>); control side.
    /// </summary>
    public RenderWorkers(int threads, RenderWorkerWaiting waiting = RenderWorkerWaiting.Offline, int realtimePriority = 0, IReadOnlyList<int>? workerCpus = null)
    {
        _realtimePriority = realtimePriority;
        if (workerCpus is not null && workerCpus.Count < threads - 1) throw new ArgumentException($"expected a CPU for each of the {threads - 1} workers, got {workerCpus.Count}", nameof(workerCpus));
        _cpus = workerCpus?.ToArray();
        if (_cpus is not null) CpuAffinity.Prepare();
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "expected at least one render thread");
        ThreadCount = threads;
        _waiting = waiting;
        _threads = new Thread[threads - 1];
        _wake = new WorkerWake[threads - 1];
        _sleeping = new int[threads - 1];
        _priorityResults = new int[threads - 1];
        Array.Fill(_priorityResults, RealtimePriority.NotRequested);
        _cpuResults = new int[threads - 1];
        Array.Fill(_cpuResults, CpuAffinity.NotRequested);
        for (int w = 0; w < _threads.Length; w++)
        {
            _wake[w] = new WorkerWake();
            int index = w;
            _threads[w] = new Thread(() => WorkerLoop(index))
            {
                IsBackground = true,
                Name = $"MixEngine render worker {w + 1}",
                Priority = waiting == RenderWorkerWaiting.Realtime ? ThreadPriority.Highest : ThreadPriority.Normal,
            };
            _threads[w].Start();
        }
    }

    /// <summary>
    /// Per worker, the result of its SCHED_FIFO request (<see cref="RealtimePriority.RtApplyToCurrentThread"/>: 0 applied,
    /// an errno when refused, <see cref="RealtimePriority.NotRequested"/> when not asked for or the worker has not started yet). Any thread.
    /// </summary>
    public IReadOnlyList<int> WorkerPriorityResults
    {
        get
        {
            var results = new int[_priorityResults.Length];
            for (int w = 0; w < results.Length; w++) results[w] = Volatile.Read(ref _priorityResults[w]);
            return results;
        }
    }

    /// <summary>Per worker, the result of its pinning (<see cref="CpuAffinity.RtPinCurrentThread"/>: 0 pinned, an errno when refused, <see cref="CpuAffinity.NotRequested"/> when not asked for or not started yet). Any thread.</summary>
    public IReadOnlyList<int> WorkerCpuResults => Enumerable.Range(0, _cpuResults.Length).Select(w => Volatile.Read(ref _cpuResults[w])).ToArray();

    /// <summary>Threads that run items, counting the driver thread.</summary>
    public int ThreadCount { get; }

    /// <summary>How the team waits.</summary>
    public RenderWorkerWaiting Waiting => _waiting;

    /// <summary>
    /// Bytes the worker threads allocated while running items since the team started (<see cref="GC.GetAllocatedBytesForCurrentThread"/>
    /// around each run; 0 in a healthy engine). Any thread; the driver's own allocations are its caller's to measure.
    /// </summary>
    public long WorkerAllocatedBytes => Interlocked.Read(ref _workerAllocated);

    /// <summary>Items run by the team since it started, on any of its threads (items of single-item phases and of a team of one count too). Any thread.</summary>
    public long ItemsRun => Interlocked.Read(ref _itemsRun);

    /// <summary>Of <see cref="ItemsRun"/>, the items the worker threads ran (the rest ran on the driver). Any thread.</summary>
    public long WorkerItemsRun => Interlocked.Read(ref _workerItemsRun);

    /// <summary>
    /// Runs items 0 … <paramref name="itemCount"/> − 1 of <paramref name="phase"/> on the team and returns when all are
    /// done. Driver thread only. Allocates nothing; when an item threw, rethrows the first failure after the barrier.
    /// </summary>
    public void RunPhase(IBlockPhase phase, int itemCount)
    {
        if (itemCount <= 0) return;
        Interlocked.Add(ref _itemsRun, itemCount);
        // A phase of more items than the claim word counts (16 bits) runs on the driver alone.
        if (_threads.Length == 0 || itemCount == 1 || itemCount > MaxTeamItems)
        {
            for (int i = 0; i < itemCount; i++) phase.RtRunItem(i);
            return;
        }
        var slot = Publish(phase, itemCount);
        RunAvailable(fromEnd: false, out _);
        long waitFrom = Stopwatch.GetTimestamp();
        if (_waiting == RenderWorkerWaiting.Realtime)
        {
            // Spin and yield while the last items finish; a realtime driver never sleeps.
            var spin = new SpinWait();
            while (Volatile.Read(ref slot.Pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
        }
        else WaitOffline(slot);
        _driverWaitTicks += Stopwatch.GetTimestamp() - waitFrom;
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>
    /// The offline driver's wait for the last items of a phase: it yields a little, then blocks on its wake signal, which
    /// the thread finishing the phase's last item posts. So on an oversubscribed machine the threads running those items
    /// get this core, and on an idle one the driver resumes as soon as they finish (a fixed sleep would hold it up to a
    /// millisecond past the end of every phase whose last item outlasts the spin).
    /// </summary>
    private void WaitOffline(PhaseSlot slot)
    {
        var spin = new SpinWait();
        for (int spins = 0; Volatile.Read(ref slot.Pending) != 0; spins++)
        {
            if (spins < DriverSpinsBeforeSleep)
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Exchange(ref _driverSleeping, 1);
            if (Volatile.Read(ref slot.Pending) == 0)
            {
                // Finished meanwhile: if the finishing thread already took the flag it also posted, and that post must be consumed.
                if (Interlocked.Exchange(ref _driverSleeping, 0) == 0) _driverWake.Wait();
                return;
            }
            _driverWake.Wait();
        }
    }

    /// <summary>
    /// Tells idle workers that no phase follows soon (the driver's block is done), so they block on their wake signal
    /// now instead of spinning; the next <see cref="RunPhase"/> wakes them. Driver thread only; never blocks or allocates.
    /// </summary>
    public void RtPark() => _parked = true;

    /// <summary>
    /// The team's waiting since the previous call, then starts counting afresh: Stopwatch ticks the driver spent waiting
    /// for items other threads were still running, how many sleeping workers it woke, and the longest time from a wake post
    /// to the woken worker running again (its wake latency). Driver thread only; allocates nothing.
    /// </summary>
    public (long DriverWaitTicks, long Wakes, long LongestWakeTicks) RtTakeWaiting()
    {
        var taken = (_driverWaitTicks, Interlocked.Exchange(ref _wakes, 0), Interlocked.Exchange(ref _longestWakeTicks, 0));
        _driverWaitTicks = 0;
        return taken;
    }

    /// <summary>Stops and joins the worker threads; control side, after the last <see cref="RunPhase"/>.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        Publish(null, 0);
        foreach (var t in _threads) t.Join();
        foreach (var s in _wake) s.Dispose();
        _driverWake.Dispose();
    }

    private PhaseSlot Publish(IBlockPhase? phase, int itemCount)
    {
        uint generation = unchecked(_generation + 1);
        var slot = _slots[generation & 1];
        slot.Phase = phase;
        slot.Pending = itemCount;
        _generation = generation;
        _parked = false;
        Interlocked.Exchange(ref _claim, ((long)generation << 32) | ((long)itemCount << 16));
        Volatile.Write(ref _postedAt, Stopwatch.GetTimestamp());
        for (int w = 0; w < _threads.Length; w++)
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].RtPost();
        return slot;
    }

    /// <summary>
    /// Claims and runs items of the current phase until none is left; returns that phase's generation and, in
    /// <paramref name="ran"/>, how many items this thread ran. The driver claims from the first unclaimed item up, the
    /// workers from the last one down (<paramref name="fromEnd"/>), so from block to block the same items (a track
    /// batch, a group of bus channels) mostly land on the same thread and find their state, buffers and media bytes in
    /// that core's caches instead of another's.
    /// </summary>
    private uint RunAvailable(bool fromEnd, out int ran)
    {
        ran = 0;
        while (true)
        {
            long word = Volatile.Read(ref _claim);
            uint generation = (uint)(word >> 32);
            int front = (int)(word & 0xFFFF), end = (int)((word >> 16) & 0xFFFF);
            var slot = _slots[generation & 1];
            var phase = slot.Phase;
            if (front >= end || phase is null) return generation;
            int item = fromEnd ? end - 1 : front;
            if (Interlocked.CompareExchange(ref _claim, fromEnd ? word - (1L << 16) : word + 1, word) != word) continue;
            try
            {
                phase.RtRunItem(item);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            ran++;
            if (Interlocked.Decrement(ref slot.Pending) == 0 && Volatile.Read(ref _driverSleeping) == 1
                && Interlocked.Exchange(ref _driverSleeping, 0) == 1)
                _driverWake.RtPost();
        }
    }

    private void WorkerLoop(int w)
    {
        if (_realtimePriority > 0) Volatile.Write(ref _priorityResults[w], RealtimePriority.RtApplyToCurrentThread(_realtimePriority));
        if (_cpus is not null) Volatile.Write(ref _cpuResults[w], CpuAffinity.RtPinCurrentThread(_cpus[w]));
        uint done = 0;
        while (!_stopping)
        {
            WaitForPhase(w, done);
            if (_stopping) return;
            long before = GC.GetAllocatedBytesForCurrentThread();
            done = RunAvailable(fromEnd: true, out int ran);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated != 0) Interlocked.Add(ref _workerAllocated, allocated);
            if (ran != 0) Interlocked.Add(ref _workerItemsRun, ran);
        }
    }

    /// <summary>Returns once a phase after generation <paramref name="done"/> is published or the team stops: spins as the team's waiting says, then blocks.</summary>
    private void WaitForPhase(int w, uint done)
    {
        int spins = 0;
        long spinUntil = Stopwatch.GetTimestamp() + _realtimeSpinTicks;
        var spin = new SpinWait();
        while (CurrentGeneration() == done && !_stopping)
        {
            if (KeepSpinning(++spins, spinUntil))
            {
                spin.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            Interlocked.Exchange(ref _sleeping[w], 1);
            if (CurrentGeneration() != done || _stopping)
            {
                // Published meanwhile: if the driver already took the flag it also posted, and that post must be consumed.
                if (Interlocked.Exchange(ref _sleeping[w], 0) == 0) _wake[w].Wait();
                return;
            }
            _wake[w].Wait();
            CountWake();
            spins = 0;
            spinUntil = Stopwatch.GetTimestamp() + _realtimeSpinTicks;
        }
    }

    // The wake latency of the post just consumed (measured from the newest publication, so a worker that slept through
    // several reads the shorter time), kept as the period's longest.
    private void CountWake()
    {
        long latency = Stopwatch.GetTimestamp() - Volatile.Read(ref _postedAt);
        Interlocked.Increment(ref _wakes);
        long longest = Volatile.Read(ref _longestWakeTicks);
        while (latency > longest)
        {
            long seen = Interlocked.CompareExchange(ref _longestWakeTicks, latency, longest);
            if (seen == longest) break;
            longest = seen;
        }
    }

    private bool KeepSpinning(int spins, long spinUntil) => _waiting == RenderWorkerWaiting.Realtime
        ? !_parked && Stopwatch.GetTimestamp() < spinUntil
        : spins < SpinsBeforeSleep;

    private uint CurrentGeneration() => (uint)(Volatile.Read(ref _claim) >> 32);

    /// <summary>One phase's description; two slots alternate so a phase is never overwritten while it can still be claimed.</summary>
    private sealed class PhaseSlot
    {
        public IBlockPhase? Phase;
        public int Pending;
    }
}
