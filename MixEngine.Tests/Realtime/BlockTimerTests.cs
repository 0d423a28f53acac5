using System.Diagnostics;
using MixEngine.Realtime;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public class BlockTimerTests
{
    private static long Micros(double us) => (long)Math.Round(us * Stopwatch.Frequency / 1e6);

    [Fact]
    public void Percentiles_max_late_blocks_xruns_and_allocations_come_from_what_was_recorded()
    {
        var timer = new BlockTimer(48000, 128); // period 2666.7 µs
        for (int i = 0; i < 998; i++) timer.RtRecord(Micros(100));
        timer.RtRecord(Micros(500));
        timer.RtRecord(Micros(3000));
        timer.RtCountXrun();
        timer.RtCountAllocated(0);
        timer.RtCountAllocated(96);
        timer.RtCountAllocated(24);
        var s = timer.Read();
        Assert.Equal(1000, s.Blocks);
        Assert.Equal(100, s.P50, 1.0); // 1 µs: bucket resolution
        Assert.Equal(100, s.P99, 1.0);
        Assert.Equal(500, s.P999, 1.0);
        Assert.Equal(3000, s.Max, 1.0);
        Assert.Equal(1, s.LateBlocks);
        Assert.Equal(1, s.Xruns);
        Assert.Equal(120, s.AllocatedBytes);
        Assert.Equal(2666.67, s.PeriodMicroseconds, 0.01); // 0.01 µs: rounding of the expected value
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var timer = new BlockTimer(48000, 128);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10_000; i++) timer.RtRecord(Micros(i % 5000));
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Reading_again_reuses_its_histogram_copy_instead_of_a_large_object_per_read()
    {
        var timer = new BlockTimer(48000, 128);
        for (int i = 0; i < 1000; i++) timer.RtRecord(Micros(100 + i % 50));
        var first = timer.Read();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var second = timer.Read();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(bytes < 1024, $"a read allocated {bytes} B; the 100 001-bucket copy alone is 800 KB"); // 1 KB: the returned record only
        Assert.Equal(first, second);
        timer.RtRecord(Micros(3000));
        Assert.Equal(1001, timer.Read().Blocks); // the kept copy is refilled, not stale
        Assert.Equal(149, timer.Read().P999, 1.0); // 1 µs: bucket resolution; 1000 blocks of 100 … 149 µs and one of 3000 µs
    }
}
