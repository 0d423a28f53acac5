using MixEngine.Tests.Support;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

public sealed class LoudnessTimelineTests
{
    [Fact]
    public void Holds_one_point_per_reading_until_full()
    {
        var t = new LoudnessTimeline(8);
        for (int i = 0; i < 8; i++) t.RtAdd(-30 + i, -40 + i);
        Assert.Equal(8, t.Count);
        Assert.Equal(0.1, t.SecondsPerPoint);
        Assert.Equal(-23, t.Momentary[7]);
    }

    [Fact]
    public void When_full_merges_neighbours_keeping_the_louder_reading_and_doubles_the_interval()
    {
        var t = new LoudnessTimeline(4);
        double[] m = [-30, -20, -25, -35, -10];
        foreach (var v in m) t.RtAdd(v, v - 5);
        // Points after compaction: max(-30,-20) = -20, max(-25,-35) = -25; then -10 waits for its pair.
        Assert.Equal(2, t.Count);
        Assert.Equal(2, t.ReadingsPerPoint);
        Assert.Equal([-20.0, -25.0], t.Momentary.ToArray());
        t.RtAdd(-40, -45);
        Assert.Equal([-20.0, -25.0, -10.0], t.Momentary.ToArray());
    }

    [Fact]
    public void Memory_is_fixed_for_any_duration()
    {
        var t = new LoudnessTimeline(4096);
        Assert.Equal(0, SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10 * 3600 * 10; i++) t.RtAdd(-20 - i % 7, -21); // ten hours at 10 Hz
        }));
        Assert.InRange(t.Count, 2048, 4096);
    }
}
