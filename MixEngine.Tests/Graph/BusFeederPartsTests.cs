using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class BusFeederPartsTests
{
    private const int Length = 5000;

    [Fact]
    public void A_bus_with_many_feeders_adds_the_second_half_of_them_to_the_first_half_summed_on_its_own()
    {
        // 40 mono tracks of DC into a mono bus at unity: 1 and then 2^-53 on every other track. Summed one after the
        // other every 2^-53 is lost against the 1 (1 + 2^-53 rounds to 1); in two parts the second half's twenty make
        // 20 · 2^-53 exactly, which the 1 then keeps (1 + 10 · 2^-52 is a double).
        const int tracks = 40;
        double tiny = Math.ScaleB(1.0, -53);
        var media = new InMemoryMedia();
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Mono);
        for (int t = 0; t < tracks; t++)
        {
            string file = $"dc{t}.wav";
            media.Add(SessionBuilder.MediaPath(file), Enumerable.Repeat(t == 0 ? 1.0 : tiny, Length).ToArray());
            builder.Track($"t{t}", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip(file, 0, Length, 1));
        }
        var session = builder.Build();
        using (var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media))
        {
            Assert.True(plan.Bus("pm").SumsInParts);
            Assert.Equal(tracks, plan.Bus("pm").Feeders.Count);
        }
        double expected = 1.0 + 20 * tiny;
        Assert.NotEqual(1.0, expected);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var y = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 1000, threads: threads)[0];
            Assert.All(y, s => Assert.Equal(expected, s)); // exact: the parts' order is fixed by the feeder count
        }
    }

    [Fact]
    public void A_bus_with_fewer_feeders_than_the_split_sums_them_in_one_run()
    {
        var (session, media) = RandomSession.Create(seed: 11, tracks: 6, length: Length);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        Assert.False(plan.Bus("pm").SumsInParts);
        Assert.True(plan.Bus("pm").Feeders.Count < BusNode.SplitFeeders);
    }

    [Fact]
    public void A_bus_summed_in_two_parts_renders_the_same_bits_for_any_thread_count_and_block_size()
    {
        var (session, media) = RandomSession.Create(seed: 5, tracks: 110, length: Length); // its stems each get about a third of them
        using (var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media))
            Assert.Contains(session.Buses, b => plan.Bus(b.Id).SumsInParts);
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 1024, threads: 1);
        Assert.Contains(reference, ch => ch.Any(s => s != 0.0));
        foreach (int threads in new[] { 1, 2, 3 })
        foreach (int block in new[] { 7, 64, 1000, 4096 })
        {
            var y = PlanCapture.Render(session, media, "pm", 0, Length, block, threads);
            for (int c = 0; c < reference.Length; c++)
                for (int i = 0; i < Length; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(reference[c][i]) == BitConverter.DoubleToInt64Bits(y[c][i]),
                        $"threads {threads}, block {block}, channel {c}, sample {i}: {y[c][i]} against {reference[c][i]}");
        }
    }
}
