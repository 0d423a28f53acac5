using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;
using MixEngine.Offline;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>Strip processing in the plan: latency compensation, order of keyed strips, NaN containment, live parameters, meters.</summary>
public sealed class StripProcessingPlanTests
{
    private const int Length = 4000;
    private const int Impulse = 1000;

    private static readonly Strip Limited = Strip.Default with
    {
        Processing = StripProcessing.None with { Limiter = LimiterSettings.Default },
    };

    private static double[] ImpulseAt(int position, double amplitude)
    {
        var x = new double[Length];
        x[position] = amplitude;
        return x;
    }

    /// <summary>The sample indexes where a channel is not zero.</summary>
    private static int[] NonZero(double[] x) => Enumerable.Range(0, x.Length).Where(i => x[i] != 0.0).ToArray();

    private static (MixSession Session, InMemoryMedia Media) TwoImpulses(Strip limitedTrack, Strip? dxBus = null)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("lim.wav"), ImpulseAt(Impulse, 0.25));
        media.Add(SessionBuilder.MediaPath("bare.wav"), ImpulseAt(Impulse, 0.25));
        var session = new SessionBuilder()
            .Track("lim", ChannelLayout.Mono, "dx", limitedTrack, null, SessionBuilder.Clip("lim.wav", 0, Length))
            .Track("bare", ChannelLayout.Mono, "mx", null, [new Send("dx", 0, SendTap.PreFader, false)], SessionBuilder.Clip("bare.wav", 0, Length))
            .Bus("dx", ChannelLayout.Mono, "pm", dxBus)
            .Bus("mx", ChannelLayout.Mono, "pm", null, [new Send("dx", 0, SendTap.PostFader, false)])
            .Bus("pm", ChannelLayout.Mono)
            .Print("pm", "pm.wav").Print("dx", "dx.wav").Print("mx", "mx.wav")
            .Build();
        return (session, media);
    }

    [Fact]
    public void An_impulse_through_a_lookahead_limiter_lines_up_with_one_through_a_bare_strip_in_every_print()
    {
        // lim → dx (limiter, latency L); bare → mx, bare pre-fader send → dx, mx post-fader send → dx (bus to bus); dx, mx → pm.
        var (session, media) = TwoImpulses(Limited);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        int latency = plan.LatencySamples;
        Assert.Equal(128, latency); // 2 ms look-ahead at 48 kHz + 16 interpolator + 16 guard samples (docs/dsp.md)

        foreach (string bus in new[] { "pm", "dx", "mx" })
        {
            var y = PlanCapture.Render(session, media, bus, 0, Length);
            Assert.Equal([Impulse + latency], NonZero(y[0]));
        }
        // dx sums the limited impulse, bare's pre-fader send and mx's send, all aligned: 3 × 0.25 (limiter transparent at −12 dBFS).
        Assert.Equal(0.75, PlanCapture.Render(session, media, "dx", 0, Length)[0][Impulse + latency], 12);
        Assert.Equal(1.0, PlanCapture.Render(session, media, "pm", 0, Length)[0][Impulse + latency], 12);
    }

    [Fact]
    public void A_limiter_on_a_bus_delays_the_other_stems_so_prints_stay_aligned()
    {
        var (session, media) = TwoImpulses(Strip.Default, dxBus: Limited);

        foreach (string bus in new[] { "pm", "dx", "mx" })
            Assert.Equal([Impulse + 128], NonZero(PlanCapture.Render(session, media, bus, 0, Length)[0]));
    }

    [Fact]
    public void Offline_prints_remove_the_plan_latency_so_the_impulse_lands_on_its_timeline_sample()
    {
        var (session, media) = TwoImpulses(Limited);
        var prints = new InMemoryPrints();

        var report = OfflineRenderer.Render(session, new RenderRequest("/out", 0, Length, 1, 300, DateTime.UnixEpoch), media, null, default, prints);

        foreach (string file in new[] { "pm.wav", "dx.wav", "mx.wav" })
        {
            var samples = prints.Named(file).Samples;
            Assert.Equal(Length, samples[0].Length);
            Assert.Equal([Impulse], NonZero(samples[0]));
        }
        Assert.Equal(Length, report.Frames);
    }

    [Fact]
    public void A_plan_without_lookahead_has_no_latency_and_no_delays()
    {
        var (session, media) = TwoImpulses(Strip.Default with
        {
            Processing = StripProcessing.None with { Compressor = CompressorSettings.Default, Gate = GateSettings.Default with { Enabled = false } },
        });
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);

        Assert.Equal(0, plan.LatencySamples);
        Assert.All(plan.Tracks.Concat<MixNode>(plan.Buses), n => Assert.Empty(n.Delays));
    }

    private static double[] Sine(double amplitude, double hz, int length = Length) =>
        Enumerable.Range(0, length).Select(i => amplitude * Math.Sin(2 * Math.PI * hz * i / 48000)).ToArray();

    [Fact]
    public void A_kernel_producing_NaN_is_reset_its_strip_is_silent_for_that_block_and_the_event_is_reported()
    {
        var bad = Sine(0.5, 440);
        bad[1500] = double.NaN; // inside block [1280, 1536) at block size 256
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("bad.wav"), bad);
        media.Add(SessionBuilder.MediaPath("good.wav"), Sine(0.25, 1000));
        var comp = Strip.Default with { Processing = StripProcessing.None with { Compressor = CompressorSettings.Default } };
        var session = new SessionBuilder()
            .Track("bad", ChannelLayout.Mono, "pm", comp, null, SessionBuilder.Clip("bad.wav", 0, Length))
            .Track("good", ChannelLayout.Mono, "pm", null, null, SessionBuilder.Clip("good.wav", 0, Length))
            .Bus("pm", ChannelLayout.Mono).Print("pm", "pm.wav").Build();
        var prints = new InMemoryPrints();

        var report = OfflineRenderer.Render(session, new RenderRequest("/out", 0, Length, 2, 256, DateTime.UnixEpoch), media, null, default, prints);

        Assert.Equal([new NonFiniteReset("track/bad/dyn/comp", 1)], report.NonFiniteResets);
        Assert.Contains("\"nonFiniteResets\"", report.ToJson());
        var pm = prints.Named("pm.wav").Samples[0];
        var good = Sine(0.25, 1000);
        Assert.All(pm, x => Assert.True(double.IsFinite(x)));
        for (int i = 1280; i < 1536; i++) Assert.Equal(good[i], pm[i]); // exact: the bad strip adds 0.0 in that block
        Assert.NotEqual(good[1280 - 1], pm[1280 - 1]);
        Assert.NotEqual(good[1536], pm[1536]); // the reset compressor plays again from the next block
    }

    private static (MixSession Session, InMemoryMedia Media) Ducking()
    {
        var media = new InMemoryMedia();
        var dialog = new double[Length];
        for (int i = 2000; i < 3000; i++) dialog[i] = 0.5 * Math.Sin(2 * Math.PI * 300 * i / 48000);
        media.Add(SessionBuilder.MediaPath("dialog.wav"), dialog);
        media.Add(SessionBuilder.MediaPath("music.wav"), Sine(0.3, 220), Sine(0.3, 330));
        var ducker = Strip.Default with
        {
            Processing = StripProcessing.None with
            {
                Compressor = CompressorSettings.Default with { ThresholdDb = -30, Ratio = 10, AttackMs = 1, Key = "dialog" },
                Limiter = LimiterSettings.Default,
            },
        };
        var session = new SessionBuilder()
            .Track("music", ChannelLayout.Stereo, "pm", ducker, null, SessionBuilder.Clip("music.wav", 0, Length, 1, 2))
            .Track("dialog", ChannelLayout.Mono, "pm", null, null, SessionBuilder.Clip("dialog.wav", 0, Length))
            .Bus("pm", ChannelLayout.Stereo, null, Strip.Default with { Processing = StripProcessing.None with { Gate = GateSettings.Default } })
            .Print("pm", "pm.wav").Build();
        return (session, media);
    }

    [Fact]
    public void A_compressor_keyed_by_another_track_ducks_while_the_key_plays_and_renders_identically_for_any_threads_and_block()
    {
        var (session, media) = Ducking();
        using (var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(500), media))
        {
            for (long p = 0; p < 2500; p += 500) plan.RtRenderBlock(p, 500, null);
            Assert.True(plan.Tracks[0].Chain!.Processors[0].GainReductionDb > 10, "music ducks under the dialogue key");
            Assert.Equal(2, plan.LevelCount); // the keyed track runs a stage after its key
        }
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, 1024, 1);
        foreach (int threads in new[] { 1, 2 })
            foreach (int block in new[] { 7, 64, 1000 })
            {
                var y = PlanCapture.Render(session, media, "pm", 0, Length, block, threads);
                for (int c = 0; c < y.Length; c++)
                    for (int i = 0; i < Length; i++)
                        Assert.True(BitConverter.DoubleToInt64Bits(reference[c][i]) == BitConverter.DoubleToInt64Bits(y[c][i]),
                            $"channel {c} sample {i} differs at {threads} threads, block {block}"); // exact bits
            }
    }

    [Fact]
    public void Steady_state_blocks_with_processing_keys_and_delays_allocate_nothing()
    {
        var (session, media) = Ducking();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        Assert.True(plan.LatencySamples > 0);
        // Every pass, warm or measured, starts by switching the keyed compressor (off, on, off, …), so each measured
        // pass includes a bypass change and its crossfade, not only settled blocks.
        var enabled = plan.Parameter("track/music/dyn/comp/enabled");
        double on = 1;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            on = 1 - on;
            enabled.RtSet(on);
            for (long p = 0; p + 256 <= Length; p += 256) plan.RtRenderBlock(p, 256, null);
        });
        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
    }

    [Fact]
    public void Live_parameters_reach_the_processors_and_a_bypassed_limiter_keeps_the_alignment()
    {
        var (session, media) = TwoImpulses(Limited);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);
        plan.Parameter("track/lim/dyn/limiter/ceiling").RtSet(-24);
        var limiter = plan.Tracks[0].Chain!.Processors[0];
        double reduction = 0;
        for (long p = 0; p < 2048; p += 256)
        {
            plan.RtRenderBlock(p, 256, null);
            reduction = Math.Max(reduction, limiter.GainReductionDb);
        }
        // A −12 dBFS impulse under a −24 dBTP ceiling (−0.2 dB safety): at least 12 dB of reduction is metered.
        Assert.True(reduction >= 12, $"limiter reduction {reduction} dB");

        using var bypassed = RenderPlanBuilder.Build(session, new RenderPlanOptions(250), media);
        bypassed.Parameter("track/lim/dyn/limiter/enabled").RtSet(0);
        var dx = new double[Length];
        for (long p = 0; p < Length; p += 250)
        {
            bypassed.RtRenderBlock(p, 250, null);
            Array.Copy(bypassed.Bus("dx").OutputBuffers[0], 0, dx, p, 250);
        }
        // Bypassed, the limiter is a pure delay of its latency: the three impulses still meet, unreduced.
        Assert.Equal([Impulse + 128], NonZero(dx));
        Assert.Equal(0.75, dx[Impulse + 128], 12);
    }

    [Fact]
    public void A_locate_empties_the_lookahead_and_compensation_delays_so_nothing_from_before_the_jump_comes_out()
    {
        var (session, media) = TwoImpulses(Limited);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(100), media);
        for (long p = 0; p < 1100; p += 100) plan.RtRenderBlock(p, 100, null); // both impulses are inside the delays now

        var heard = new List<double>();
        for (long p = 3000; p < 3400; p += 100)
        {
            plan.RtRenderBlock(p, 100, null);
            foreach (string bus in new[] { "pm", "dx", "mx" }) heard.AddRange(plan.Bus(bus).OutputBuffers[0].Take(100));
        }

        Assert.All(heard, x => Assert.Equal(0.0, x)); // exact: the media is silent after the impulse
    }
}
