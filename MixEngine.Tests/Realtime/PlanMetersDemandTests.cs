using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// Meters on demand (<see cref="RealtimeEngineOptions.MetersOnDemand"/>): true peak and loudness run only for strips
/// whose readings of that kind someone reads, and always for printed buses; sample peak and RMS always.
/// </summary>
public class PlanMetersDemandTests
{
    private const int Block = 128, Length = 48000 * 2;

    // Tracks "a" (sine, −20 dBFS) and "b" (noise) into stem "dx" (not printed) into printed bus "pm".
    private static RealtimeEngine Engine(bool onDemand)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(Length, 997, 0.1));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Noise(Length, seed: 5));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Stereo, "pm")
            .Track("a", ChannelLayout.Mono, "dx", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "dx", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Print("pm", "pm.wav")
            .Build();
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = 1, MetersOnDemand = onDemand });
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        return engine;
    }

    private static void Render(RealtimeEngine engine, int periods)
    {
        var outputs = new[] { new double[Block], new double[Block] };
        for (int i = 0; i < periods; i++) engine.RtRender(outputs, Block);
    }

    private static int Strip(PlanMeters meters, string name) => Enumerable.Range(0, meters.StripCount).First(s => meters.StripName(s) == name);

    [Fact]
    public void Strips_nobody_reads_measure_peak_and_rms_only_while_printed_buses_measure_everything()
    {
        using var engine = Engine(onDemand: true);
        Render(engine, 200); // 533 ms: the printmaster's momentary window (400 ms) is full
        var meters = engine.Meters;
        int a = Strip(meters, "track/a"), dx = Strip(meters, "bus/dx"), pm = Strip(meters, "bus/pm");
        Assert.False(meters.MeasuresTruePeak(a) || meters.MeasuresLoudness(a) || meters.MeasuresTruePeak(dx) || meters.MeasuresLoudness(dx));
        Assert.True(meters.MeasuresTruePeak(pm) && meters.MeasuresLoudness(pm));
        var values = new double[meters.Snapshot.Length];
        Assert.True(meters.Snapshot.TryRead(values));
        int o = meters.StripOffset(a);
        Assert.Equal(-20.0, values[o + PlanMeters.StripHeaderLength], 0.01); // sample peak still measured (997 Hz: crest within 0.01 dB)
        Assert.Equal(values[o + PlanMeters.StripHeaderLength], values[o + PlanMeters.StripHeaderLength + 1]); // true peak not measured: reads the sample peak
        Assert.Equal(double.NegativeInfinity, values[o]); // momentary loudness not measured
        Assert.True(double.IsFinite(values[meters.StripOffset(pm)]), "the printmaster's momentary loudness is measured");
    }

    [Fact]
    public void Reading_a_strips_true_peak_or_loudness_switches_it_on_until_nobody_has_read_it_for_the_hold_time()
    {
        using var engine = Engine(onDemand: true);
        Render(engine, 2);
        var readings = new MeterReadings(engine.Meters);
        readings.Refresh();
        int a = Strip(engine.Meters, "track/a"), b = Strip(engine.Meters, "track/b");
        readings.TruePeakDb(a, 0);
        readings.MomentaryLufs(b);
        Render(engine, 1);
        Assert.True(engine.Meters.MeasuresTruePeak(a));
        Assert.False(engine.Meters.MeasuresLoudness(a));
        Assert.True(engine.Meters.MeasuresLoudness(b));
        Assert.False(engine.Meters.MeasuresTruePeak(b));
        // Half a second later b's momentary window (400 ms) is full of noise and published: a finite loudness.
        Render(engine, 48000 / 2 / Block);
        Assert.True(readings.Refresh());
        Assert.True(double.IsFinite(readings.MomentaryLufs(b)));
        // Nobody reads for longer than the hold: both parts stop (the hold counts publications of 1/30 s).
        Render(engine, (int)(PlanMeters.DemandHold.TotalSeconds * 48000 / Block) + 2 * 48000 / 30 / Block + 2);
        Assert.False(engine.Meters.MeasuresTruePeak(a));
        Assert.False(engine.Meters.MeasuresLoudness(b));
    }

    [Fact]
    public void Without_demand_every_strip_is_measured_fully_and_on_demand_readings_equal_full_ones_while_read()
    {
        using var full = Engine(onDemand: false);
        using var onDemand = Engine(onDemand: true);
        var readings = new MeterReadings(onDemand.Meters);
        int a = Strip(onDemand.Meters, "track/a");
        // Read a's true peak before the first block, so it is measured from the start like the full engine's.
        readings.TruePeakDb(a, 0);
        Render(full, 200);
        Render(onDemand, 200);
        Assert.True(Enumerable.Range(0, full.Meters.StripCount).All(s => full.Meters.MeasuresTruePeak(s) && full.Meters.MeasuresLoudness(s)));
        var expected = new double[full.Meters.Snapshot.Length];
        Assert.True(full.Meters.Snapshot.TryRead(expected));
        Assert.True(readings.Refresh());
        Assert.Equal(expected[full.Meters.StripOffset(a) + PlanMeters.StripHeaderLength + 1], readings.TruePeakDb(a, 0)); // exact: the same detector over the same samples
    }

    [Fact]
    public void Metering_on_demand_allocates_nothing()
    {
        using var engine = Engine(onDemand: true);
        var readings = new MeterReadings(engine.Meters);
        int a = Strip(engine.Meters, "track/a");
        var outputs = new[] { new double[Block], new double[Block] };
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                if (i % 100 == 0) readings.TruePeakDb(a, 0);
                engine.RtRender(outputs, Block);
            }
        });
        Assert.Equal(0, bytes);
    }
}
