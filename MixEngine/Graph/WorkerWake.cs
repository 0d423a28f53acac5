using System.Runtime.InteropServices;

namespace MixEngine.Graph;

/// <summary>
/// The signal a sleeping render worker blocks on and the driver posts to wake it. On Linux it is an unnamed POSIX
/// semaphore in native memory (libc <c>sem_init</c>/<c>sem_wait</c>/<c>sem_post</c> by P/Invoke): <c>sem_post</c>
/// takes no lock and allocates nothing (sem_post(3): "async-signal-safe: it may be safely called within a signal
/// handler"; glibc increments the count atomically and issues a futex wake only when a thread waits), so the audio
/// thread may post it. Elsewhere it is a <see cref="SemaphoreSlim"/>, whose Release takes a monitor lock: fine for
/// offline renders, not realtime-safe.
/// <para>Thread rules: <see cref="RtPost"/> on any thread (the driver); <see cref="Wait"/> only on the owning worker;
/// create and <see cref="Dispose"/> on the control side, after the worker stopped waiting.</para>
/// </summary>
internal sealed unsafe partial class WorkerWake : IDisposable
{
    // sem_t is 32 bytes with 8-byte alignment on glibc's 64-bit targets; a cache line keeps it clear of neighbours.
    private const int SemaphoreBytes = 64;
    private const int Eintr = 4; // errno EINTR (errno(3), Linux asm-generic/errno-base.h)

    private readonly void* _semaphore;
    private readonly SemaphoreSlim? _portable;
    private bool _disposed;

    /// <summary>Creates the signal with a count of 0; control side.</summary>
    public WorkerWake()
    {
        if (!OperatingSystem.IsLinux())
        {
            _portable = new SemaphoreSlim(0);
            return;
        }
        _semaphore = NativeMemory.AlignedAlloc(SemaphoreBytes, SemaphoreBytes);
        // pshared 0: shared between the threads of this process only (sem_init(3)).
        if (SemInit(_semaphore, 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            NativeMemory.AlignedFree(_semaphore);
            throw new InvalidOperationException($"sem_init failed for a render worker's wake signal: errno {errno}");
        }
        // One post and one wait here bind sem_post and sem_wait on the control side: a P/Invoke resolves its entry point
        // (and allocates doing so) on its first call, which would otherwise be a worker's or the driver's first sleep,
        // possibly in the middle of steady-state blocks that must allocate nothing.
        SemPost(_semaphore);
        Wait();
    }

    /// <summary>Wakes the worker (or lets its next <see cref="Wait"/> return at once). Any thread; lock-free on Linux.</summary>
    public void RtPost()
    {
        if (_portable is not null) _portable.Release();
        else SemPost(_semaphore);
    }

    /// <summary>Blocks until posted (consuming one post); returns at once when a post is waiting. The owning worker only.</summary>
    public void Wait()
    {
        if (_portable is not null)
        {
            _portable.Wait();
            return;
        }
        // Signals the runtime sends to the thread (GC suspension) interrupt the wait with EINTR (sem_wait(3)).
        while (SemWait(_semaphore) != 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
        }
    }

    /// <summary>Releases the semaphore; control side, once no thread waits on it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_portable is not null)
        {
            _portable.Dispose();
            return;
        }
        SemDestroy(_semaphore);
        NativeMemory.AlignedFree(_semaphore);
    }

    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    private static partial int SemInit(void* semaphore, int pshared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    private static partial int SemWait(void* semaphore);

    [LibraryImport("libc", EntryPoint = "sem_post")]
    private static partial int SemPost(void* semaphore);

    [LibraryImport("libc", EntryPoint = "sem_destroy")]
    private static partial int SemDestroy(void* semaphore);
}
