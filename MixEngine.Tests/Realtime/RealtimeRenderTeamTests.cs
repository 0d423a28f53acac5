using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// The realtime engine's render team (<see cref="RealtimeEngineOptions.RenderThreads"/>): engines with one, two and
/// three render threads play the same session under the same control traffic; the test thread plays the audio thread
/// (it calls RtRender directly), the team's workers are real threads.
/// </summary>
public class RealtimeRenderTeamTests
{
    private const int Length = 48000, Block = 128, Tracks = 12;

    private static (MixSession Session, InMemoryMedia Media) StemSession()
    {
        var media = new InMemoryMedia();
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Stereo, strip: Strip.Default with { Processing = StripProcessing.None with { Limiter = LimiterSettings.Default } })
            .Bus("dx", ChannelLayout.Stereo, "pm").Bus("mx", ChannelLayout.Stereo, "pm");
        for (int t = 0; t < Tracks; t++)
        {
            media.Add(SessionBuilder.MediaPath($"t{t}.wav"), t % 3 == 0 ? TestSignals.Sine(Length, 200 + 97 * t) : TestSignals.Noise(Length, seed: t));
            var processing = StripProcessing.None with
            {
                Eq = [new EqBand(true, EqBandType.Bell, 500 + 300 * t, 4, 1, 12)],
                Compressor = t % 2 == 0 ? CompressorSettings.Default with { ThresholdDb = -30 } : null,
            };
            var strip = Strip.Default with { FaderDb = -6, Pan = Pan.Default with { X = -1 + 2.0 * t / (Tracks - 1) }, Processing = processing };
            builder.Track($"t{t}", ChannelLayout.Mono, t % 2 == 0 ? "dx" : "mx", strip, clips: SessionBuilder.Clip($"t{t}.wav", 37 * t, Length - 37 * t));
        }
        return (builder.Build(), media);
    }

    private static RealtimeEngine Engine(MixSession session, InMemoryMedia media, int threads) =>
        new(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1), ("dx", 0), ("mx", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = threads });

    /// <summary>The slots the traffic moves, looked up once (the lookup allocates): per track fader, pan x, EQ band 1 gain and mute.</summary>
    private static int[][] Slots(RealtimeEngine engine)
    {
        var addresses = engine.SlotAddresses.ToList();
        return Enumerable.Range(0, Tracks).Select(t => new[] { "fader", "pan/x", "eq/1/gain", "mute" }
            .Select(p => addresses.IndexOf($"track/t{t}/{p}")).ToArray()).ToArray();
    }

    /// <summary>The same traffic for every engine: fader rides, pan moves, EQ gain and mute changes, a locate and a loop.</summary>
    private static void Traffic(RealtimeEngine engine, int[][] slots, int block)
    {
        if (block == 0)
        {
            engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length / 2));
            engine.RequestTransport(new TransportCommand(TransportAction.Play));
        }
        int t = block % Tracks;
        engine.RequestParameter(slots[t][0], -(block % 24));
        if (block % 7 == 0) engine.RequestParameter(slots[t][1], Math.Sin(block) * 0.9);
        if (block % 11 == 0) engine.RequestParameter(slots[t][2], block % 13 - 6);
        if (block % 50 == 0) engine.RequestParameter(slots[(t + 5) % Tracks][3], block % 100 == 0 ? 1 : 0);
        if (block == 150) engine.RequestTransport(new TransportCommand(TransportAction.Locate, 5000));
    }

    [Fact]
    public void An_engine_with_a_render_team_plays_the_same_samples_and_meters_as_the_audio_thread_alone()
    {
        var (session, media) = StemSession();
        var engines = new[] { 1, 2, 3 }.Select(threads => Engine(session, media, threads)).ToArray();
        try
        {
            Assert.Equal([1, 2, 3], engines.Select(e => e.RenderThreads));
            var outputs = engines.Select(_ => Enumerable.Range(0, 4).Select(_ => new double[Block]).ToArray()).ToArray();
            var meters = engines.Select(e => new double[e.Meters.Snapshot.Length]).ToArray();
            var slots = engines.Select(Slots).ToArray();
            Assert.DoesNotContain(-1, slots[0].SelectMany(s => s));
            for (int block = 0; block < 400; block++)
            {
                for (int e = 0; e < engines.Length; e++)
                {
                    Traffic(engines[e], slots[e], block);
                    engines[e].RtRender(outputs[e], Block);
                    engines[e].Meters.Snapshot.Read(meters[e]);
                }
                for (int e = 1; e < engines.Length; e++)
                {
                    for (int p = 0; p < 4; p++)
                        for (int i = 0; i < Block; i++)
                            Assert.Equal(BitConverter.DoubleToInt64Bits(outputs[0][p][i]), BitConverter.DoubleToInt64Bits(outputs[e][p][i])); // exact bits
                    for (int v = 0; v < meters[0].Length; v++)
                        Assert.Equal(BitConverter.DoubleToInt64Bits(meters[0][v]), BitConverter.DoubleToInt64Bits(meters[e][v])); // exact bits
                }
            }
            Assert.Contains(outputs[0][0], s => s != 0); // the comparison covered sound, not silence
            Assert.Equal((0, 0), engines[0].RenderTeamItems);
            Assert.True(engines[2].RenderTeamItems.Items > 400);
        }
        finally
        {
            foreach (var e in engines) e.Dispose();
        }
    }

    [Fact]
    public void Periods_rendered_by_a_team_allocate_nothing_on_the_audio_thread_or_the_workers()
    {
        var (session, media) = StemSession();
        using var engine = Engine(session, media, 3);
        var outputs = Enumerable.Range(0, 4).Select(_ => new double[Block]).ToArray();
        var slots = Slots(engine);
        int block = 0;
        void Pass()
        {
            for (int k = 0; k < 1000; k++, block++)
            {
                Traffic(engine, slots, block % 400);
                engine.RtRender(outputs, Block);
            }
        }
        // As SteadyStateAllocation, with the engine's count (audio thread and workers, per period) measured beside the
        // calling thread's: two warm passes, then the cheapest of up to three measured ones.
        Pass();
        Pass();
        long best = long.MaxValue;
        for (int attempt = 0; attempt < 3 && best != 0; attempt++)
        {
            long counted = engine.Timing.Read().AllocatedBytes; // (reading the statistics allocates, so before the thread's count)
            long thread = GC.GetAllocatedBytesForCurrentThread();
            Pass();
            thread = GC.GetAllocatedBytesForCurrentThread() - thread;
            best = Math.Min(best, thread + engine.Timing.Read().AllocatedBytes - counted);
        }
        Assert.Equal(0, best); // exact: the audio thread and every worker allocate nothing once warm
        Assert.True(engine.RenderTeamItems.OnWorkers > 0, "the workers ran no item, so the test proved nothing about them");
    }

    [Fact]
    public void Fewer_than_one_render_thread_is_refused_naming_the_option()
    {
        var (session, media) = StemSession();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Engine(session, media, 0));
        Assert.Contains("RenderThreads", e.Message);
    }
}
