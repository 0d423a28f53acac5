using System.Runtime.ExceptionServices;

namespace MixEngine.Graph;

/// <summary>
/// A small fixed team of render worker threads plus the calling (driver) thread that runs the items of one
/// <see cref="IBlockPhase"/> at a time and meets at a barrier at the end of each phase. Items are claimed with an
/// atomic counter, so which thread runs an item varies, but each item writes only its own outputs, so results do not.
/// Steady state allocates nothing: workers spin briefly between phases and then sleep on a semaphore until the next.
/// Create and dispose on the control side; <see cref="RunPhase"/> only from the one driver thread.
/// </summary>
public sealed class RenderWorkers : IDisposable
{
    private const int SpinsBeforeSleep = 4000;

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _wake;
    private readonly int[] _sleeping;
    private IBlockPhase? _phase;
    private int _itemCount;
    private int _nextItem;
    private int _arrived;
    private int _generation;
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
        _phase = phase;
        _itemCount = itemCount;
        _nextItem = 0;
        _arrived = 0;
        Interlocked.Increment(ref _generation);
        for (int w = 0; w < _threads.Length; w++)
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
        Participate(phase, itemCount);
        var spin = new SpinWait();
        while (Volatile.Read(ref _arrived) != _threads.Length) spin.SpinOnce(sleep1Threshold: -1);
        _phase = null;
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>Stops and joins the worker threads; control side, after the last <see cref="RunPhase"/>.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        Interlocked.Increment(ref _generation);
        for (int w = 0; w < _threads.Length; w++)
            if (Interlocked.Exchange(ref _sleeping[w], 0) == 1) _wake[w].Release();
        foreach (var t in _threads) t.Join();
        foreach (var s in _wake) s.Dispose();
    }

    private void Participate(IBlockPhase phase, int itemCount)
    {
        while (true)
        {
            int item = Interlocked.Increment(ref _nextItem) - 1;
            if (item >= itemCount) return;
            try
            {
                phase.RtRunItem(item);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }
    }

    private void WorkerLoop(int w)
    {
        int seen = 0;
        while (true)
        {
            int spins = 0;
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (++spins < SpinsBeforeSleep)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                Interlocked.Exchange(ref _sleeping[w], 1);
                if (Volatile.Read(ref _generation) != seen)
                {
                    if (Interlocked.Exchange(ref _sleeping[w], 0) == 0) _wake[w].Wait();
                    break;
                }
                _wake[w].Wait();
                spins = 0;
            }
            seen = Volatile.Read(ref _generation);
            if (_stopping) return;
            var phase = _phase;
            if (phase is not null) Participate(phase, _itemCount);
            Interlocked.Increment(ref _arrived);
        }
    }
}
