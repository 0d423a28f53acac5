using MixEngine.Graph;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class WorkerWakeTests
{
    [Fact]
    public void A_post_made_before_the_wait_lets_it_return_at_once_and_is_consumed()
    {
        using var wake = new WorkerWake();
        wake.RtPost();
        wake.Wait();
        var waiter = new Thread(wake.Wait) { IsBackground = true };
        waiter.Start();
        Assert.False(waiter.Join(100)); // absence: nothing posted, so the second wait blocks
        wake.RtPost();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Every_post_wakes_one_wait_across_threads()
    {
        using var wake = new WorkerWake();
        int woken = 0;
        var waiter = new Thread(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                wake.Wait();
                Interlocked.Increment(ref woken);
            }
        }) { IsBackground = true };
        waiter.Start();
        for (int i = 0; i < 1000; i++)
        {
            wake.RtPost();
            if (i % 100 == 0) Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref woken) == i + 1, TimeSpan.FromSeconds(10)));
        }
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(1000, woken);
    }

    [Fact]
    public void Posting_allocates_nothing()
    {
        using var wake = new WorkerWake();
        wake.RtPost();
        wake.Wait();
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10000; i++) wake.RtPost();
        });
        Assert.Equal(0, bytes); // exact
    }
}
