namespace MixEngine.Realtime;

/// <summary>
/// Capacities of the realtime engine's preallocated queues and the size of its render team, fixed at construction.
/// Immutable; control side.
/// </summary>
/// <param name="SlotHeadroom">Parameter slots beyond the first session's catalog, for parameters that later plans add (structural edits); slots are never reused.</param>
/// <param name="MoveRingCapacity">Stamped moves the return ring holds before the control side must drain it; further moves are counted as dropped.</param>
/// <param name="TouchRingCapacity">Touch commands waiting for the audio thread at most; a full ring refuses a touch with an error.</param>
/// <param name="MeterRateHz">How often the audio thread publishes meter readings (each covers the frames since the previous one).</param>
public sealed record RealtimeEngineOptions(int SlotHeadroom = 1024, int MoveRingCapacity = 16384, int TouchRingCapacity = 1024, double MeterRateHz = 30)
{
    /// <summary>The defaults: 1024 spare slots, 16 384 stamped moves (≥ 20 s of one fader moving every 64-frame block at 48 kHz), 1024 touches, meters at 30 Hz, one render thread per processor.</summary>
    public static readonly RealtimeEngineOptions Default = new();

    /// <summary>
    /// Threads that render each period, the audio thread included (default: the processor count): the audio thread drives
    /// a realtime <see cref="Graph.RenderWorkers"/> team of this size over every phase of the plan and the meters; 1 renders
    /// everything on the audio thread. The output is the same sample for sample for any count.
    /// </summary>
    public int RenderThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Periods the engine's <see cref="BlockTrace"/> keeps (the newest ones), or 0 (the default) for no trace. Tracing costs
    /// the audio thread a few clock reads and two system calls per period.
    /// </summary>
    public int BlockTraceCapacity { get; init; }

    /// <summary>
    /// True to measure the strips' true peak and loudness only while a control thread reads them (and always for printed
    /// buses and the printmaster; <see cref="PlanMeters.OnDemand"/>); false (the default) to measure every strip fully.
    /// </summary>
    public bool MetersOnDemand { get; init; }

    /// <summary>
    /// SCHED_FIFO priority (1 … 99) the audio thread (at its first period) and the render workers (at start) ask for, or 0
    /// (the default) to keep ordinary scheduling; a refusal is reported by <see cref="RealtimeEngine.RealtimePriorityStatus"/>
    /// and the threads render on as before (<see cref="Graph.RealtimePriority"/>).
    /// </summary>
    public int RealtimePriority { get; init; }

    /// <summary>
    /// The CPU each render thread pins itself to, the audio thread's first (at its first period, and again whenever another thread takes over the callback), then worker 1, 2, … (at
    /// start), or null (the default) to leave them where the kernel puts them; a refusal is reported by
    /// <see cref="RealtimeEngine.CpuAffinityStatus"/> and the thread renders on unpinned (<see cref="Devices.CpuAffinity"/>).
    /// Needs at least one CPU per render thread.
    /// </summary>
    public IReadOnlyList<int>? RenderCpus { get; init; }

    /// <summary>
    /// True (the default) to have the managed heap, where the plan's buffers and processor state live, backed by 2 MB
    /// transparent huge pages where the system allows them (Linux with transparent_hugepage "madvise" or "always"):
    /// a period touches over a thousand 4 kB pages of state spread over the heap, and after other threads ran most of
    /// their translations are gone, each a page-table walk (a nested one in a virtual machine); see
    /// <see cref="RealtimeEngine.HugePagesStatus"/>. No effect elsewhere; false leaves the heap's pages as they are.
    /// </summary>
    public bool HugePages { get; init; } = true;
}
