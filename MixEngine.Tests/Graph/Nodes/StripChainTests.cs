using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Eq;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;
using KernelBand = MixEngine.Dsp.Eq.EqBand;
using SessionBand = MixEngine.Session.EqBand;
using SessionBandType = MixEngine.Session.EqBandType;

namespace MixEngine.Tests.Graph.Nodes;

public sealed class StripChainTests
{
    private const int Length = 6000;

    private static readonly SessionBand Boost = new(true, SessionBandType.Bell, 1000, 12, 1.0, 12);

    private static readonly CompressorSettings Squash = CompressorSettings.Default with { ThresholdDb = -30, Ratio = 8, AttackMs = 2 };

    private static double[] Sine() => Enumerable.Range(0, Length).Select(i => 0.3 * Math.Sin(2 * Math.PI * 1000 * i / 48000)).ToArray();

    private static double[] RenderStrip(StripProcessing processing, int block)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("t.wav"), Sine());
        var session = new SessionBuilder()
            .Track("t", ChannelLayout.Mono, "pm", Strip.Default with { Processing = processing }, null, SessionBuilder.Clip("t.wav", 0, Length))
            .Bus("pm", ChannelLayout.Mono).Print("pm", "pm.wav").Build();
        return PlanCapture.Render(session, media, "pm", 0, Length, block)[0];
    }

    /// <summary>The same kernels run by hand in the given order, as the reference.</summary>
    private static double[] ByHand(bool eqFirst)
    {
        var spec = new ProcessSpec(48000, 256, 1);
        var eq = new ParametricEq();
        eq.Prepare(spec);
        eq.RtSetBand(0, KernelBand.Bell(1000, 12, 1.0));
        eq.Reset();
        var comp = new Compressor();
        comp.Prepare(spec);
        comp.RtSetThresholdDb(Squash.ThresholdDb);
        comp.RtSetRatio(Squash.Ratio);
        comp.RtSetAttackMs(Squash.AttackMs);
        comp.Reset();
        var x = Sine();
        for (int p = 0; p < Length; p += 256)
        {
            var block = new[] { x.AsSpan(p, Math.Min(256, Length - p)).ToArray() };
            int n = block[0].Length;
            if (eqFirst) { eq.RtProcess(block, n); comp.RtProcess(block, n); }
            else { comp.RtProcess(block, n); eq.RtProcess(block, n); }
            block[0].CopyTo(x, p);
        }
        return x;
    }

    [Theory]
    [InlineData(ProcessingOrder.EqFirst, true)]
    [InlineData(ProcessingOrder.DynamicsFirst, false)]
    public void The_chain_runs_EQ_and_compressor_in_the_configured_order(ProcessingOrder order, bool eqFirst)
    {
        var processing = StripProcessing.None with { Order = order, Eq = [Boost], Compressor = Squash };

        var y = RenderStrip(processing, 100);

        var expected = ByHand(eqFirst);
        for (int i = 0; i < Length; i++) Assert.Equal(expected[i], y[i]); // exact: unity strip gains, same kernels, same order
        Assert.NotEqual(ByHand(!eqFirst)[Length - 1], y[Length - 1]); // the other order sounds different
    }

    [Fact]
    public void Every_processing_address_of_the_catalog_is_a_live_parameter_of_the_plan()
    {
        var full = new StripProcessing(ProcessingOrder.EqFirst,
            [new SessionBand(true, SessionBandType.HighPass, 80, 0, 0.7071, 24), Boost, new SessionBand(true, SessionBandType.Notch, 60, 0, 20, 12)],
            GateSettings.Default, CompressorSettings.Default, DeEsserSettings.Default, LimiterSettings.Default);
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("t.wav"), Sine(), Sine());
        var session = new SessionBuilder()
            .Track("t", ChannelLayout.Stereo, "pm", Strip.Default with { Processing = full }, null, SessionBuilder.Clip("t.wav", 0, Length, 1, 2))
            .Bus("pm", ChannelLayout.Atmos712, null, Strip.Default with { Processing = full with { Gate = null } }).Print("pm", "pm.wav").Build();

        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), media);

        var processingAddresses = ParameterCatalog.For(session).Parameters.Select(p => p.Descriptor.Address.ToString())
            .Where(a => a.Contains("/eq/", StringComparison.Ordinal) || a.Contains("/dyn/", StringComparison.Ordinal)).ToList();
        Assert.Equal(37 + 29, processingAddresses.Count); // track: 9 EQ + 8 gate + 9 compressor + 8 de-esser + 3 limiter; bus: the same without the gate
        Assert.Equal(processingAddresses.Order(), plan.Parameters.Keys.Where(processingAddresses.Contains).Order());
        Assert.Equal(processingAddresses.Order(),
            plan.Parameters.Keys.Where(a => a.Contains("/eq/", StringComparison.Ordinal) || a.Contains("/dyn/", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void A_live_EQ_gain_change_reaches_the_band()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("t.wav"), Sine());
        var session = new SessionBuilder()
            .Track("t", ChannelLayout.Mono, "pm", Strip.Default with { Processing = StripProcessing.None with { Eq = [Boost] } }, null,
                SessionBuilder.Clip("t.wav", 0, Length))
            .Bus("pm", ChannelLayout.Mono).Build();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1000), media);

        plan.Parameter("track/t/eq/1/gain").RtSet(-12);
        for (long p = 0; p < Length; p += 1000) plan.RtRenderBlock(p, 1000, null);

        // After the 10 ms glide a 1 kHz sine through a −12 dB bell at 1 kHz leaves at 0.3 × 10^(−12/20) ≈ 0.0754.
        double peak = plan.Bus("pm").OutputBuffers[0].Take(1000).Max(Math.Abs);
        Assert.Equal(0.3 * Math.Pow(10, -12 / 20.0), peak, 3); // ±0.0005: sampled peak of a 1 kHz sine at 48 kHz
    }

    [Fact]
    public void A_de_esser_in_the_chain_reduces_loud_sibilance()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), Enumerable.Range(0, Length).Select(i => 0.5 * Math.Sin(2 * Math.PI * 6000 * i / 48000)).ToArray());
        var session = new SessionBuilder()
            .Track("s", ChannelLayout.Mono, "pm", Strip.Default with { Processing = StripProcessing.None with { DeEsser = DeEsserSettings.Default } }, null,
                SessionBuilder.Clip("s.wav", 0, Length))
            .Bus("pm", ChannelLayout.Mono).Build();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1000), media);

        for (long p = 0; p < Length; p += 1000) plan.RtRenderBlock(p, 1000, null);

        // A −6 dBFS sine at the 6 kHz split against a −30 dB threshold is pulled down by the full 12 dB range.
        Assert.Equal("dyn/deesser", plan.Tracks[0].Chain!.Processors[0].Name);
        Assert.True(plan.Tracks[0].Chain!.Processors[0].GainReductionDb > 6, $"reduction {plan.Tracks[0].Chain!.Processors[0].GainReductionDb} dB");
        Assert.True(plan.Bus("pm").OutputBuffers[0].Max(Math.Abs) < 0.25);
    }

    [Theory]
    [InlineData(100.0, 2.0, 23.74)]
    [InlineData(2.0, 4.0, 11.99)]
    public void The_de_essers_session_ratio_and_its_live_ratio_set_the_reduction(double sessionRatio, double liveRatio, double expectedDb)
    {
        // A −6.02 dBFS sine at the band centre (0 dB there) overshoots the −30 dB threshold by 23.98 dB: reduction
        // 23.98·(1 − 1/R) within the 40 dB range. Q, attack and release from the session must also be accepted (a narrow
        // band still passes its own centre at 0 dB).
        var settings = DeEsserSettings.Default with { RangeDb = 40, Q = 4, Ratio = sessionRatio, AttackMs = 0.2, ReleaseMs = 200 };
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), Enumerable.Range(0, Length).Select(i => 0.5 * Math.Sin(2 * Math.PI * 6000 * i / 48000)).ToArray());
        var session = new SessionBuilder()
            .Track("s", ChannelLayout.Mono, "pm", Strip.Default with { Processing = StripProcessing.None with { DeEsser = settings } }, null,
                SessionBuilder.Clip("s.wav", 0, Length))
            .Bus("pm", ChannelLayout.Mono).Build();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1000), media);
        var deEsser = plan.Tracks[0].Chain!.Processors[0];

        for (long p = 0; p < 3000; p += 1000) plan.RtRenderBlock(p, 1000, null);
        double atSessionRatio = deEsser.GainReductionDb;
        plan.Parameter("track/s/dyn/deesser/ratio").RtSet(liveRatio);
        for (long p = 3000; p < Length; p += 1000) plan.RtRenderBlock(p, 1000, null);

        // ±0.1 dB: the band's sampled peak and the envelope's release between peaks (200 ms, over 8 samples) move the level by less.
        Assert.Equal(expectedDb, atSessionRatio, 0.1);
        Assert.Equal(23.98 * (1 - 1 / liveRatio), deEsser.GainReductionDb, 0.1);
    }
}
