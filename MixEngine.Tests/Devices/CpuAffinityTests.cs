using MixEngine.Devices;

namespace MixEngine.Tests.Devices;

public class CpuAffinityTests
{
    private static readonly bool Linux = OperatingSystem.IsLinux();

    // Runs on a thread of its own (it ends right after, so the test host's threads keep their CPUs).
    private static (int Result, IReadOnlyList<int> Cpus) PinNewThread(int cpu)
    {
        (int, IReadOnlyList<int>) seen = default;
        var thread = new Thread(() => seen = (CpuAffinity.RtPinCurrentThread(cpu), CpuAffinity.CurrentThreadCpus()));
        thread.Start();
        thread.Join();
        return seen;
    }

    [Fact]
    public void A_thread_pinned_to_one_of_the_process_cpus_reads_back_that_cpu_alone_from_sched_getaffinity()
    {
        if (!Linux) return;
        var allowed = CpuAffinity.CurrentThreadCpus();
        Assert.NotEmpty(allowed);
        int cpu = allowed[^1];
        var (result, cpus) = PinNewThread(cpu);
        Assert.Equal(0, result);
        Assert.Equal([cpu], cpus);
        Assert.Equal($"CPU {cpu}", CpuAffinity.Describe(result, cpu));
        Assert.Equal(allowed, CpuAffinity.CurrentThreadCpus()); // the calling thread is untouched
    }

    [Fact]
    public void A_cpu_that_does_not_exist_is_refused_with_einval_naming_the_cpu_and_the_thread_keeps_its_cpus()
    {
        if (!Linux) return;
        var allowed = CpuAffinity.CurrentThreadCpus();
        foreach (int cpu in new[] { allowed[^1] + 1, 5000 })
        {
            if (Directory.Exists($"/sys/devices/system/cpu/cpu{cpu}")) continue; // it exists, only outside our set: not this test's case
            var (result, cpus) = PinNewThread(cpu);
            Assert.Equal(22, result);
            Assert.Equal(allowed, cpus);
            Assert.Equal($"refused pinning to CPU {cpu} (EINVAL: no such CPU in this process's set); left where the kernel puts it", CpuAffinity.Describe(result, cpu));
        }
    }

    [Fact]
    public void An_unavailable_cpu_is_named_with_the_cpus_the_process_may_use()
    {
        Assert.Null(CpuAffinity.Unavailable(1, [0, 1]));
        Assert.Equal("CPU 7 does not exist or is not one this process may run on (allowed: 0-1)", CpuAffinity.Unavailable(7, [0, 1]));
        Assert.Equal("CPU 0: CPU affinity is not available on this system", CpuAffinity.Unavailable(0, []));
    }

    [Theory]
    [InlineData(1, 2, new[] { 0, 1 }, new[] { 1, 0 })]
    [InlineData(1, 3, new[] { 0, 1 }, new[] { 1, 0, 1 })] // more render threads than CPUs: the audio CPU is shared last
    [InlineData(2, 4, new[] { 0, 1, 2, 3 }, new[] { 2, 3, 0, 1 })]
    [InlineData(0, 1, new[] { 0, 1 }, new[] { 0 })]
    public void Render_workers_take_the_cpus_after_the_audio_cpu_wrapping_round(int audioCpu, int threads, int[] allowed, int[] expected) =>
        Assert.Equal(expected, CpuAffinity.RenderThreadCpus(audioCpu, threads, allowed));

    [Fact]
    public void A_cpu_list_is_written_in_the_kernels_range_notation() =>
        Assert.Equal("0-2,5,7-8", CpuAffinity.FormatList([0, 1, 2, 5, 7, 8]));

    [Fact]
    public void Moving_the_other_threads_off_a_cpu_restricts_every_thread_of_the_process_and_new_threads_inherit_it()
    {
        var allowed = CpuAffinity.CurrentThreadCpus();
        if (!Linux || allowed.Count < 2) return;
        int cpu = allowed[^1];
        var rest = allowed.Take(allowed.Count - 1).ToArray();
        try
        {
            var (moved, refused) = CpuAffinity.MoveOtherThreadsOff(cpu, allowed);
            Assert.True(moved > 1, $"{moved} threads moved");
            Assert.Equal(0, refused);
            Assert.Equal(rest, CpuAffinity.CurrentThreadCpus());
            IReadOnlyList<int> inherited = [];
            var started = new Thread(() => inherited = CpuAffinity.CurrentThreadCpus());
            started.Start();
            started.Join();
            Assert.Equal(rest, inherited);
            Assert.Equal(0, PinNewThread(cpu).Result); // a thread pinned afterwards may still go there
        }
        finally
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc/self/task"))
                if (int.TryParse(Path.GetFileName(dir), out int tid)) CpuAffinity.SetThreadCpus(tid, allowed);
        }
        Assert.Equal(allowed, CpuAffinity.CurrentThreadCpus());
    }
}
