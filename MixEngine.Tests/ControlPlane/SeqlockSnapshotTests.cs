using MixEngine.ControlPlane;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class SeqlockSnapshotTests
{
    [Fact]
    public void A_reader_gets_the_published_values_and_the_version_counts_publications()
    {
        var snapshot = new SeqlockSnapshot(3);
        snapshot.RtPublish([1, 2, 3]);
        snapshot.RtPublish([4, 5, 6]);
        var copy = new double[3];
        Assert.True(snapshot.TryRead(copy));
        Assert.Equal([4.0, 5, 6], copy);
        Assert.Equal(2, snapshot.Version);
    }

    [Fact]
    public void Concurrent_readers_never_see_a_half_written_set()
    {
        const int Length = 64;
        var snapshot = new SeqlockSnapshot(Length);
        bool stop = false;
        var writer = new Thread(() =>
        {
            var values = new double[Length];
            for (long n = 1; !Volatile.Read(ref stop); n++)
            {
                Array.Fill(values, n);
                snapshot.RtPublish(values);
            }
        });
        writer.Start();
        int consistent = 0, torn = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            var copy = new double[Length];
            for (int i = 0; i < 20_000; i++)
            {
                snapshot.Read(copy);
                // Every value of one publication is the same number, so a torn read shows two different numbers.
                if (Array.TrueForAll(copy, v => v == copy[0])) Interlocked.Increment(ref consistent);
                else Interlocked.Increment(ref torn);
            }
        })).ToArray();
        foreach (var r in readers) r.Start();
        foreach (var r in readers) r.Join();
        Volatile.Write(ref stop, true);
        writer.Join();
        Assert.Equal(0, torn);
        Assert.Equal(40_000, consistent);
    }

    [Fact]
    public void Publishing_allocates_nothing()
    {
        var snapshot = new SeqlockSnapshot(16);
        var values = new double[16];
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10_000; i++) snapshot.RtPublish(values);
        });
        Assert.Equal(0, bytes);
    }
}
