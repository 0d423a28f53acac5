using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;
using SessionBand = MixEngine.Session.EqBand;
using SessionBandType = MixEngine.Session.EqBandType;

namespace MixEngine.Tests.Graph.Nodes;

public sealed class TrackBatchTests
{
    private const int Length = 6000;

    // High-pass, two bells, a high shelf and a compressor, varied per track (the reference reel's strip; the compressor
    // also varies in knee, makeup and detection so the lanes differ in every setting).
    private static Strip ReelStrip(int k) => Strip.Default with
    {
        Processing = StripProcessing.None with
        {
            Eq =
            [
                new SessionBand(true, SessionBandType.HighPass, 60 + 5 * k, 0, 0.7071, 12),
                new SessionBand(true, SessionBandType.Bell, 200 + 10 * k, -3 + 0.25 * k, 1.0, 12),
                new SessionBand(true, SessionBandType.Bell, 2500 + 50 * k, 2, 1.4, 12),
                new SessionBand(true, SessionBandType.HighShelf, 9000, 3 - 0.5 * k, 0.7071, 12),
            ],
            Compressor = CompressorSettings.Default with
            {
                ThresholdDb = -24 + k, Ratio = 3 + k % 3, KneeDb = k % 2 == 0 ? 0 : 6, MakeupDb = 0.5 * k,
                Detection = k == 3 ? LevelDetection.Rms : LevelDetection.Peak,
            },
        },
    };

    private static (MixSession Session, InMemoryMedia Media) Reel(int[] tracks)
    {
        var media = new InMemoryMedia();
        var builder = new SessionBuilder();
        foreach (int k in tracks)
        {
            media.Add(SessionBuilder.MediaPath($"n{k}.wav"), TestSignals.Noise(Length, 100 + k, 0.3));
            builder.Track($"t{k}", ChannelLayout.Mono, $"b{k}", ReelStrip(k), null, SessionBuilder.Clip($"n{k}.wav", 0, Length));
        }
        foreach (int k in tracks) builder.Bus($"b{k}", ChannelLayout.Mono);
        return (builder.Build(), media);
    }

    [Fact]
    public void Tracks_whose_EQs_and_compressors_run_as_lanes_render_bit_for_bit_what_each_renders_alone()
    {
        int[] all = [0, 1, 2, 3, 4, 5];
        var (session, media) = Reel(all);
        using (var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(512), media))
        {
            for (long p = 0; p < Length; p += 512) plan.RtRenderBlock(p, (int)Math.Min(512, Length - p), null);
            Assert.True(plan.BatchedEqBlocks > 0, "the EQs ran as vector lanes");
            Assert.True(plan.BatchedCompressorBlocks > 0, "the compressors ran as vector lanes");
        }

