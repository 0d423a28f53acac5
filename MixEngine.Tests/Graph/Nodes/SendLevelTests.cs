using MixEngine.Automation;
using MixEngine.Devices;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph.Nodes;

/// <summary>Send level and mute as live parameters, and their lanes followed inside the send's gain ramp.</summary>
public class SendLevelTests
{
    private const int Length = 9600, I = AutomationPlayback.PointInterval;

    private static readonly AutomationLane Ramp = Lane("track/t/send/fx/level", new(1000, -20), new(1000 + 4096, 0));

    private static AutomationLane Lane(string address, params AutomationPoint[] points) =>
        new(address, new AutomationCurve(points), AutomationCurve.Empty);

    /// <summary>A track of <paramref name="format"/> playing <paramref name="signal"/> on every channel into bus pm, with a send to bus fx.</summary>
    private static (MixSession Session, InMemoryMedia Media) Session(double[] signal, ChannelLayout format, ChannelLayout fx, Send send, params AutomationLane[] lanes)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("s.wav"), signal);
        var channels = Enumerable.Repeat(1, format.ChannelCount).ToArray();
        var session = new SessionBuilder().Bus("pm", format).Bus("fx", fx)
            .Track("t", format, "pm", sends: [send], clips: SessionBuilder.Clip("s.wav", 0, signal.Length, channels)).Build();
        return (session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), lanes) }, media);
    }

    private static (MixSession Session, InMemoryMedia Media) Mono(double[] signal, params AutomationLane[] lanes) =>
        Session(signal, ChannelLayout.Mono, ChannelLayout.Mono, new Send("fx", -6, SendTap.PostFader, false), lanes);

    private static double[] Dc => Enumerable.Repeat(1.0, Length).ToArray();

    [Fact]
    public void A_send_level_ramp_lane_is_heard_on_the_bus_as_straight_gain_lines_between_update_points()
    {
        var (session, media) = Mono(Dc, Ramp);
        var output = PlanCapture.Render(session, media, "fx", 0, Length, blockSize: 100)[0];
        double pan = BoxPanner.SourceMatrix(ChannelLayout.Mono, ChannelLayout.Mono, PanControls.Default)[0][0];
        double G(long p) => pan * Decibels.ToGain(Ramp.Curve.ValueAt(p));
        for (int t = 0; t < Length; t++)
        {
            long g = t / I * I;
            double expected = G(g) + (t - g) * ((G(g + I) - G(g)) / I);
            Assert.True(Math.Abs(output[t] - expected) <= 1e-15, $"sample {t}: {output[t]} vs {expected}"); // gains ≤ 1: a few roundings
            // Against the curve itself, outside the intervals holding a breakpoint (whose kink the line rounds off): a
            // straight line between exact gains 512 samples apart on a 20 dB / 4096-sample ramp errs by at most
            // (I²/8)·(ln 10 · 20/20/4096)² ≈ 1.04e-2 relative (0.09 dB); 1.1e-2 allowed.
            if (g == 1000 / I * I || g == 5096 / I * I) continue;
            double exact = G(t);
            Assert.True(Math.Abs(output[t] - exact) <= 1.1e-2 * exact, $"sample {t}: {output[t]} vs the curve's {exact}");
        }
        Assert.Equal(Decibels.ToGain(-20) * pan, output[400]); // before the ramp (points 0 and 512 both before it): the lane's first value, not the static −6 dB
    }

    [Fact]
    public void A_20_dB_send_level_step_lane_glides_over_one_interval_without_a_click()
    {
        const double amplitude = 0.5, omega = 2 * Math.PI * 1000 / 48000;
        var step = Lane("track/t/send/fx/level", new(0, -20, SegmentShape.Step), new(4000, 0, SegmentShape.Step));
        var (session, media) = Mono(TestSignals.Sine(Length, 1000, amplitude), step);
        var y = PlanCapture.Render(session, media, "fx", 0, Length, blockSize: 128)[0];
        // y = g·s with g a straight line over the interval holding the step (|Δg| ≤ 0.9/I) and kinks at its ends
        // (|Δ²g| ≤ 0.9/I): |Δ²y| ≤ A·(ω² + 2ω·0.9/I + 0.9/I), +2 % for rounding. Switching the gain in one sample would
        // give a second difference of about 0.9·A, 150 times this bound.
        double bound = 1.02 * amplitude * (omega * omega + 2 * omega * 0.9 / I + 0.9 / I);
        double worst = 0;
        for (int t = 2; t < Length; t++) worst = Math.Max(worst, Math.Abs(y[t] - 2 * y[t - 1] + y[t - 2]));
        Assert.True(worst <= bound, $"largest second difference {worst:E3} above the bound {bound:E3}");
        Assert.Equal(amplitude * 0.1, y.Skip(3200).Take(200).Max(), 3); // −20 dB before (the interval holding the step starts at 3584) (1e-3: the sine's sampled peak)
        Assert.Equal(amplitude, y.Skip(5000).Take(200).Max(), 3); // 0 dB after
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(100, 2)]
    [InlineData(1000, 2)]
    public void Send_lanes_render_bit_identically_for_any_block_size_and_thread_count(int blockSize, int threads)
    {
        var (session, media) = Session(TestSignals.Noise(Length, seed: 9), ChannelLayout.Stereo, ChannelLayout.Surround51,
            new Send("fx", -3, SendTap.PreFader, false), Lane("track/t/send/fx/level", new(0, -30), new(3000, 6, SegmentShape.SCurve), new(8000, -10)),
            Lane("track/t/send/fx/mute", new(0, 0, SegmentShape.Step), new(5000, 1, SegmentShape.Step), new(7000, 0, SegmentShape.Step)));
        var reference = PlanCapture.Render(session, media, "fx", 0, Length, blockSize: 256);
        var other = PlanCapture.Render(session, media, "fx", 0, Length, blockSize, threads);
        for (int c = 0; c < reference.Length; c++)
            Assert.Equal(reference[c].Select(BitConverter.DoubleToInt64Bits), other[c].Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void A_send_level_lane_of_a_multichannel_track_scales_its_channel_conversion()
    {
        var lane = Lane("track/t/send/fx/level", new(0, -12), new(2048, -12, SegmentShape.Step), new(2048 + I, 0));
        var (session, media) = Session(Dc, ChannelLayout.Surround51, ChannelLayout.Surround51, new Send("fx", -40, SendTap.PostFader, false), lane);
        var output = PlanCapture.Render(session, media, "fx", 0, Length, blockSize: 100);
        for (int c = 0; c < 6; c++)
        {
            Assert.Equal(Decibels.ToGain(-12), output[c][1000]); // the identity conversion times the lane, not the static −40 dB
            Assert.Equal(1.0, output[c][5000]);
        }
    }

    [Fact]
    public void Send_lanes_cut_no_blocks_and_are_not_left_unplayed()
    {
        var (session, media) = Mono(Dc, Ramp, Lane("track/t/send/fx/mute", new AutomationPoint(0, 0, SegmentShape.Step)));
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1024), media);
        Assert.Equal(2, plan.Automation.FollowedLaneCount);
        Assert.Empty(plan.Automation.Unplayed);
        Assert.Equal(1024, plan.RtBlockLimit(10, 1024));
        Assert.NotNull(plan.Automation.Cursor("track/t/send/fx/level"));
    }

    [Fact]
    public void A_muted_send_unmuted_live_glides_in_over_the_10_ms_ramp()
    {
        var (session, media) = Session(Dc, ChannelLayout.Mono, ChannelLayout.Mono, new Send("fx", -6, SendTap.PostFader, true));
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(100), media);
        var fx = plan.Bus("fx");
        var output = new double[Length];
        for (int p = 0; p < Length; p += 100)
        {
            if (p == 1000) plan.Parameter("track/t/send/fx/mute").RtSet(0);
            if (p == 5000) plan.Parameter("track/t/send/fx/level").RtSet(0);
            plan.RtRenderBlock(p, 100, null);
            Array.Copy(fx.OutputBuffers[0], 0, output, p, 100);
        }
        int ramp = (int)Math.Round(RenderPlanBuilder.PanRampSeconds * 48000);
        double half = Decibels.ToGain(-6);
        Assert.All(output[..1000], s => Assert.Equal(0.0, s));
        for (int k = 0; k < ramp; k++) Assert.True(Math.Abs(half * (k + 1) / ramp - output[1000 + k]) <= 1e-15, $"sample {1000 + k}"); // a straight line in amplitude (1e-15: two roundings)
        Assert.Equal(half, output[1000 + ramp]);
        Assert.True(Math.Abs(half + (1 - half) * 240 / ramp - output[5000 + 239]) <= 1e-15);
        Assert.Equal(1.0, output[5000 + ramp]);
    }

    [Fact]
    public void Offline_render_and_realtime_playback_of_send_lanes_give_identical_samples()
    {
        var (session, media) = Mono(TestSignals.Noise(Length, seed: 10), Ramp,
            Lane("track/t/send/fx/mute", new(0, 0, SegmentShape.Step), new(6000, 1, SegmentShape.Step)));
        var offline = PlanCapture.Render(session, media, "fx", 0, Length, blockSize: 1000)[0];
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("fx", 0)], 64);
        using var device = new NullClockDevice(48000, 64, NullClockPace.AsFastAsPossible);
        device.Open(engine.PortNames());
        var captured = new double[Length];
        int frames = 0;
        var recorder = new Capture(engine, captured, () => frames, n => Volatile.Write(ref frames, n));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(recorder);
        SpinWait.SpinUntil(() => Volatile.Read(ref frames) >= Length, TimeSpan.FromSeconds(10));
        device.Stop();
        Assert.Equal(Length, Volatile.Read(ref frames));
        Assert.Equal(offline.Select(BitConverter.DoubleToInt64Bits), captured.Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void Blocks_with_send_lanes_allocate_nothing()
    {
        var (session, media) = Session(Dc, ChannelLayout.Stereo, ChannelLayout.Atmos712, new Send("fx", -3, SendTap.PostFader, false), Ramp,
            Lane("track/t/send/fx/mute", new(0, 0, SegmentShape.Step), new(700, 1, SegmentShape.Step)));
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(128), media);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 128 <= Length; p += 128)
            {
                plan.Parameter("track/t/send/fx/level").RtSet(p % 256 == 0 ? -3 : -4);
                plan.RtRenderBlock(p, 128, null);
            }
        });
        Assert.Equal(0, bytes);
    }

    private sealed class Capture(RealtimeEngine engine, double[] captured, Func<int> frames, Action<int> setFrames) : IAudioDeviceCallback
    {
        public void RtRender(double[][] outputs, int count)
        {
            engine.RtRender(outputs, count);
            int done = frames();
            int n = Math.Min(count, captured.Length - done);
            if (n > 0) Array.Copy(outputs[0], 0, captured, done, n);
            setFrames(done + Math.Max(n, 0));
        }
    }
}
