using MixEngine.Graph;

namespace MixEngine.Tests.Graph;

public class RenderWorkersTests
{
    private sealed class CountingPhase(int items) : IBlockPhase
    {
        public readonly int[] Runs = new int[items];
        public int FailAt = -1;

        public void RtRunItem(int item)
        {
            Interlocked.Increment(ref Runs[item]);
            if (item == FailAt) throw new IOException($"item {item} failed");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Every_item_of_every_phase_runs_exactly_once(int threads)
    {
        using var workers = new RenderWorkers(threads);
        var phase = new CountingPhase(37);
        for (int round = 0; round < 2000; round++) workers.RunPhase(phase, round % 2 == 0 ? 37 : 5);
        for (int i = 0; i < 37; i++) Assert.Equal(i < 5 ? 2000 : 1000, phase.Runs[i]); // exact counts
    }

    [Fact]
    public void An_item_failure_is_rethrown_after_the_barrier_and_the_team_keeps_working()
    {
        using var workers = new RenderWorkers(3);
        var phase = new CountingPhase(20) { FailAt = 13 };
        var e = Assert.Throws<IOException>(() => workers.RunPhase(phase, 20));
        Assert.Contains("item 13", e.Message);
        Assert.All(phase.Runs, r => Assert.Equal(1, r));
        phase.FailAt = -1;
        workers.RunPhase(phase, 20);
        Assert.All(phase.Runs, r => Assert.Equal(2, r));
    }

    [Fact]
    public void Workers_that_fell_asleep_wake_for_the_next_phase()
    {
        using var workers = new RenderWorkers(2);
        var phase = new CountingPhase(8);
        workers.RunPhase(phase, 8);
        Thread.Sleep(200);
        workers.RunPhase(phase, 8);
        Assert.All(phase.Runs, r => Assert.Equal(2, r));
    }

    [Fact]
    public void Running_phases_allocates_nothing_on_the_driver_thread()
    {
        using var workers = new RenderWorkers(2);
        var phase = new CountingPhase(16);
        workers.RunPhase(phase, 16);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 10000; round++) workers.RunPhase(phase, 16);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before); // exact
    }
}
