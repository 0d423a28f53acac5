using MixEngine.Graph;

namespace MixEngine.Tests.Graph;

public class RealtimePriorityTests
{
    // Runs on a thread of its own that ends at once, so no pool thread keeps a real-time policy.
    private static (int Result, bool Realtime) AskOnFreshThread(int priority)
    {
        (int, bool) seen = default;
        var thread = new Thread(() => seen = (RealtimePriority.RtApplyToCurrentThread(priority), RealtimePriority.IsCurrentThreadRealtime()));
        thread.Start();
        thread.Join();
        return seen;
    }

    [Fact]
    public void A_thread_asking_for_sched_fifo_runs_real_time_or_the_refusal_says_how_to_grant_it()
    {
        var (result, realtime) = AskOnFreshThread(1);
        if (result == 0)
        {
            Assert.True(realtime);
            Assert.Equal("SCHED_FIFO priority 1", RealtimePriority.Describe(result, 1));
        }
        else
        {
            Assert.False(realtime);
            Assert.StartsWith("refused", RealtimePriority.Describe(result, 1));
        }
        Assert.False(RealtimePriority.IsCurrentThreadRealtime()); // the test's own thread is untouched
    }

    [Fact]
    public void An_eperm_refusal_names_cap_sys_nice_the_rtprio_limit_and_the_container_capability()
    {
        string text = RealtimePriority.Describe(1, 70);
        Assert.Contains("EPERM", text);
        Assert.Contains("setcap cap_sys_nice+ep", text);
        Assert.Contains("rtprio", text);
        Assert.Contains("--cap-add SYS_NICE", text);
        Assert.Equal("not requested", RealtimePriority.Describe(RealtimePriority.NotRequested, 70));
    }
}
