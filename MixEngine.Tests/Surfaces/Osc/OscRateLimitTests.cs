using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscRateLimitTests
{
    [Fact]
    public void A_full_bucket_allows_the_burst_then_refills_at_the_sustained_rate()
    {
        // Clock in whole "ticks" of 1 ms: 100 messages/s = 0.1 token per tick.
        var limit = new OscRateLimit(perSecond: 100, burst: 10, nowTicks: 0, ticksPerSecond: 1000);

        int passed = Enumerable.Range(0, 15).Count(_ => limit.TryTake(0));
        Assert.Equal(10, passed);
        Assert.False(limit.TryTake(9));
        Assert.True(limit.TryTake(10));
        Assert.False(limit.TryTake(10));
    }

    [Fact]
    public void Refill_never_exceeds_the_burst_and_a_bundle_takes_all_its_messages_or_none()
    {
        var limit = new OscRateLimit(perSecond: 100, burst: 4, nowTicks: 0, ticksPerSecond: 1000);

        Assert.True(limit.TryTake(1_000_000, 4));
        Assert.False(limit.TryTake(1_000_000, 1));
        Assert.False(limit.TryTake(1_000_020, 3));
        Assert.True(limit.TryTake(1_000_020, 2));
    }
}
