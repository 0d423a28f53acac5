using System.Runtime.InteropServices;

namespace MixEngine.Devices;

/// <summary>
/// CPU pinning for the threads that render periods: libc's <c>sched_setaffinity</c> / <c>sched_getaffinity</c> by
/// P/Invoke with a CPU mask on the stack, so the audio thread keeps one core's caches and the scheduler never migrates
/// it mid-period, and (<see cref="MoveOtherThreadsOff"/>) the process's other threads leave that core to it. Linux only;
/// elsewhere every call reports ENOSYS and nothing changes. The kernel refuses a CPU that does not exist or lies
/// outside the process's cpuset with EINVAL; the thread then keeps the CPUs it had.
/// <para>Thread rules: <see cref="RtPinCurrentThread"/> changes only the calling thread: one system call, no allocation,
/// no lock, once <see cref="Prepare"/> ran in the process (a P/Invoke binds, and allocates, at its first call). Every
/// other member is control side.</para>
/// </summary>
public static unsafe partial class CpuAffinity
{
    /// <summary>The result when pinning was not asked for or not applied yet.</summary>
    public const int NotRequested = -1;

    private const int MaskWords = 16; // 1024 CPUs, the size glibc's cpu_set_t has
    private const int Einval = 22, Enosys = 38, Eperm = 1; // errno values (asm-generic/errno-base.h)

    /// <summary>
    /// Pins the calling thread to <paramref name="cpu"/>; returns 0 when it now runs only there, else the errno of the
    /// refusal (EINVAL for a CPU the process may not use or that does not exist; ENOSYS off Linux). Any thread, for itself.
    /// </summary>
    public static int RtPinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux()) return Enosys;
        if (cpu is < 0 or >= MaskWords * 64) return Einval;
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        // pid 0 is the calling thread: on Linux affinity is per thread.
        return SchedSetAffinity(0, MaskWords * sizeof(ulong), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Binds both libc imports on the calling control thread without changing any thread's CPUs (it reads its own mask and
    /// asks for pid −1, which the kernel refuses), so a first <see cref="RtPinCurrentThread"/> on the audio thread allocates nothing.
    /// </summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux()) return;
        _ = CurrentThreadCpus();
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        if (SchedSetAffinity(-1, MaskWords * sizeof(ulong), mask) != 0) _ = Marshal.GetLastPInvokeError();
    }

    /// <summary>The CPUs the calling thread may run on, ascending (empty off Linux). Control side (allocates).</summary>
    public static IReadOnlyList<int> CurrentThreadCpus() => ThreadCpus(0);

    /// <summary>The CPUs thread <paramref name="tid"/> (a kernel thread id; 0 = the caller) may run on, ascending; empty when it cannot be read. Control side.</summary>
    public static IReadOnlyList<int> ThreadCpus(int tid)
    {
        if (!OperatingSystem.IsLinux()) return [];
        ulong* mask = stackalloc ulong[MaskWords];
        if (SchedGetAffinity(tid, MaskWords * sizeof(ulong), mask) != 0) return [];
        var cpus = new List<int>();
        for (int cpu = 0; cpu < MaskWords * 64; cpu++)
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0) cpus.Add(cpu);
        return cpus;
    }

    /// <summary>Restricts thread <paramref name="tid"/> (0 = the caller) to <paramref name="cpus"/>; returns 0 or the errno of the refusal. Control side.</summary>
    public static int SetThreadCpus(int tid, IEnumerable<int> cpus)
    {
        if (!OperatingSystem.IsLinux()) return Enosys;
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (int cpu in cpus)
        {
            if (cpu is < 0 or >= MaskWords * 64) return Einval;
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }
        return SchedSetAffinity(tid, MaskWords * sizeof(ulong), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// The CPU for each of <paramref name="threads"/> render threads: the audio thread on <paramref name="audioCpu"/>, then
    /// each worker on the next CPU of <paramref name="allowed"/> after it (wrapping, the audio CPU last), so workers share a
    /// core with the audio thread only when there are more render threads than CPUs. Control side.
    /// </summary>
    public static int[] RenderThreadCpus(int audioCpu, int threads, IReadOnlyList<int> allowed)
    {
        var others = allowed.Where(c => c > audioCpu).Concat(allowed.Where(c => c < audioCpu)).Append(audioCpu).ToArray();
        var plan = new int[threads];
        plan[0] = audioCpu;
        for (int t = 1; t < threads; t++) plan[t] = others[(t - 1) % others.Length];
        return plan;
    }

    /// <summary>
    /// Restricts every thread the process has now to <paramref name="allowed"/> without <paramref name="cpu"/> (threads it
    /// starts later inherit the mask of the thread that starts them, so they stay off too); a thread pinned afterwards
    /// (the audio thread, the render workers) may still go there. Reads the threads from /proc/self/task twice, to
    /// catch one started meanwhile. Returns the threads moved and those that refused (a thread that ended in between is
    /// neither). Control side; Linux only (returns (0, 0) elsewhere or when no other CPU is left).
    /// </summary>
    public static (int Moved, int Refused) MoveOtherThreadsOff(int cpu, IReadOnlyList<int> allowed)
    {
        var rest = allowed.Where(c => c != cpu).ToArray();
        if (!OperatingSystem.IsLinux() || rest.Length == 0) return (0, 0);
        var moved = new HashSet<int>();
        int refused = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int tid) || moved.Contains(tid)) continue;
                int result = SetThreadCpus(tid, rest);
                if (result == 0) moved.Add(tid);
                else if (result != 3 && pass == 1) refused++; // 3 = ESRCH: the thread ended
            }
        }
        return (moved.Count, refused);
    }

    /// <summary>Whether <paramref name="cpu"/> is one of <paramref name="allowed"/>, with the message a caller logs when it is not. Control side.</summary>
    public static string? Unavailable(int cpu, IReadOnlyList<int> allowed) => allowed.Count == 0
        ? $"CPU {cpu}: CPU affinity is not available on this system"
        : allowed.Contains(cpu) ? null : $"CPU {cpu} does not exist or is not one this process may run on (allowed: {FormatList(allowed)})";

    /// <summary>What a result of <see cref="RtPinCurrentThread"/> for <paramref name="cpu"/> means; control side.</summary>
    public static string Describe(int result, int cpu) => result switch
    {
        NotRequested => "not requested",
        0 => $"CPU {cpu}",
        Einval => $"refused pinning to CPU {cpu} (EINVAL: no such CPU in this process's set); left where the kernel puts it",
        Eperm => $"refused pinning to CPU {cpu} (EPERM); left where the kernel puts it",
        Enosys => $"CPU {cpu} not pinned: CPU affinity is Linux only",
        _ => $"refused pinning to CPU {cpu} (errno {result}); left where the kernel puts it",
    };

    /// <summary>A CPU list in the kernel's notation ("0-3,6"). Control side.</summary>
    public static string FormatList(IReadOnlyList<int> cpus)
    {
        var parts = new List<string>();
        for (int i = 0; i < cpus.Count;)
        {
            int j = i;
            while (j + 1 < cpus.Count && cpus[j + 1] == cpus[j] + 1) j++;
            parts.Add(j == i ? $"{cpus[i]}" : $"{cpus[i]}-{cpus[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nint size, ulong* mask);
}
