using MixEngine.Graph.Nodes;

namespace MixEngine.Tests.Graph.Nodes;

public sealed class BatchLanesTests
{
    [Fact]
    public void A_pool_hands_out_each_reserved_set_once_until_it_is_given_back()
    {
        var lanes = new BatchLanes(128);
        lanes.Reserve(2);
        lanes.Reserve(1); // never shrinks

        Assert.Equal(2, lanes.Sets);
        Assert.Equal(0, lanes.RtTake());
        Assert.Equal(1, lanes.RtTake());
        Assert.Equal(-1, lanes.RtTake());
        lanes.RtGive(0);
        Assert.Equal(0, lanes.RtTake());
        Assert.NotSame(lanes.Eq(0, 0), lanes.Eq(1, 0));
        Assert.NotSame(lanes.Eq(0, 0), lanes.Eq(0, 1)); // each part of a set has its own lanes
        Assert.NotSame(lanes.Compressors(0, 0), lanes.Compressors(1, 0));
        Assert.NotSame(lanes.Compressors(0, 0), lanes.Compressors(0, 1));
    }
}
