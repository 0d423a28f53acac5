using System.Diagnostics;
using MixEngine.Graph;
using MixEngine.Tests.Support;

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

    private sealed class ThreadRecordingPhase(int items) : IBlockPhase
    {
        public readonly int[] Thread = new int[items];

        public void RtRunItem(int item)
        {
            Thread[item] = Environment.CurrentManagedThreadId;
            System.Threading.Thread.SpinWait(3000);
        }
    }

    [Fact]
    public void With_one_worker_the_driver_runs_a_first_run_of_the_items_and_the_worker_the_rest()
    {
        using var workers = new RenderWorkers(2);
        var phase = new ThreadRecordingPhase(24);
        int driver = Environment.CurrentManagedThreadId, roundsShared = 0;
        for (int round = 0; round < 300; round++)
        {
            workers.RunPhase(phase, 24);
            // The driver claims from the front and the worker from the end, so each keeps its end of the items.
            int split = Array.FindIndex(phase.Thread, t => t != driver);
            if (split < 0) continue;
            Assert.All(phase.Thread[split..], t => Assert.NotEqual(driver, t));
            if (split > 0) roundsShared++;
        }
        Assert.True(roundsShared > 0, "the worker never shared a phase with the driver in 300 rounds");
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
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int round = 0; round < 10000; round++) workers.RunPhase(phase, 16);
        });
        Assert.Equal(0, bytes); // exact
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_realtime_team_runs_every_item_once_and_parked_workers_wake_for_the_next_block(int threads)
    {
        using var workers = new RenderWorkers(threads, RenderWorkerWaiting.Realtime);
        var phase = new CountingPhase(24);
        for (int block = 0; block < 500; block++)
        {
            workers.RunPhase(phase, 24);
            workers.RunPhase(phase, 9);
            workers.RtPark();
            if (block % 100 == 0) Thread.Sleep(5); // the workers block on their wake signal meanwhile
        }
        for (int i = 0; i < 24; i++) Assert.Equal(i < 9 ? 1000 : 500, phase.Runs[i]); // exact counts
        Assert.Equal(500 * 33, workers.ItemsRun);
        Assert.Equal(RenderWorkerWaiting.Realtime, workers.Waiting);
    }

    [Fact]
    public void Workers_running_items_allocate_nothing_and_their_share_is_counted()
    {
        using var workers = new RenderWorkers(3, RenderWorkerWaiting.Realtime);
        var phase = new SpinningPhase();
        for (int round = 0; round < 200; round++) workers.RunPhase(phase, 12);
        long before = workers.WorkerAllocatedBytes;
        for (int round = 0; round < 5000; round++)
        {
            workers.RunPhase(phase, 12);
            if (round % 10 == 9) workers.RtPark();
        }
        Assert.Equal(0, workers.WorkerAllocatedBytes - before); // exact
        Assert.InRange(workers.WorkerItemsRun, 1, workers.ItemsRun - 1); // both the driver and the workers ran items
    }

    [Fact]
    public void A_parked_worker_woken_for_a_phase_reports_its_wake_and_its_latency()
    {
        using var workers = new RenderWorkers(2, RenderWorkerWaiting.Realtime);
        var phase = new SpinningPhase();
        workers.RunPhase(phase, 12);
        workers.RtPark();
        workers.RtTakeWaiting();
        var clock = Stopwatch.StartNew();
        (long Wait, long Wakes, long Longest) taken = (0, 0, 0);
        // Wait for the condition: the worker blocks on its signal once parked (a few ms), and the next phase posts it.
        while (taken.Wakes == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(5);
            workers.RunPhase(phase, 12);
            workers.RtPark();
            taken = workers.RtTakeWaiting();
        }
        Assert.True(taken.Wakes > 0, "a worker woke from its signal within 10 s");
        Assert.InRange(taken.Longest, 1, 10 * Stopwatch.Frequency); // a positive latency, below the test's bound
        Assert.InRange(taken.Wait, 0, 10 * Stopwatch.Frequency);
    }

    /// <summary>Items that each take a few microseconds, so the workers get a share of a phase.</summary>
    private sealed class SpinningPhase : IBlockPhase
    {
        public void RtRunItem(int item) => Thread.SpinWait(2000);
    }
}
