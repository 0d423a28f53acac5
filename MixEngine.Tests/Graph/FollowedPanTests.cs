using MixEngine.Automation;
using MixEngine.Devices;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>Pan lanes played by the pan stage itself: speaker gains at the update points, straight lines in between, no block cuts.</summary>
public class FollowedPanTests
{
    private const int Length = 9600, I = AutomationPlayback.PointInterval;

    private static readonly AutomationLane X = Lane("track/t/pan/x", new(0, -1), new(6400, 1));
    private static readonly AutomationLane Y = Lane("track/t/pan/y", new(0, 1), new(3000, -0.5, SegmentShape.SCurve), new(9000, 0.2));

    private static AutomationLane Lane(string address, params AutomationPoint[] points) =>
        new(address, new AutomationCurve(points), AutomationCurve.Empty);

    /// <summary>One mono track playing <paramref name="signal"/> into a 5.1 bus, with the given lanes.</summary>
    private static (MixSession Session, InMemoryMedia Media) Session(double[] signal, ChannelLayout bus, params AutomationLane[] lanes)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), signal);
        var session = new SessionBuilder().Bus("pm", bus).Track("t", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("s.wav", 0, signal.Length)).Build();
        return (session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), lanes) }, media);
    }

    private static double[] Dc => Enumerable.Repeat(1.0, Length).ToArray();

    private static double[][] GainsAt(long position, params AutomationLane[] lanes)
    {
        var controls = PanControls.Default;
        foreach (var lane in lanes)
        {
            double v = lane.Curve.ValueAt(position);
            controls = lane.Address.EndsWith("/x") ? controls with { X = v } : controls with { Y = v };
        }
        return BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Surround51, controls);
    }

    [Fact]
    public void A_pan_lane_moves_the_speaker_gains_in_straight_lines_between_update_points()
    {
        var (session, media) = Session(Dc, ChannelLayout.Surround51, X, Y);
        var output = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 100);
        for (int t = 0; t < Length; t++)
        {
            long g = t / I * I;
            var from = GainsAt(g, X, Y);
            var to = GainsAt(g + I, X, Y);
            for (int c = 0; c < 6; c++)
            {
                double expected = from[c][0] + (t - g) * ((to[c][0] - from[c][0]) / I);
                Assert.True(Math.Abs(output[c][t] - expected) <= 1e-15, $"channel {c} sample {t}: {output[c][t]} vs {expected}"); // gains ≤ 1: a few roundings
            }
        }
    }

    [Fact]
    public void A_pan_lane_that_holds_still_renders_the_bits_of_the_static_pan_at_its_value()
    {
        // Equal update points copy the gains of the point before them; the held gains then sum as a fixed matrix does.
        // Into 7.1.2 the source at (0.3, 0.4) feeds four of ten channels, so the silent channels are skipped as well.
        var signal = TestSignals.Noise(Length, seed: 9);
        var held = new[] { Lane("track/t/pan/x", new(0, 0.3), new(5000, 0.3)), Lane("track/t/pan/y", new AutomationPoint(0, 0.4)) };
        var (laned, media) = Session(signal, ChannelLayout.Atmos712, held);
        var (plain, _) = Session(signal, ChannelLayout.Atmos712);
        var track = plain.Tracks[0];
        plain = plain with { Tracks = [track with { Strip = track.Strip with { Pan = track.Strip.Pan with { X = 0.3, Y = 0.4 } } }] };
        var expected = PlanCapture.Render(plain, media, "pm", 0, Length, blockSize: 300);
        var output = PlanCapture.Render(laned, media, "pm", 0, Length, blockSize: 300);
        for (int c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c].Select(BitConverter.DoubleToInt64Bits), output[c].Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(100, 2)]
    [InlineData(1000, 2)]
    public void Pan_lanes_render_bit_identically_for_any_block_size_and_thread_count(int blockSize, int threads)
    {
        var (session, media) = Session(TestSignals.Noise(Length, seed: 5), ChannelLayout.Surround51, X, Y);
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256);
        var other = PlanCapture.Render(session, media, "pm", 0, Length, blockSize, threads);
        for (int c = 0; c < 6; c++)
            Assert.Equal(reference[c].Select(BitConverter.DoubleToInt64Bits), other[c].Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void Pan_lanes_cut_no_blocks()
    {
        var (session, media) = Session(Dc, ChannelLayout.Surround51, X, Y);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1024), media);
        Assert.Equal(2, plan.Automation.FollowedLaneCount);
        Assert.Equal(0, plan.Automation.SteppedLaneCount);
        Assert.Equal(1024, plan.RtBlockLimit(10, 1024));
    }

    [Fact]
    public void Offline_render_and_realtime_playback_of_pan_lanes_give_identical_samples()
    {
        var (session, media) = Session(TestSignals.Noise(Length, seed: 6), ChannelLayout.Stereo, X);
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 1000);
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0), ("pm", 1)], 64);
        using var device = new NullClockDevice(48000, 64, NullClockPace.AsFastAsPossible);
        device.Open(engine.PortNames());
        var captured = new[] { new double[Length], new double[Length] };
        int frames = 0;
        var recorder = new Capture(engine, captured, () => frames, n => Volatile.Write(ref frames, n));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(recorder);
        SpinWait.SpinUntil(() => Volatile.Read(ref frames) >= Length, TimeSpan.FromSeconds(10));
        device.Stop();
        Assert.Equal(Length, Volatile.Read(ref frames));
        for (int c = 0; c < 2; c++)
            Assert.Equal(offline[c].Select(BitConverter.DoubleToInt64Bits), captured[c].Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void A_live_value_taken_between_blocks_moves_the_next_new_update_point_without_a_jump()
    {
        var (session, media) = Session(Dc, ChannelLayout.Surround51, X);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(100), media);
        var bus = plan.Bus("pm");
        var output = new double[6][];
        for (int c = 0; c < 6; c++) output[c] = new double[Length];
        for (int p = 0; p < Length; p += 100)
        {
            // At 1000 the mixer grabs the pan and throws it right: block [1000, 1100) already holds points 512 and 1024 from
            // the block before, so the first point the move reaches is 1536.
            if (p == 1000) plan.Automation.Cursor("track/t/pan/x")!.RtTake(p, 1.0, trim: false, touched: true);
            plan.RtRenderBlock(p, 100, null);
            for (int c = 0; c < 6; c++) Array.Copy(bus.OutputBuffers[c], 0, output[c], p, 100);
        }
        var right = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Surround51, PanControls.Default with { X = 1 });
        for (int c = 0; c < 6; c++)
        {
            // Gains in [0, 1] move in straight lines between points I apart: no step between samples exceeds 1/I (+1e-15 rounding).
            for (int t = 1; t < Length; t++) Assert.True(Math.Abs(output[c][t] - output[c][t - 1]) <= 1.0 / I + 1e-15, $"channel {c} sample {t}");
            for (int t = 1536; t < Length; t++) Assert.Equal(right[c][0], output[c][t]); // exactly the live value's gains
        }
    }

    [Fact]
    public void A_pan_lane_sweep_on_a_sine_has_no_discontinuity_above_the_interpolation_bound()
    {
        const double amplitude = 0.5, omega = 2 * Math.PI * 1000 / 48000;
        var (session, media) = Session(TestSignals.Sine(Length, 1000, amplitude), ChannelLayout.Atmos712,
            Lane("track/t/pan/x", new(0, -1), new(4800, 1)), Lane("track/t/pan/y", new(2400, 1), new(2400 + 480, -1)));
        var output = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 128);
        // y = g·s, g linear between points I apart with |Δg| ≤ 1/I and |Δ²g| ≤ 2/I at a point: |Δ²y| ≤ A·(ω² + 2ω/I + 2/I),
        // +2 % for rounding (the live-ramp bound of LivePanTests with the ramp length I).
        double bound = 1.02 * amplitude * (omega * omega + 2 * omega / I + 2.0 / I);
        double worst = 0;
        foreach (var channel in output)
            for (int t = 2; t < Length; t++) worst = Math.Max(worst, Math.Abs(channel[t] - 2 * channel[t - 1] + channel[t - 2]));
        Assert.True(worst <= bound, $"largest second difference {worst:E3} above the bound {bound:E3}");
    }

    [Fact]
    public void Blocks_with_pan_lanes_allocate_nothing()
    {
        var (session, media) = Session(Dc, ChannelLayout.Atmos712, X, Y);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(128), media);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 128 <= Length; p += 128) plan.RtRenderBlock(p, 128, null);
        });
        Assert.Equal(0, bytes);
    }

    private sealed class Capture(RealtimeEngine engine, double[][] captured, Func<int> frames, Action<int> setFrames) : IAudioDeviceCallback
    {
        public void RtRender(double[][] outputs, int count)
        {
            engine.RtRender(outputs, count);
            int done = frames();
            int n = Math.Min(count, captured[0].Length - done);
            if (n > 0)
                for (int c = 0; c < captured.Length; c++) Array.Copy(outputs[c], 0, captured[c], done, n);
            setFrames(done + Math.Max(n, 0));
        }
    }
}
