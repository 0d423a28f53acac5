using System.Diagnostics;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// The opt-in per-period trace of the realtime engine (<see cref="BlockTrace"/>): the audio thread (here the test
/// thread, calling RtRender) writes one record per period without allocating, with its phases, thread CPU time and the
/// team's waiting; tracing changes no sample.
/// </summary>
public class BlockTraceTests
{
    private const int Length = 48000, Block = 128, Tracks = 8;

    private static (MixSession Session, InMemoryMedia Media) Session()
    {
        var media = new InMemoryMedia();
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Stereo, strip: Strip.Default with { Processing = StripProcessing.None with { Limiter = LimiterSettings.Default } });
        for (int t = 0; t < Tracks; t++)
        {
            media.Add(SessionBuilder.MediaPath($"t{t}.wav"), TestSignals.Noise(Length, seed: t));
            var strip = Strip.Default with { Processing = StripProcessing.None with { Eq = [new EqBand(true, EqBandType.Bell, 400 + 200 * t, 2, 1, 6)] } };
            builder.Track($"t{t}", ChannelLayout.Mono, "pm", strip, clips: SessionBuilder.Clip($"t{t}.wav", 0, Length));
        }
        return (builder.Build(), media);
    }

    private static RealtimeEngine Engine(MixSession session, InMemoryMedia media, int traceCapacity, int threads = 2) =>
        new(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = threads, BlockTraceCapacity = traceCapacity });

    [Fact]
    public void A_traced_engine_keeps_the_newest_periods_with_their_phases_and_cpu_time_and_allocates_nothing()
    {
        var (session, media) = Session();
        using var engine = Engine(session, media, traceCapacity: 100);
        var outputs = new[] { new double[Block], new double[Block] };
        int fader = engine.SlotAddresses.ToList().IndexOf("track/t3/fader");
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 300; block++)
            {
                engine.RequestParameter(fader, -(block % 20));
                engine.RtRender(outputs, Block);
            }
        });
        Assert.Equal(0, bytes);
        var trace = engine.Trace!;
        Assert.True(trace.Periods >= 900, $"{trace.Periods} periods traced"); // at least three passes of 300 (two warm, one measured)
        var records = trace.Records();
        Assert.Equal(100, records.Length); // the ring keeps the newest 100
        for (int i = 0; i < records.Length; i++)
        {
            var r = records[i];
            if (i > 0) Assert.True(r.Start > records[i - 1].Start, "records are oldest first");
            Assert.True(r.Automation > 0 && r.Tracks > 0 && r.BusSums > 0 && r.Meters > 0, $"period {i}: every phase timed");
            Assert.True(r.Controls >= 0 && r.Other >= 0, $"period {i}: parts within the wall time ({r})");
            if (ThreadClock.Available) Assert.True(r.CpuNanoseconds > 0, $"period {i}: CPU time measured");
        }
    }

    [Fact]
    public void Tracing_changes_no_sample()
    {
        var (session, media) = Session();
        using var traced = Engine(session, media, traceCapacity: 16);
        using var plain = Engine(session, media, traceCapacity: 0);
        Assert.Null(plain.Trace);
        var a = new[] { new double[Block], new double[Block] };
        var b = new[] { new double[Block], new double[Block] };
        foreach (var e in new[] { traced, plain }) e.RequestTransport(new TransportCommand(TransportAction.Play));
        for (int block = 0; block < 200; block++)
        {
            traced.RtRender(a, Block);
            plain.RtRender(b, Block);
            for (int c = 0; c < 2; c++) Assert.Equal(b[c], a[c]); // exact: timing reads only
        }
    }

    [Fact]
    public void A_negative_trace_capacity_is_refused_naming_the_option()
    {
        var (session, media) = Session();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Engine(session, media, traceCapacity: -1));
        Assert.Contains("BlockTraceCapacity", e.Message);
    }
}
