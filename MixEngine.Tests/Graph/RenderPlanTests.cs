using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class RenderPlanTests
{
    private const int Length = 6000;

    [Fact]
    public void Output_is_bit_identical_for_any_thread_count_and_block_size()
    {
        var (session, media) = RandomSession.Create(seed: 7, tracks: 12, length: Length);
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 1024, threads: 1);
        Assert.Contains(reference, ch => ch.Any(s => s != 0.0));
        Assert.Contains(session.Tracks.SelectMany(t => t.Clips), c => c.Position is > 0 and < 1200);
        foreach (int threads in new[] { 1, 2, 4 })
        foreach (int block in new[] { 1, 7, 64, 1024, 4096 })
        {
            // Block size 1 costs one barrier per phase per sample; the first 1200 samples already cross clip edges and fades.
            int length = block == 1 ? 1200 : Length;
            var y = PlanCapture.Render(session, media, "pm", 0, length, block, threads);
            AssertBits(reference, y, length, threads, block);
        }
    }

    [Fact]
    public void Rendering_from_a_later_start_gives_the_same_samples_as_rendering_through()
    {
        var (session, media) = RandomSession.Create(seed: 3, tracks: 6, length: Length);
        var whole = PlanCapture.Render(session, media, "pm", 0, Length, 100);
        var tail = PlanCapture.Render(session, media, "pm", 2345, Length, 100);
        for (int c = 0; c < whole.Length; c++)
            for (int i = 2345; i < Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(whole[c][i]), BitConverter.DoubleToInt64Bits(tail[c][i - 2345])); // exact bits
    }

    [Fact]
    public void Steady_state_blocks_allocate_nothing_after_the_plan_is_built()
    {
        var (session, media) = RandomSession.Create(seed: 5, tracks: 16, length: 48000);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        // The warm passes run every code path (JIT, type loading and tier-up may allocate); the measured ones follow.
        long allocated = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 256 <= 48000; p += 256) plan.RtRenderBlock(p, 256, null);
        });
        Assert.Equal(0, allocated); // exact: the Rt path must not allocate at all
    }

    [Fact]
    public void Steady_state_blocks_with_workers_allocate_nothing_on_the_driver_thread()
    {
        var (session, media) = RandomSession.Create(seed: 6, tracks: 16, length: 48000);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        using var workers = new RenderWorkers(2);
        // Warm passes, then the cheapest of up to three measured ones: a per-block allocation shows in every pass, a
        // one-off runtime step (tiered JIT promotion under a loaded machine) in at most one.
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 256 <= 48000; p += 256) plan.RtRenderBlock(p, 256, workers);
        });
        Assert.Equal(0, bytes); // exact
    }

    [Fact]
    public void Disposing_the_plan_closes_every_media_reader()
    {
        var (session, media) = RandomSession.Create(seed: 8, tracks: 5, length: 1000);
        var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media);
        Assert.Equal(5, media.OpenReaders);
        plan.Dispose();
        Assert.Equal(0, media.OpenReaders);
    }

    private static void AssertBits(double[][] expected, double[][] actual, int length, int threads, int block)
    {
        for (int c = 0; c < expected.Length; c++)
            for (int i = 0; i < length; i++)
                if (BitConverter.DoubleToInt64Bits(expected[c][i]) != BitConverter.DoubleToInt64Bits(actual[c][i]))
                    Assert.Fail($"threads {threads}, block {block}: channel {c} sample {i} differs ({expected[c][i]:R} vs {actual[c][i]:R})");
    }
    [Fact]
    public void Every_live_strip_and_vca_address_of_the_catalog_resolves_to_a_plan_parameter()
    {
        var (session, media) = RandomSession.Create(seed: 9, tracks: 6, length: 1000);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media);
        string[] live = ["trim", "polarity", "fader", "mute", "solo", "soloSafe"];
        var expected = ParameterCatalog.For(session).Parameters.Select(p => p.Descriptor.Address)
            .Where(a => a.Scope == ParameterScope.Vca || live.Contains(a.Parameter)).Select(a => a.ToString()).ToList();
        Assert.True(expected.Count >= 6 * live.Length);
        Assert.All(expected, a => Assert.True(plan.Parameters.ContainsKey(a), $"no live parameter at '{a}'"));
    }

    [Fact]
    public void A_fader_set_between_blocks_reaches_the_bus_ramped_over_the_next_block()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("one.wav", 0, 512)).Build();
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("one.wav"), Enumerable.Repeat(0.5, 512).ToArray());
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media);
        var pm = plan.Bus("pm").PostFaderBuffers[0];
        plan.RtRenderBlock(0, 64, null);
        Assert.All(pm.Take(64), s => Assert.Equal(0.5, s)); // exact: unity
        plan.Parameter("track/a/fader").RtSet(double.NegativeInfinity);
        plan.RtRenderBlock(64, 64, null);
        Assert.True(pm[0] > 0.49 && pm[62] > 0.0); // the ramp starts near unity and is not yet at zero before its end
        Assert.Equal(0.0, pm[63]); // exact: the ramp ends on the target
        plan.RtRenderBlock(128, 64, null);
        Assert.All(pm.Take(64), s => Assert.Equal(0.0, s)); // exact: −∞ dB held
    }
}
