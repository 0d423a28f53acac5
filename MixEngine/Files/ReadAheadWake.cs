using System.Runtime.InteropServices;

namespace MixEngine.Files;

/// <summary>
/// What the read-ahead disk thread (<see cref="ReadAheadDisk"/>) sleeps on between loads, and what a render thread
/// that queued a load posts. On Linux an unnamed POSIX semaphore in native memory (libc <c>sem_init</c>/<c>sem_wait</c>/
/// <c>sem_post</c> by P/Invoke, as the render team's wake signal): <c>sem_post</c> takes no lock and allocates nothing
/// (it is async-signal-safe; glibc adds one atomically and makes a futex wake only when a thread waits), so the audio
/// thread may post it. Elsewhere posting does nothing and <see cref="Wait"/> sleeps a millisecond (the disk thread
/// polls, as it did everywhere before).
/// <para>Thread rules: <see cref="RtPost"/> on any thread; <see cref="Wait"/> on the disk thread only. Made once per
/// process and never freed (the disk thread lives as long as the process).</para>
/// </summary>
internal sealed unsafe partial class ReadAheadWake
{
    // sem_t is 32 bytes with 8-byte alignment on glibc's 64-bit targets; a cache line keeps it clear of neighbours.
    private const int SemaphoreBytes = 64;
    private const int Eintr = 4; // errno EINTR (errno(3), Linux asm-generic/errno-base.h)

    private readonly void* _semaphore;

    /// <summary>Creates the signal with a count of 0 and binds its calls; control side, before the disk thread starts.</summary>
    public ReadAheadWake()
    {
        if (!OperatingSystem.IsLinux()) return;
        _semaphore = NativeMemory.AlignedAlloc(SemaphoreBytes, SemaphoreBytes);
        // pshared 0: shared between the threads of this process only (sem_init(3)).
        if (SemInit(_semaphore, 0, 0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            NativeMemory.AlignedFree(_semaphore);
            throw new InvalidOperationException($"sem_init failed for the read-ahead disk thread's wake signal: errno {errno}");
        }
        // One post and one wait here resolve both entry points on the control side: a P/Invoke allocates when it binds
        // on its first call, which would otherwise be a render thread's first queued read in the middle of a period.
        SemPost(_semaphore);
        Wait();
    }

    /// <summary>Wakes the disk thread, or lets its next <see cref="Wait"/> return at once. Any thread; lock-free on Linux.</summary>
    public void RtPost()
    {
        if (_semaphore != null) SemPost(_semaphore);
    }

    /// <summary>Blocks until posted (consuming one post; returns at once when one is waiting); elsewhere than Linux sleeps 1 ms. Disk thread.</summary>
    public void Wait()
    {
        if (_semaphore == null)
        {
            Thread.Sleep(1);
            return;
        }
        // Signals the runtime sends to the thread (GC suspension) interrupt the wait with EINTR (sem_wait(3)).
        while (SemWait(_semaphore) != 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "sem_init", SetLastError = true)]
    private static partial int SemInit(void* semaphore, int pshared, uint value);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    private static partial int SemWait(void* semaphore);

    [LibraryImport("libc", EntryPoint = "sem_post")]
    private static partial int SemPost(void* semaphore);
}
