using System.Runtime.ExceptionServices;

namespace MixEngine.Graph;

/// <summary>
/// A small fixed team of render worker threads plus the calling (driver) thread that runs the items of one
/// <see cref="IBlockPhase"/> at a time; <see cref="RunPhase"/> returns when every item of the phase is done (the
/// per-phase barrier). Items are claimed from one atomic word holding (phase generation, next item), so a worker that
/// was descheduled can never claim an item of a later phase, and the driver never waits for a worker that has nothing
/// to do: it runs unclaimed items itself. Which thread runs an item varies, but each item writes only its own outputs,
/// so results do not. Steady state allocates nothing: idle workers spin briefly, then sleep on a semaphore.
/// Create and dispose on the control side; <see cref="RunPhase"/> only from the one driver thread.
/// </summary>
public sealed class RenderWorkers : IDisposable
{
    private const int SpinsBeforeSleep = 200;

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private readonly PhaseSlot[] _slots = [new PhaseSlot(), new PhaseSlot()];
    private long _claim;
    private uint _generation;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <summary>Starts <paramref name="threads"/> − 1 worker threads (the driver thread is the last one); control side.</summary>
    public RenderWorkers(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "expected at least one render thread");
        ThreadCount = threads;
        _threads = new Thread[threads - 1];
        _wake = new SemaphoreSlim[threads - 1];
        _sleeping = new int[threads - 1];
        for (int w = 0; w < _threads.Length; w++)
        {
            _wake[w] = new SemaphoreSlim(0);
            int index = w;
            _threads[w] = new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"MixEngine render worker {w + 1}" };
            _threads[w].Start();
        }
    }

    /// <summary>Threads that run items, counting the driver thread.</summary>
    public int ThreadCount { get; }

    /// <summary>
    /// Runs items 0 … <paramref name="itemCount"/> − 1 of <paramref name="phase"/> on the team and returns when all are
    /// done. Driver thread only. Allocates nothing; when an item threw, rethrows the first failure after the barrier.
    /// </summary>
    public void RunPhase(IBlockPhase phase, int itemCount)
    {
        if (itemCount <= 0) return;
        if (_threads.Length == 0 || itemCount == 1)
        {
            for (int i = 0; i < itemCount; i++) phase.RtRunItem(i);
            return;
        }
        var slot = Publish(phase, itemCount);
        RunAvailable();
        var spin = new SpinWait();
        // Yield while the last items finish; after a while also sleep, so that on an oversubscribed machine the
        // thread running them gets this core instead of waiting behind a spinning driver.
        while (Volatile.Read(ref slot.Pending) != 0) spin.SpinOnce(sleep1Threshold: 100);
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Stops and joins the worker threads; control side, after the last <see cref="RunPhase"/>.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        Publish(null, 0);
        foreach (var t in _threads) t.Join();
        foreach (var s in _wake) s.Dispose();
    }

    private PhaseSlot Publish(IBlockPhase? phase, int itemCount)
    {
        uint generation = unchecked(_generation + 1);
        var slot = _slots[generation & 1];
        slot.Phase = phase;
        slot.ItemCount = itemCount;
        slot.Pending = itemCount;
        _generation = generation;
        Interlocked.Exchange(ref _claim, (long)generation << 32);
        for (int w = 0; w < _threads.Length; w++)
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
        return slot;
    }

    /// <summary>Claims and runs items of the current phase until none is left; returns that phase's generation.</summary>
    private uint RunAvailable()
    {
        while (true)
        {
            long word = Volatile.Read(ref _claim);
            uint generation = (uint)(word >> 32);
            int item = (int)(uint)word;
            var slot = _slots[generation & 1];
            var phase = slot.Phase;
            if (item >= slot.ItemCount || phase is null) return generation;
            if (Interlocked.CompareExchange(ref _claim, word + 1, word) != word) continue;
            try
            {
                phase.RtRunItem(item);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            Interlocked.Decrement(ref slot.Pending);
        }
    }

    private void WorkerLoop(int w)
    {
        uint done = 0;
        while (!_stopping)
        {
            int spins = 0;
            var spin = new SpinWait();
            while (CurrentGeneration() == done && !_stopping)
            {
                if (++spins < SpinsBeforeSleep)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping[w], 1);
                if (CurrentGeneration() != done || _stopping)
                {
                    if (Interlocked.Exchange(ref _sleeping[w], 0) == 0) _wake[w].Wait();
                    break;
                }
                _wake[w].Wait();
                spins = 0;
            }
            if (_stopping) return;
            done = RunAvailable();
        }
    }

    private uint CurrentGeneration() => (uint)(Volatile.Read(ref _claim) >> 32);

    /// <summary>One phase's description; two slots alternate so a phase is never overwritten while it can still be claimed.</summary>
    private sealed class PhaseSlot
    {
        public IBlockPhase? Phase;
        public int ItemCount;
        public int Pending;
    }
}
