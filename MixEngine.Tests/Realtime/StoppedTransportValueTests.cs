using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// Values applied while the transport is stopped (<see cref="RealtimeEngine"/> settles the plan, <see cref="RenderPlan.RtSettle"/>)
/// against values applied while rolling (they ramp). The test thread plays the audio thread: it calls RtRender directly.
/// </summary>
public class StoppedTransportValueTests
{
    private const int Length = 48000, Block = 128;
    private const double Fader = -10, PanX = 0.8, EqGain = 9;

    private static (MixSession Session, InMemoryMedia Media) Session(double faderDb, double panX, double eqGainDb)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("sine.wav"), TestSignals.Sine(Length, 1000));
        var processing = StripProcessing.None with { Eq = [new EqBand(true, EqBandType.Bell, 1000, eqGainDb, 1, 12)] };
        var strip = Strip.Default with { FaderDb = faderDb, Pan = Pan.Default with { X = panX } } with { Processing = processing };
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("t", ChannelLayout.Mono, "pm", strip, clips: SessionBuilder.Clip("sine.wav", 0, Length))
            .Build();
        return (session, media);
    }

    private static RealtimeEngine Engine(MixSession session, InMemoryMedia media) =>
        new(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block);

    private static double[][] Outputs() => [new double[Block], new double[Block]];

    private static int Slot(RealtimeEngine engine, string address) => engine.SlotAddresses.ToList().IndexOf(address);

    private static void SetAll(RealtimeEngine engine)
    {
        engine.RequestParameter(Slot(engine, "track/t/fader"), Fader);
        engine.RequestParameter(Slot(engine, "track/t/pan/x"), PanX);
        engine.RequestParameter(Slot(engine, "track/t/eq/1/gain"), EqGain);
    }

    /// <summary>Renders <paramref name="blocks"/> periods and returns the largest |difference| per sample from the reference engine's periods.</summary>
    private static double LargestDifference(RealtimeEngine engine, RealtimeEngine reference, int blocks)
    {
        double[][] a = Outputs(), b = Outputs();
        double worst = 0;
        for (int k = 0; k < blocks; k++)
        {
            engine.RtRender(a, Block);
            reference.RtRender(b, Block);
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < Block; i++) worst = Math.Max(worst, Math.Abs(a[c][i] - b[c][i]));
        }
        return worst;
    }

    [Fact]
    public void A_fader_pan_and_eq_gain_set_while_stopped_are_in_force_from_the_first_sample_played()
    {
        var (session, media) = Session(0, 0, 0);
        var (target, targetMedia) = Session(Fader, PanX, EqGain);
        using var engine = Engine(session, media);
        using var reference = Engine(target, targetMedia);
        var outputs = Outputs();
        engine.RtRender(outputs, Block);
        SetAll(engine);
        engine.RtRender(outputs, Block); // stopped: the values are applied, nothing renders
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        reference.RequestTransport(new TransportCommand(TransportAction.Play));

        // The reference session holds the same values from the start, so the played samples must be the same from the first
        // one on: same gains, pan gains and EQ design, only evaluated through a different path (1e-12 allows rounding; a
        // fader ramp alone would differ by ~0.3 at the first samples, the EQ glide by ~0.5 over its first 10 ms).
        Assert.InRange(LargestDifference(engine, reference, 20), 0, 1e-12);
    }

    [Fact]
    public void A_fader_pan_and_eq_gain_set_while_rolling_still_ramp_in()
    {
        var (session, media) = Session(0, 0, 0);
        var (target, targetMedia) = Session(Fader, PanX, EqGain);
        using var engine = Engine(session, media);
        using var reference = Engine(target, targetMedia);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        reference.RequestTransport(new TransportCommand(TransportAction.Play));
        LargestDifference(engine, reference, 4);
        SetAll(engine);

        // The first block after the set starts from the old values (0 dB, centre, flat EQ: the 0.5 sine reaches each
        // channel at about 0.35, the reference's left channel gets about a third of that), so it is far from the settled
        // reference; 0.05 is well below that gap and far above rounding. After 120 more periods (320 ms) the fader ramp
        // (one block), the pan ramp and the EQ glide (two 10 ms one-poles in series: within 1e-4 dB after ~150 ms, then
        // snapped) have arrived and the bell's transient has died away: 1e-6.
        Assert.True(LargestDifference(engine, reference, 1) > 0.05, "a value set while rolling must ramp, not jump");
        LargestDifference(engine, reference, 120);
        Assert.InRange(LargestDifference(engine, reference, 4), 0, 1e-6);
    }

    [Fact]
    public void Stopping_setting_and_playing_again_allocates_nothing()
    {
        var (session, media) = Session(0, 0, 0);
        using var engine = Engine(session, media);
        var outputs = Outputs();
        int fader = Slot(engine, "track/t/fader"), gain = Slot(engine, "track/t/eq/1/gain");
        int round = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 50; i++, round++)
            {
                engine.RequestTransport(new TransportCommand(TransportAction.Stop));
                engine.RequestParameter(fader, -(round % 20));
                engine.RequestParameter(gain, round % 12 - 6);
                engine.RtRender(outputs, Block);
                engine.RequestTransport(new TransportCommand(TransportAction.Play));
                engine.RtRender(outputs, Block);
                engine.RtRender(outputs, Block);
            }
        });
        Assert.Equal(0, bytes);
    }
}
