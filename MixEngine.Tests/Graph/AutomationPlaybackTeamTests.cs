using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>
/// Gain lanes filled by their own strips on the render team (<see cref="AutomationPlayback"/>): realtime engines with
/// one and three render threads play S-curve, trim, −∞, mute and VCA lanes and a live Touch pass on one fader; the test
/// thread plays the audio thread (it calls RtRender), the team's workers are real threads.
/// </summary>
public class AutomationPlaybackTeamTests
{
    private const int Length = 48_000, Block = 128, Tracks = 8, TouchBlock = 100;

    private static AutomationLane Lane(string address, params AutomationPoint[] points) => new(address, new AutomationCurve(points), AutomationCurve.Empty);

    private static readonly AutomationCurve SoloFader = new([new(0, -20, SegmentShape.SCurve), new(Length, 0)]);

    /// <summary>Track t0 (DC 1.0, alone on bus "solo") and seven noise tracks on "pm", every track with lanes.</summary>
    private static (MixSession Session, InMemoryMedia Media) LaneSession()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("dc.wav"), Enumerable.Repeat(1.0, Length).ToArray());
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("solo", ChannelLayout.Mono)
            .Track("t0", ChannelLayout.Mono, "solo", clips: SessionBuilder.Clip("dc.wav", 0, Length));
        var lanes = new List<AutomationLane> { new("track/t0/fader", SoloFader, AutomationCurve.Empty) };
        for (int t = 1; t < Tracks; t++)
        {
            media.Add(SessionBuilder.MediaPath($"n{t}.wav"), TestSignals.Noise(Length, seed: t));
            builder = builder.Track($"t{t}", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip($"n{t}.wav", 0, Length));
            var main = new AutomationCurve([new(1_000 * t, -30, SegmentShape.SCurve), new(20_000 + 1_000 * t, 6), new(30_000, double.NegativeInfinity), new(40_000, -10)]);
            var trim = t % 2 == 0 ? new AutomationCurve([new(0, -6, SegmentShape.SCurve), new(Length, 3)]) : AutomationCurve.Empty;
            lanes.Add(new AutomationLane($"track/t{t}/fader", main, trim));
        }
        lanes.Add(Lane("track/t3/mute", new(0, 0, SegmentShape.Step), new(12_345, 1, SegmentShape.Step), new(23_456, 0, SegmentShape.Step)));
        lanes.Add(Lane("vca/v/fader", new(0, 0), new(24_000, -12, SegmentShape.SCurve), new(36_000, 0)));
        var session = builder.Vca("v", 0, false, "t5", "t6").Build();
        return (session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), lanes) }, media);
    }

    private static RealtimeEngine Engine(MixSession session, InMemoryMedia media, int threads)
    {
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("solo", 0)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = threads });
        engine.LivePass.SetBehaviour(Fader(engine), PassBehaviour.Touch, trim: false);
        return engine;
    }

    private static int Fader(RealtimeEngine engine) => engine.SlotAddresses.ToList().IndexOf("track/t0/fader");

    /// <summary>A touch of t0's fader to −6 dB at <see cref="TouchBlock"/>, a move to −3 dB 50 blocks later, a release 50 after that.</summary>
    private static void Traffic(RealtimeEngine engine, int fader, int block)
    {
        var client = new ControlClientId(1);
        if (block % 375 == TouchBlock) engine.RequestTouch(fader, client, true, -6);
        if (block % 375 == TouchBlock + 50) engine.RequestParameter(fader, -3);
        if (block % 375 == TouchBlock + 100) engine.RequestTouch(fader, client, false, 0);
    }

    [Fact]
    public void Lanes_and_a_live_touch_play_the_same_samples_on_a_render_team_as_on_the_audio_thread_alone()
    {
        var (session, media) = LaneSession();
        var engines = new[] { 1, 3 }.Select(threads => Engine(session, media, threads)).ToArray();
        try
        {
            var outputs = engines.Select(_ => new[] { new double[Block], new double[Block] }).ToArray();
            var faders = engines.Select(Fader).ToArray();
            foreach (var e in engines) e.RequestTransport(new TransportCommand(TransportAction.Play));
            var solo = new double[Length];
            for (int block = 0; block < Length / Block; block++)
            {
                for (int e = 0; e < engines.Length; e++)
                {
                    Traffic(engines[e], faders[e], block);
                    engines[e].RtRender(outputs[e], Block);
                }
                for (int p = 0; p < 2; p++)
                    for (int i = 0; i < Block; i++)
                        Assert.Equal(BitConverter.DoubleToInt64Bits(outputs[0][p][i]), BitConverter.DoubleToInt64Bits(outputs[1][p][i])); // exact bits
                outputs[1][1].CopyTo(solo, block * Block);
            }
            Assert.True(engines[1].RenderTeamItems.OnWorkers > 0, "the workers ran no item, so the test proved nothing about them");
            Assert.Contains(outputs[0][0], s => s != 0); // the comparison covered sound, not silence
            // On the team, the touch takes effect at the block it was requested for: the curve up to its first sample, the
            // live value after the 64-sample ramp from there. 1e-12 relative: the mono bus's pan and one pow.
            long touched = (long)TouchBlock * Block;
            double before = Decibels.ToGain(SoloFader.ValueAt(touched - 1)), live = Decibels.ToGain(-6);
            Assert.True(Math.Abs(solo[touched - 1] - before) <= 1e-12 * before, $"before the touch: {solo[touched - 1]} vs the curve's {before}");
            Assert.True(Math.Abs(solo[touched + RtLaneCursor.SwitchRampSamples - 1] - live) <= 1e-12 * live, $"after the ramp: {solo[touched + 63]} vs {live}");
            Assert.True(solo[touched + 10] > before && solo[touched + 10] < live, "the ramp moves from the curve (about −17 dB) up to the live value");
        }
        finally
        {
            foreach (var e in engines) e.Dispose();
        }
    }

    [Fact]
    public void Lanes_filled_on_the_team_allocate_nothing_on_the_audio_thread_or_the_workers()
    {
        var (session, media) = LaneSession();
        using var engine = Engine(session, media, 3);
        var outputs = new[] { new double[Block], new double[Block] };
        int fader = Fader(engine);
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        int block = 0;
        void Pass()
        {
            for (int k = 0; k < 1000; k++, block++)
            {
                Traffic(engine, fader, block);
                engine.RtRender(outputs, Block);
                while (engine.TryTakeMove(out _)) { }
            }
        }
        // As RealtimeRenderTeamTests: two warm passes (every lane shape and the live pass played), then the cheapest of up
        // to three measured ones, counting the calling thread and the engine's count of the audio thread and workers.
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
        Assert.Equal(0, best); // exact: nothing allocates once warm
        Assert.True(engine.RenderTeamItems.OnWorkers > 0, "the workers ran no item, so the test proved nothing about them");
    }
}
