using System.Runtime.InteropServices;

namespace MixEngine.Realtime;

/// <summary>
/// What the kernel knows about the calling thread: its CPU time (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>) and how
/// often it was switched out while runnable (<c>getrusage(RUSAGE_THREAD)</c>'s <c>ru_nivcsw</c>), by P/Invoke into libc
/// with stack structs, so it allocates nothing and takes no lock. Against wall time, the CPU time tells rendering from
/// being preempted: a block whose wall time is far above its CPU time waited for a core (or for a GC suspension).
/// On other systems than Linux both read 0 (<see cref="Available"/> is false).
/// <para>Thread rules: any thread reads its own figures; the <c>Rt*</c> members are audio-thread safe (two system calls).</para>
/// </summary>
public static unsafe partial class ThreadClock
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID (linux/time.h)
    private const int RusageThread = 1; // RUSAGE_THREAD (getrusage(2), Linux 2.6.26+)

    /// <summary>True where the figures are real (Linux).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux();

    /// <summary>CPU time the calling thread has used, in nanoseconds (0 where not <see cref="Available"/>). Any thread.</summary>
    public static long RtCpuNanoseconds()
    {
        if (!Available) return 0;
        Timespec t;
        return ClockGetTime(ClockThreadCpuTime, &t) == 0 ? t.Fields[0] * 1_000_000_000 + t.Fields[1] : 0;
    }

    /// <summary>How many times the calling thread was switched out while it could still run (preemptions), since it started (0 where not <see cref="Available"/>). Any thread.</summary>
    public static long RtInvoluntarySwitches()
    {
        if (!Available) return 0;
        Rusage usage;
        return GetRusage(RusageThread, &usage) == 0 ? usage.Fields[17] : 0;
    }

    // struct timespec on 64-bit Linux: tv_sec, tv_nsec.
    private struct Timespec
    {
        public fixed long Fields[2];
    }

    // struct rusage on 64-bit Linux (getrusage(2)): two timevals (4 longs), then fourteen longs, ru_nivcsw last.
    private struct Rusage
    {
        public fixed long Fields[18];
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* time);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, Rusage* usage);
}