        foreach (int block in new[] { 512, 100 })
            foreach (int k in all)
            {
                var together = PlanCapture.Render(session, media, $"b{k}", 0, Length, block, 2)[0];
                var (aloneSession, aloneMedia) = Reel([k]);
                var alone = PlanCapture.Render(aloneSession, aloneMedia, $"b{k}", 0, Length, block)[0]; // one track: the scalar kernel
                for (int i = 0; i < Length; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(alone[i]) == BitConverter.DoubleToInt64Bits(together[i]),
                        $"track {k} sample {i} at block {block}"); // exact bits
            }
    }

    [Fact]
    public void A_NaN_through_the_EQ_lanes_silences_that_strip_for_the_block_and_leaves_the_others_bit_for_bit_alone()
    {
        int[] all = [0, 1, 2, 3];
        var (session, media) = Reel(all);
        var bad = TestSignals.Noise(Length, 102, 0.3);
        bad[1300] = double.NaN; // inside block [1024, 1536) at block size 512
        media.Add(SessionBuilder.MediaPath("n2.wav"), bad);

        using (var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(512), media))
        {
            for (long p = 0; p < Length; p += 512) plan.RtRenderBlock(p, (int)Math.Min(512, Length - p), null);
            Assert.True(plan.BatchedEqBlocks > 0, "the EQs ran as vector lanes");
            Assert.Equal([new NonFiniteReset("track/t2/eq", 1)], plan.NonFiniteResets());
        }

        var broken = PlanCapture.Render(session, media, "b2", 0, Length, 512)[0];
        Assert.All(broken[1024..1536], v => Assert.Equal(0.0, v)); // the strip's block is silence
        Assert.Contains(broken[..1024], v => v != 0.0);
        foreach (int k in new[] { 0, 1, 3 })
        {
            var together = PlanCapture.Render(session, media, $"b{k}", 0, Length, 512)[0];
            var (aloneSession, aloneMedia) = Reel([k]);
            var alone = PlanCapture.Render(aloneSession, aloneMedia, $"b{k}", 0, Length, 512)[0];
            for (int i = 0; i < Length; i++)
                Assert.True(BitConverter.DoubleToInt64Bits(alone[i]) == BitConverter.DoubleToInt64Bits(together[i]), $"track {k} sample {i}"); // exact bits
        }
    }

    [Fact]
    public void Consecutive_tracks_starting_with_an_EQ_are_grouped_in_two_parts_of_up_to_four_channels_and_others_stay_alone_with_lanes_for_each_group()
    {
        var (reel, reelMedia) = Reel([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var mixed = new SessionBuilder()
            .Track("a", ChannelLayout.Mono, "b", ReelStrip(0)).Track("bare", ChannelLayout.Mono, "b").Track("c", ChannelLayout.Mono, "b", ReelStrip(1))
            .Bus("b", ChannelLayout.Mono).Build();
        using var reelPlan = RenderPlanBuilder.Build(reel, new RenderPlanOptions(256), reelMedia);
        using var mixedPlan = RenderPlanBuilder.Build(mixed, new RenderPlanOptions(256), new InMemoryMedia());

        var reelLanes = new BatchLanes(256);
        var mixedLanes = new BatchLanes(256);

        Assert.Equal([8, 2], TrackBatch.Group(reelPlan.Tracks, reelLanes).Select(b => b.Tracks.Count));
        Assert.Equal([1, 1, 1], TrackBatch.Group(mixedPlan.Tracks, mixedLanes).Select(b => b.Tracks.Count));

        // Three mono strips fill three channels of the first part; the stereo strip does not fit there and opens the
        // second, which two more mono strips fill; the last starts a batch of its own.
        var withStereo = new SessionBuilder();
        foreach (var (name, layout) in new[] { ("m1", ChannelLayout.Mono), ("m2", ChannelLayout.Mono), ("m3", ChannelLayout.Mono),
            ("s", ChannelLayout.Stereo), ("m4", ChannelLayout.Mono), ("m5", ChannelLayout.Mono), ("m6", ChannelLayout.Mono) })
            withStereo.Track(name, layout, "b", ReelStrip(1));
        using var stereoPlan = RenderPlanBuilder.Build(withStereo.Bus("b", ChannelLayout.Stereo).Build(), new RenderPlanOptions(256), new InMemoryMedia());
        Assert.Equal([6, 1], TrackBatch.Group(stereoPlan.Tracks, new BatchLanes(256)).Select(b => b.Tracks.Count));
        Assert.Equal(2, reelLanes.Sets); // a lane set for each batch of several tracks (both may run at once)
        Assert.Equal(0, mixedLanes.Sets);
    }

    [Fact]
    public void A_batch_that_finds_every_lane_set_taken_runs_each_chain_alone_with_the_same_samples()
    {
        int[] all = [0, 1, 2, 3];
        var (session, media) = Reel(all);
        using var lanesPlan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        using var alonePlan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        var taken = new BatchLanes(256);
        var batch = Assert.Single(TrackBatch.Group(alonePlan.Tracks, taken));
        while (taken.RtTake() >= 0)
        {
            // Take every set of the batch's own pool, so it finds none.
        }

        for (long p = 0; p < Length; p += 256)
        {
            int count = (int)Math.Min(256, Length - p);
            lanesPlan.RtRenderBlock(p, count, null);
            batch.RtProcess(p, count);
            for (int t = 0; t < all.Length; t++)
            {
                var expected = lanesPlan.Tracks[t].PostFaderBuffers[0];
                var actual = alonePlan.Tracks[t].PostFaderBuffers[0];
                for (int i = 0; i < count; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                        $"track {t} sample {p + i}"); // exact bits
            }
        }
        Assert.True(lanesPlan.BatchedEqBlocks > 0, "the plan's own batch ran its EQs as lanes");
        Assert.Equal(0, taken.BatchedEqBlocks);
    }

    [Fact]
    public void Prefetching_a_batch_while_another_thread_renders_it_never_throws()
    {
        // A render worker hints the next batch (its tracks, lane caches and kernels) while another worker may be
        // rendering it. The renderer locates back to 0 every 24 blocks (the strips' processing resets), so the hints
        // read more than steady blocks. A probabilistic guard, like TrackPrefetchTests: the hint reads each array once.
        int[] all = [0, 1, 2, 3];
        var (session, media) = Reel(all);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        var batch = Assert.Single(TrackBatch.Group(plan.Tracks, new BatchLanes(256)));
        var (failure, renders, hints) = HintRace.Run(
            call => batch.RtProcess(call % 24 * 64, 64), () => batch.RtPrefetch(0, 64), TimeSpan.FromSeconds(1));

        Assert.Null(failure);
        Assert.True(renders > 1_000 && hints > 10_000, $"the threads overlapped too little to prove anything ({renders} renders, {hints} hints)");
    }
}
