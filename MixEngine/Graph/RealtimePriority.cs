using System.Runtime.InteropServices;

namespace MixEngine.Graph;

/// <summary>
/// Real-time scheduling for the threads that render periods (the audio thread and its render workers): <c>SCHED_FIFO</c>
/// at a given priority through libc's <c>sched_setscheduler</c> by P/Invoke, so the kernel runs them before every
/// ordinary thread instead of sharing the core. Linux grants it to a process with <c>CAP_SYS_NICE</c> or an
/// <c>RLIMIT_RTPRIO</c> (ulimit -r) at least that high; otherwise it refuses with EPERM and the thread keeps its
/// ordinary scheduling. A thread already running real-time (JACK's process thread) is left as it is.
/// <para>Thread rules: <see cref="RtApplyToCurrentThread"/> changes only the calling thread; one system call, no
/// allocation, no lock, once <see cref="Prepare"/> ran in the process (the first call of each import binds it to libc,
/// which allocates on the calling thread). <see cref="Prepare"/> and <see cref="Describe"/> are control side.</para>
/// </summary>
public static partial class RealtimePriority
{
    private const int SchedFifo = 1, SchedRr = 2; // sched(7)
    private const int Eperm = 1; // errno EPERM

    /// <summary>The result the priority was not asked for (0 = off) or not applied yet.</summary>
    public const int NotRequested = -1;

    /// <summary>
    /// Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1 … 99); returns 0 when it runs so (or
    /// already ran real-time), else the errno of the refusal (on other systems than Linux: ENOSYS, 38). Any thread, for itself.
    /// </summary>
    public static int RtApplyToCurrentThread(int priority)
    {
        if (!OperatingSystem.IsLinux()) return 38;
        int policy = SchedGetScheduler(0);
        if (policy is SchedFifo or SchedRr) return 0;
        int param = priority;
        // pid 0 is the calling thread (sched_setscheduler(2): on Linux the policy is per thread).
        return SchedSetScheduler(0, SchedFifo, ref param) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Binds both libc imports on the calling control thread without changing any thread's scheduling (it asks for pid −1,
    /// which the kernel refuses with EINVAL), so the first <see cref="RtApplyToCurrentThread"/> of an audio thread allocates
    /// nothing: the runtime resolves a P/Invoke at its first call and allocates there (64 B seen in serve, where the audio
    /// thread was the first to ask when it rendered alone). Any control thread; once per process is enough.
    /// </summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux()) return;
        _ = SchedGetScheduler(0);
        int param = 0;
        if (SchedSetScheduler(-1, SchedFifo, ref param) != 0) _ = Marshal.GetLastPInvokeError();
    }

    /// <summary>True when the calling thread runs under a real-time policy (SCHED_FIFO or SCHED_RR). Any thread.</summary>
    public static bool IsCurrentThreadRealtime() => OperatingSystem.IsLinux() && SchedGetScheduler(0) is SchedFifo or SchedRr;

    /// <summary>What a result of <see cref="RtApplyToCurrentThread"/> means, with how to grant the priority when it was refused; control side.</summary>
    public static string Describe(int result, int priority) => result switch
    {
        NotRequested => "not requested",
        0 => $"SCHED_FIFO priority {priority}",
        Eperm => $"refused (EPERM): the process may not use SCHED_FIFO priority {priority}; grant it with `setcap cap_sys_nice+ep` on the dotnet host, "
                 + $"an rtprio limit of at least {priority} (limits.conf `@audio - rtprio 95`, systemd LimitRTPRIO=), or a container's --cap-add SYS_NICE",
        _ => $"refused (errno {result}); ordinary scheduling kept",
    };

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref int param);

    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int pid);
}
