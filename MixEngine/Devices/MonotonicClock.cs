using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MixEngine.Devices;

/// <summary>
/// The clock a real-time paced device reads and sleeps on: on Linux <c>CLOCK_MONOTONIC</c> read with
/// <c>clock_gettime</c> and slept on with <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> (both by P/Invoke into
/// libc with a stack struct), so a sleep ends at an absolute instant of the very clock the deadlines are computed in and
/// a late wake-up never shifts the next deadline. Elsewhere <see cref="Stopwatch"/> and <c>Thread.Sleep(1)</c> steps.
/// <para>Thread rules: <see cref="Bind"/> on the control side before the audio thread starts (a P/Invoke resolves its entry
/// point, and allocates doing so, on its first call); the <c>Rt*</c> members on any thread afterwards, without allocating,
/// locking or throwing.</para>
/// </summary>
internal static unsafe partial class MonotonicClock
{
    private const int ClockMonotonic = 1; // CLOCK_MONOTONIC (linux/time.h)
    private const int TimerAbsolute = 1; // TIMER_ABSTIME (linux/time.h)
    private const int Eintr = 4; // EINTR (asm-generic/errno-base.h): a signal (the runtime's GC suspension) cut the sleep short
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK (linux/prctl.h)
    private const int GetTimerSlack = 30; // PR_GET_TIMERSLACK (linux/prctl.h)
    private const long NanosecondsPerSecond = 1_000_000_000;

    private static readonly bool Native = OperatingSystem.IsLinux();

    /// <summary>Resolves every native entry point this clock calls by calling each once; control side, before the audio thread uses the clock.</summary>
    public static void Bind()
    {
        if (!Native) return;
        long now = RtNowNanoseconds();
        RtSleepUntil(now - 1); // a deadline already passed: clock_nanosleep returns at once
        Prctl(GetTimerSlack, 0, 0, 0, 0);
    }

    /// <summary>Now on the monotonic clock, in nanoseconds (an arbitrary origin, never going back). Any thread.</summary>
    public static long RtNowNanoseconds()
    {
        if (!Native) return (long)(Stopwatch.GetTimestamp() * ((double)NanosecondsPerSecond / Stopwatch.Frequency));
        Timespec t;
        ClockGetTime(ClockMonotonic, &t);
        return t.Seconds * NanosecondsPerSecond + t.Nanoseconds;
    }

    /// <summary>Blocks the calling thread until the monotonic clock reads <paramref name="deadline"/> ns or later (returns at once when it already does). Any thread.</summary>
    public static void RtSleepUntil(long deadline)
    {
        if (!Native)
        {
            while (deadline - RtNowNanoseconds() > NanosecondsPerSecond / 1000) Thread.Sleep(1);
            return;
        }
        var t = new Timespec { Seconds = deadline / NanosecondsPerSecond, Nanoseconds = deadline % NanosecondsPerSecond };
        // clock_nanosleep(2) returns the error number itself (not through errno); an absolute sleep cut short by a signal
        // is simply restarted with the same deadline.
        while (ClockNanosleep(ClockMonotonic, TimerAbsolute, &t, null) == Eintr)
        {
        }
    }

    /// <summary>
    /// Lets the kernel wake the calling thread's timed sleeps within <paramref name="nanoseconds"/> of their deadline
    /// (prctl(2) <c>PR_SET_TIMERSLACK</c>; an ordinary thread gets 50 µs, which it may spend late on every sleep).
    /// Affects the calling thread only; returns false where it could not be set. Any thread, after <see cref="Bind"/>.
    /// </summary>
    public static bool RtSetTimerSlack(long nanoseconds) => Native && Prctl(SetTimerSlack, (nuint)nanoseconds, 0, 0, 0) == 0;

    // struct timespec on 64-bit Linux: tv_sec, tv_nsec.
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* time);

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, Timespec* request, Timespec* remain);

    // prctl(2) is variadic; it reads four unsigned longs after the option, so all four are passed (unused ones 0).
    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);
}
