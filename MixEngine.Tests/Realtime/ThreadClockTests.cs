using System.Diagnostics;
using MixEngine.Realtime;

namespace MixEngine.Tests.Realtime;

public class ThreadClockTests
{
    [Fact]
    public void A_spinning_thread_gains_cpu_time_and_a_sleeping_one_almost_none()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ThreadClock.Available);
        if (!ThreadClock.Available) return;
        long before = ThreadClock.RtCpuNanoseconds();
        var wall = Stopwatch.StartNew();
        while (wall.ElapsedMilliseconds < 30) Thread.SpinWait(100);
        long spun = ThreadClock.RtCpuNanoseconds() - before;
        // A thread cannot use more CPU than wall time; on a loaded machine it may get much less, but not none in 30 ms of spinning.
        Assert.InRange(spun, 1, wall.Elapsed.Ticks * 100 + 1_000_000);
        before = ThreadClock.RtCpuNanoseconds();
        Thread.Sleep(100);
        // Sleeping costs only the system calls around it: far below 10 ms of the 100 ms.
        Assert.InRange(ThreadClock.RtCpuNanoseconds() - before, 0, 10_000_000);
    }
}
