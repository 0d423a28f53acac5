namespace MixEngine.Realtime;

/// <summary>
/// One period as the audio thread saw it (<see cref="BlockTrace"/>). Times are Stopwatch ticks (wall) unless named
/// otherwise; the phase times are the audio thread's wall time in each part of the period, the team's items included.
/// </summary>
/// <param name="Start">Stopwatch timestamp at the start of the period's render.</param>
/// <param name="Wall">Wall time of the whole render (what <see cref="BlockTimer"/> records).</param>
/// <param name="CpuNanoseconds">CPU time the audio thread used meanwhile (<see cref="ThreadClock"/>); far below <paramref name="Wall"/> means it waited for a core, a GC or a worker.</param>
/// <param name="Preemptions">Times the audio thread was switched out while runnable during the render.</param>
/// <param name="Controls">Plan swap, transport commands, touches and values.</param>
/// <param name="Automation">The plan's automation lanes filled for its blocks (and locates).</param>
/// <param name="Tracks">The plan's track phases.</param>
/// <param name="BusSums">The plan's bus channel phases.</param>
/// <param name="BusChains">The plan's bus processing phases.</param>
/// <param name="Meters">Metering and meter publication.</param>
/// <param name="DriverWait">Of the phases, the time the audio thread spun waiting for items other team threads still ran.</param>
/// <param name="WorkerWakes">Worker wake-ups from their signal during the period.</param>
/// <param name="LongestWake">Longest time from a wake post to the woken worker running.</param>
/// <param name="Collections">Garbage collections (any generation) counted during the render.</param>
/// <param name="GcPause">GC pause time accrued during the render (ticks of <see cref="TimeSpan"/>, 100 ns).</param>
public readonly record struct BlockTraceRecord(long Start, long Wall, long CpuNanoseconds, long Preemptions, long Controls, long Automation, long Tracks, long BusSums,
    long BusChains, long Meters, long DriverWait, long WorkerWakes, long LongestWake, long Collections, long GcPause)
{
    /// <summary>Wall time not in any named part: live-pass following, segments, monitor path, record-print capture, port copies, transport publication.</summary>
    public long Other => Wall - Controls - Automation - Tracks - BusSums - BusChains - Meters;
}
