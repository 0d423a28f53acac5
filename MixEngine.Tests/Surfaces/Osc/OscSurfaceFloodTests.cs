using System.Diagnostics;
using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscSurfaceFloodTests
{
    private static readonly string[] Targets =
    [
        "track/DX 1/pan/x", "track/DX 1/pan/y", "track/DX 1/pan/z", "track/DX 1/pan/width",
        "track/b/pan/x", "track/b/pan/y", "track/b/pan/z", "track/b/pan/width",
    ];

    [Fact]
    public async Task Eight_clients_flooding_at_2000_messages_per_second_are_rate_limited_and_the_last_value_of_each_wins()
    {
        await using var f = new OscSurfaceFixture();
        var peers = Targets.Select(_ => f.Peer()).ToArray();
        try
        {
            var addresses = Targets.Select(t => OscAddresses.ForParameter(position: true, t)).ToArray();
            GC.Collect();
            long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
            // 2 s of flood (the 10 s shortened for a shared test machine): every 10 ms each client sends 20 values.
            var clock = Stopwatch.StartNew();
            for (int round = 0; clock.Elapsed < TimeSpan.FromSeconds(2); round++)
            {
                for (int c = 0; c < peers.Length; c++)
                    for (int i = 0; i < 20; i++)
                        peers[c].Send(addresses[c], OscArgument.Float32((round * 20 + i) % 1000 / 1000f));
                Thread.Sleep(10);
            }
            Thread.Sleep(500); // the listener's token buckets refill (burst 200), so the final values are admitted

            // UDP may drop a datagram while the kernel buffer is still full of flood, so the final value is re-sent (as a
            // client would) until it shows; nothing else is sent after it, so it must be what the parameter ends at.
            for (int c = 0; c < peers.Length; c++)
            {
                var handle = f.Control.Control.Resolve(Targets[c]);
                double expected = 0.125 + c / 16.0;
                var wait = Stopwatch.StartNew();
                bool arrived = false;
                while (!arrived && wait.Elapsed < TimeSpan.FromSeconds(10))
                {
                    peers[c].Send(addresses[c], OscArgument.Float32((float)expected));
                    arrived = SpinWait.SpinUntil(() => Math.Abs(f.Control.Control.GetNormalized(handle) - expected) < 1e-6, 250);
                }
                Assert.True(arrived, $"{Targets[c]} is at {f.Control.Control.GetNormalized(handle)}, expected the last value sent, {expected}");
            }
            Assert.True(f.Udp.Counters.RateLimited > 0, f.Udp.Counters.ToString()); // 2,000/s against the default 500/s
            Assert.Equal(0, f.Surface.Errors);
            GC.Collect();
            long grown = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
            Assert.True(grown < 16 << 20, $"managed heap grew {grown} bytes over the flood"); // bounded: no queue grows with the flood
        }
        finally
        {
            foreach (var p in peers) p.Dispose();
        }
    }
}
