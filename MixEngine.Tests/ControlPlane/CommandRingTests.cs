using MixEngine.ControlPlane;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class CommandRingTests
{
    [Fact]
    public void Commands_come_out_in_the_order_they_went_in_across_many_laps()
    {
        var ring = new CommandRing<long>(8);
        long next = 0, expected = 0;
        for (int round = 0; round < 100; round++)
        {
            for (int i = 0; i < 5; i++) Assert.True(ring.TryEnqueue(next++));
            for (int i = 0; i < 5; i++)
            {
                Assert.True(ring.RtTryDequeue(out long v));
                Assert.Equal(expected++, v);
            }
        }
        Assert.False(ring.RtTryDequeue(out _));
    }

    [Fact]
    public void A_full_ring_refuses_a_command_instead_of_growing()
    {
        var ring = new CommandRing<int>(5);
        Assert.Equal(8, ring.Capacity);
        for (int i = 0; i < 8; i++) Assert.True(ring.TryEnqueue(i));
        Assert.False(ring.TryEnqueue(99));
        Assert.True(ring.RtTryDequeue(out int first));
        Assert.Equal(0, first);
        Assert.True(ring.TryEnqueue(8));
    }

    [Fact]
    public void Four_producers_deliver_every_command_exactly_once_in_per_producer_order()
    {
        var ring = new CommandRing<long>(64);
        const int PerProducer = 50_000;
        var producers = Enumerable.Range(0, 4).Select(p => new Thread(() =>
        {
            for (long i = 0; i < PerProducer; i++)
                while (!ring.TryEnqueue(((long)p << 32) | i)) Thread.SpinWait(4);
        })).ToArray();
        foreach (var t in producers) t.Start();
        var last = new long[] { -1, -1, -1, -1 };
        for (int received = 0; received < 4 * PerProducer;)
        {
            if (!ring.RtTryDequeue(out long v)) continue;
            int p = (int)(v >> 32);
            long i = v & 0xFFFFFFFF;
            Assert.Equal(last[p] + 1, i);
            last[p] = i;
            received++;
        }
        foreach (var t in producers) t.Join();
        Assert.All(last, l => Assert.Equal(PerProducer - 1, l));
    }

    [Fact]
    public void Enqueue_and_dequeue_allocate_nothing()
    {
        var ring = new CommandRing<long>(16);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                ring.TryEnqueue(i);
                ring.RtTryDequeue(out _);
            }
        });
        Assert.Equal(0, bytes);
    }
}
