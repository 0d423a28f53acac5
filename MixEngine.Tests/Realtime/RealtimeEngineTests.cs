using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public class RealtimeEngineTests
{
    private const int Length = 4800;

    private static (MixSession Session, InMemoryMedia Media) SineSession()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(Length, 440));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Noise(Length, seed: 3));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("b.wav", 100, Length - 200))
            .Build();
        return (session, media);
    }

    /// <summary>Copies the first <c>Length</c> frames the engine plays into arrays, on the device thread, without allocating.</summary>
    private sealed class Recorder(RealtimeEngine engine, int ports) : IAudioDeviceCallback
    {
        public readonly double[][] Captured = Enumerable.Range(0, ports).Select(_ => new double[Length]).ToArray();
        public int Frames;

        public void RtRender(double[][] outputs, int frames)
        {
            engine.RtRender(outputs, frames);
            int n = Math.Min(frames, Length - Frames);
            for (int p = 0; p < ports && n > 0; p++) Array.Copy(outputs[p], 0, Captured[p], Frames, n);
            Volatile.Write(ref Frames, Frames + Math.Max(n, 0));
        }
    }

    [Fact]
    public void Playing_through_the_null_device_gives_the_same_samples_as_an_offline_render()
    {
        var (session, media) = SineSession();
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256);
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0), ("pm", 1)], 64);
        using var device = new NullClockDevice(48000, 64, NullClockPace.AsFastAsPossible);
        device.Open(engine.PortNames());
        var recorder = new Recorder(engine, 2);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(recorder);
        while (Volatile.Read(ref recorder.Frames) < Length) Thread.Yield();
        device.Stop();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(offline[c][i]), BitConverter.DoubleToInt64Bits(recorder.Captured[c][i])); // exact bits
        Assert.Equal(["pm.L", "pm.R"], engine.PortNames());
    }

    [Fact]
    public void Blocks_with_parameter_and_transport_traffic_allocate_nothing()
    {
        var (session, media) = SineSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(128), media), [("pm", 0), ("pm", 1)], 128);
        var outputs = new[] { new double[128], new double[128] };
        int fader = engine.SlotAddresses.ToList().IndexOf("track/a/fader");
        int mute = engine.SlotAddresses.ToList().IndexOf("track/b/mute");
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, Length));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 2000; block++)
            {
                engine.RequestParameter(fader, -(block % 30));
                if (block % 50 == 0) engine.RequestParameter(mute, block % 100 == 0 ? 1 : 0);
                if (block % 400 == 0) engine.RequestTransport(new TransportCommand(TransportAction.Locate, block % 4000));
                engine.RtRender(outputs, 128);
            }
        });
        Assert.Equal(0, bytes);
        Assert.True(engine.Timing.Read().Blocks >= 6000);
    }

    [Fact]
    public void A_fader_request_reaches_the_output_at_the_next_block()
    {
        var (session, media) = SineSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
        var outputs = new[] { new double[64] };
        engine.RequestParameter(engine.SlotAddresses.ToList().IndexOf("track/a/fader"), double.NegativeInfinity);
        engine.RequestParameter(engine.SlotAddresses.ToList().IndexOf("track/b/mute"), 1);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(outputs, 64); // ramps down
        engine.RtRender(outputs, 64);
        Assert.All(outputs[0], s => Assert.Equal(0.0, s)); // exact: fader at −∞ and the other track muted
    }

    [Fact]
    public void The_transport_snapshot_carries_position_state_loop_and_timecode()
    {
        var (session, media) = SineSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
        var outputs = new[] { new double[64] };
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 48000));
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 48000, 96000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(outputs, 64);
        var t = engine.ReadTransport();
        Assert.Equal(TransportState.Playing, t.State);
        Assert.Equal(48064, t.Position);
        Assert.Equal(new LoopRange(48000, 96000), t.Loop);
        Assert.Equal("01:00:01:00", t.Timecode.ToString());
        Assert.Equal(1, t.BlocksRendered);
    }

    [Fact]
    public void An_installed_plan_is_swapped_in_at_the_next_block_and_the_old_one_is_disposed_off_the_audio_thread()
    {
        var (session, media) = SineSession();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
        var outputs = new[] { new double[64] };
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(outputs, 64);
        Assert.Contains(outputs[0], s => s != 0.0);
        var silent = session with { Tracks = session.Tracks.Select(t => t with { Strip = t.Strip with { Mute = true } }).ToArray() };
        int readersBefore = media.OpenReaders;
        engine.Install(RenderPlanBuilder.Build(silent, new RenderPlanOptions(64), media));
        Assert.False(engine.CollectRetired());
        engine.RtRender(outputs, 64);
        Assert.All(outputs[0], s => Assert.Equal(0.0, s)); // exact: the new plan mutes every track
        Assert.True(engine.CollectRetired());
        Assert.Equal(readersBefore, media.OpenReaders); // the old plan's readers were closed, the new plan's are open
    }
    [Fact]
    public void A_sine_on_an_unchanged_track_is_sample_continuous_across_a_structural_swap()
    {
        var (session, media) = SineSession();
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 64);
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
        var outputs = new[] { new double[64] };
        var played = new double[Length];
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        // The edit adds a bus and a track feeding it while playing; the tracks feeding pm are unchanged.
        var edited = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("fx", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("b.wav", 100, Length - 200))
            .Track("c", ChannelLayout.Mono, "fx", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Build();
        for (int block = 0; block * 64 < Length; block++)
        {
            if (block == 20) engine.Install(RenderPlanBuilder.Build(edited, new RenderPlanOptions(64), media));
            engine.RtRender(outputs, 64);
            Array.Copy(outputs[0], 0, played, block * 64, 64);
        }
        Assert.True(engine.CollectRetired());
        for (int i = 0; i < Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference[0][i]), BitConverter.DoubleToInt64Bits(played[i])); // exact bits through the swap at sample 1280
    }
}
