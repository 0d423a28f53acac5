using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>The latency planner's alignment of compressor keys: a key whose path has more or less latency than the signal it keys.</summary>
public sealed class LatencyPlannerTests
{
    private const int Length = 3000;
    private const int Impulse = 1000;
    private const int LimiterLatency = 128; // 2 ms look-ahead at 48 kHz + 16 interpolator + 16 guard samples (docs/dsp.md)

    private static readonly Strip Limited = Strip.Default with { Processing = StripProcessing.None with { Limiter = LimiterSettings.Default } };

    // Instant attack and release, ratio 100: the keyed signal dips on exactly the samples where the key is above −20 dBFS.
    private static Strip KeyedBy(string key) => Strip.Default with
    {
        Processing = StripProcessing.None with
        {
            Compressor = CompressorSettings.Default with { ThresholdDb = -20, Ratio = 100, KneeDb = 0, AttackMs = 0, ReleaseMs = 0, Key = key },
        },
    };

    private static InMemoryMedia Media()
    {
        var media = new InMemoryMedia();
        var impulse = new double[Length];
        impulse[Impulse] = 0.5;
        media.Add(SessionBuilder.MediaPath("impulse.wav"), impulse);
        media.Add(SessionBuilder.MediaPath("dc.wav"), Enumerable.Repeat(0.25, Length).ToArray());
        return media;
    }

    // The key track plays an impulse into an unprinted bus; the reference track plays the same impulse, bare, into its own bus.
    private static SessionBuilder KeyAndReference(Strip keyStrip) => new SessionBuilder()
        .Track("key", ChannelLayout.Mono, "keys", keyStrip, null, SessionBuilder.Clip("impulse.wav", 0, Length))
        .Track("ref", ChannelLayout.Mono, "refs", null, null, SessionBuilder.Clip("impulse.wav", 0, Length))
        .Bus("keys", ChannelLayout.Mono)
        .Bus("refs", ChannelLayout.Mono);

    /// <summary>A late key: the key track has a look-ahead limiter, the keyed track has no latency of its own.</summary>
    private static MixSession LateKey() => KeyAndReference(Limited)
        .Track("dc", ChannelLayout.Mono, "keyed", KeyedBy("key"), null, SessionBuilder.Clip("dc.wav", 0, Length))
        .Bus("keyed", ChannelLayout.Mono)
        .Build();

    /// <summary>An early key: the keyed bus is fed through a look-ahead limiter, the key track has no latency.</summary>
    private static MixSession EarlyKey() => KeyAndReference(Strip.Default)
        .Track("dc", ChannelLayout.Mono, "keyed", Limited, null, SessionBuilder.Clip("dc.wav", 0, Length))
        .Bus("keyed", ChannelLayout.Mono, null, KeyedBy("key"))
        .Build();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_impulse_ducks_the_keyed_signal_on_the_sample_where_an_impulse_at_the_same_timeline_sample_leaves_the_plan(bool lateKey)
    {
        var session = lateKey ? LateKey() : EarlyKey();
        var media = Media();

        var keyed = PlanCapture.Render(session, media, "keyed", 0, Length, 100)[0];
        var reference = PlanCapture.Render(session, media, "refs", 0, Length, 100)[0];

        int[] impulseAt = Enumerable.Range(0, Length).Where(i => reference[i] != 0.0).ToArray();
        // The keyed DC leaves at exactly 0.25 (unity strip, no reduction) except where the key ducks it by about 18 dB.
        int[] dipsAt = Enumerable.Range(LimiterLatency, Length - LimiterLatency).Where(i => keyed[i] < 0.2).ToArray();
        Assert.Equal([Impulse + LimiterLatency], impulseAt);
        Assert.Equal(impulseAt, dipsAt);
    }

    [Fact]
    public void A_late_key_delays_the_keyed_strip_in_front_of_its_chain_and_an_early_key_is_delayed_itself()
    {
        using var late = RenderPlanBuilder.Build(LateKey(), new RenderPlanOptions(256), Media());
        using var early = RenderPlanBuilder.Build(EarlyKey(), new RenderPlanOptions(256), Media());

        Assert.Equal(LimiterLatency, late.Tracks.Single(t => t.Id == "dc").Chain!.KeyAlignmentSamples);
        Assert.Equal(LimiterLatency, late.Tracks.Single(t => t.Id == "dc").LatencySamples);
        Assert.Equal(0, early.Bus("keyed").Chain!.KeyAlignmentSamples);
        Assert.Contains(early.Tracks.Single(t => t.Id == "key").Delays, d => d.PreFader && d.DelaySamples == LimiterLatency);
        Assert.Equal(LimiterLatency, early.LatencySamples);
    }

    [Fact]
    public void Blocks_through_key_alignment_delays_allocate_nothing()
    {
        foreach (var session in new[] { LateKey(), EarlyKey() })
        {
            using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), Media());
            long bytes = SteadyStateAllocation.Bytes(() =>
            {
                for (long p = 0; p + 256 <= Length; p += 256) plan.RtRenderBlock(p, 256, null);
            });
            Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
        }
    }
}
