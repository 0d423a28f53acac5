using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class AutomationPlaybackTests
{
    private const int Length = 9600;

    /// <summary>One mono track of constant 1.0 into a mono bus, on a VCA, with the given lanes.</summary>
    private static (MixSession Session, InMemoryMedia Media) DcSession(params AutomationLane[] lanes)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("dc.wav"), Enumerable.Repeat(1.0, Length).ToArray());
        media.Add(SessionBuilder.MediaPath("noise.wav"), TestSignals.Noise(Length, seed: 7));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("dc.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("noise.wav", 0, Length))
            .Vca("v", 0, false, "a")
            .Build();
        return (session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), lanes) }, media);
    }

    private static AutomationLane Lane(string address, params AutomationPoint[] points) =>
        new(address, new AutomationCurve(points), AutomationCurve.Empty);

    private static (MixSession Session, InMemoryMedia Media) DcOnly(params AutomationLane[] lanes)
    {
        var (session, media) = DcSession(lanes);
        return (session with { Tracks = [session.Tracks[0]] }, media);
    }

    [Fact]
    public void A_fader_ramp_from_minus_20_to_0_dB_renders_the_curve_gain_at_every_sample()
    {
        var (session, media) = DcOnly(Lane("track/a/fader", new(1000, -20), new(1000 + 4096, 0)));
        var output = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 100)[0];
        for (int p = 0; p < Length; p++)
        {
            double db = p <= 1000 ? -20 : p >= 5096 ? 0 : -20 + 20.0 * (p - 1000) / 4096;
            double expected = Math.Pow(10, db / 20);
            Assert.True(Math.Abs(output[p] - expected) <= 1e-12 * expected, $"sample {p}: {output[p]} vs {expected}"); // 1e-12 relative: one pow and one interpolation rounding
        }
    }

    [Fact]
    public void A_20_dB_eq_bell_gain_sweep_in_10_ms_renders_without_a_discontinuity()
    {
        const int length = 28_800;
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("sine.wav"), TestSignals.Sine(length, 1000, 1.0));
        var bell = new MixEngine.Session.EqBand(true, EqBandType.Bell, 1000, -10, 1, 12);
        var strip = Strip.Default with { Processing = StripProcessing.None with { Eq = [bell] } };
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", strip, clips: SessionBuilder.Clip("sine.wav", 0, length)).Build();
        session = session with
        {
            Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(),
                [Lane("track/a/eq/1/gain", new(9_600, -10), new(9_600 + 480, 10))]),
        };
        var y = PlanCapture.Render(session, media, "pm", 0, length, blockSize: 100)[0];
        // A 1 kHz sine at the bell's centre keeps its phase at any gain, so the output is a(n)·sin(ωn) with a(n) moving
        // from 10^(-10/20) to 10^(10/20). Its fourth difference is bounded by a·(2 sin(ω/2))⁴ plus terms in the
        // derivatives of a, which a glide over milliseconds keeps small. A click is a kink, which the fourth difference
        // magnifies: switching the bell's coefficients from -10 to +10 dB in one sample gives 30 times the bound here (a
        // direct-form I simulation of the same bell). Threshold: 1.1 × the bound at the loudest amplitude. Checked from
        // 2,400 samples on: the clip's own onset is a kink in the input.
        double w = 2 * Math.Sin(Math.PI * 1000 / 48000.0);
        double bound = 1.1 * Math.Pow(10, 10 / 20.0) * Math.Pow(w, 4);
        double worst = 0;
        for (int n = 2_400; n < length; n++) worst = Math.Max(worst, Math.Abs(y[n] - 4 * y[n - 1] + 6 * y[n - 2] - 4 * y[n - 3] + y[n - 4]));
        Assert.True(worst <= bound, $"largest fourth difference {worst} above {bound}");
        Assert.Equal(Math.Pow(10, -10 / 20.0) / Math.Sqrt(2), Rms(y, 4_800, 9_600), 4); // before: -10 dB at the centre (100 whole periods; 1e-4: the settled bilinear bell)
        Assert.Equal(Math.Pow(10, 10 / 20.0) / Math.Sqrt(2), Rms(y, 24_000, 28_800), 4); // after: +10 dB
    }

    private static double Rms(double[] x, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++) sum += x[i] * x[i];
        return Math.Sqrt(sum / (to - from));
    }

    [Fact]
    public void Trim_and_vca_fader_lanes_multiply_into_the_strip_gain()
    {
        var (session, media) = DcOnly(Lane("track/a/trim", new AutomationPoint(0, -6)), Lane("vca/v/fader", new(0, 0), new(4800, -12)));
        var output = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256)[0];
        for (int p = 0; p < Length; p += 37)
        {
            double vca = p >= 4800 ? -12 : -12.0 * p / 4800;
            double expected = Decibels.ToGain(-6) * Decibels.ToGain(vca);
            Assert.True(Math.Abs(output[p] - expected) <= 1e-12 * expected, $"sample {p}"); // product of two exact gains, 1e-12 relative
        }
    }

    [Fact]
    public void A_mute_lane_fades_over_64_samples_from_the_switch_point()
    {
        var (session, media) = DcOnly(Lane("track/a/mute", new(0, 0, SegmentShape.Step), new(2000, 1, SegmentShape.Step), new(6000, 0, SegmentShape.Step)));
        var output = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 128)[0];
        Assert.Equal(1.0, output[1999]);
        Assert.Equal(1.0 - 1.0 / 64, output[2000], 15);
        Assert.Equal(0.0, output[2063]);
        Assert.Equal(0.0, output[5999]);
        Assert.Equal(1.0 / 64, output[6000], 15);
        Assert.Equal(1.0, output[6063]);
    }

    [Fact]
    public void A_static_mute_of_an_automated_strip_still_silences_it()
    {
        var (session, media) = DcOnly(Lane("track/a/fader", new(0, -3), new(9000, 0)));
        session = session with { Tracks = [session.Tracks[0] with { Strip = Strip.Default with { Mute = true } }] };
        Assert.All(PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256)[0], s => Assert.Equal(0.0, s));
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(100, 1)]
    [InlineData(1000, 2)]
    public void Automated_renders_are_bit_identical_for_any_block_size_and_thread_count(int blockSize, int threads)
    {
        var (session, media) = DcSession(
            Lane("track/a/fader", new(0, -30), new(3000, 6, SegmentShape.SCurve), new(8000, double.NegativeInfinity)),
            Lane("track/b/mute", new(0, 0, SegmentShape.Step), new(4321, 1, SegmentShape.Step)),
            Lane("vca/v/fader", new(500, 0), new(900, -4)));
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256)[0];
        var other = PlanCapture.Render(session, media, "pm", 0, Length, blockSize, threads)[0];
        for (int i = 0; i < Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference[i]), BitConverter.DoubleToInt64Bits(other[i])); // exact bits
    }

    [Fact]
    public void Offline_render_and_realtime_playback_of_an_automated_range_give_identical_samples()
    {
        var (session, media) = DcSession(
            Lane("track/a/fader", new(0, -30), new(3000, 6, SegmentShape.SCurve), new(8000, -10)),
            Lane("track/b/mute", new(0, 0, SegmentShape.Step), new(4321, 1, SegmentShape.Step)));
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256)[0];
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
        using var device = new NullClockDevice(48000, 64, NullClockPace.AsFastAsPossible);
        device.Open(engine.PortNames());
        var captured = new double[Length];
        int frames = 0;
        var recorder = new Capture(engine, captured, () => frames, n => Volatile.Write(ref frames, n));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        device.Start(recorder);
        while (Volatile.Read(ref frames) < Length) Thread.Yield();
        device.Stop();
        for (int i = 0; i < Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(offline[i]), BitConverter.DoubleToInt64Bits(captured[i])); // exact bits
    }

    [Fact]
    public void Blocks_with_automation_playing_allocate_nothing()
    {
        var (session, media) = DcSession(
            Lane("track/a/fader", new(0, -30), new(3000, 6, SegmentShape.SCurve), new(8000, double.NegativeInfinity)) with { Trim = new AutomationCurve([new(0, -3), new(9000, 3)]) },
            Lane("track/b/mute", new(0, 0, SegmentShape.Step), new(4321, 1, SegmentShape.Step)),
            Lane("vca/v/mute", new(0, 0, SegmentShape.Step), new(700, 1, SegmentShape.Step)));
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(128), media);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 128 <= Length; p += 128) plan.RtRenderBlock(p, 128, null);
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Non_gain_lanes_are_set_at_multiples_of_the_interval_and_blocks_are_cut_there()
    {
        var (session, _) = DcSession(Lane("track/a/pan/x", new(0, -1), new(6400, 1)));
        var seen = new List<(long, double)>();
        long blockAt = 0;
        var live = StripResolution.ResolveLive(session, 1024);
        live.Pans.Remove("a"); // the pan stage would follow the lane itself; a spy parameter stands for a stepped one
        live.Parameters["track/a/pan/x"] = new RtAction(v => seen.Add((blockAt, v)));
        var playback = AutomationPlayback.Build(session, live, 1024);
        const int I = AutomationPlayback.Interval;
        Assert.Equal(1, playback.SteppedLaneCount);
        Assert.Equal(I - 10, playback.RtBlockLimit(10, 1024));
        Assert.Equal(I, playback.RtBlockLimit(2 * I, 1024));
        Assert.Equal(20, playback.RtBlockLimit(I, 20));
        foreach (long p in new long[] { 0, I, I + 36 })
        {
            blockAt = p;
            playback.RtBeginBlock(p, 20);
        }
        Assert.Equal([(0L, -1.0), ((long)I, -1 + 2.0 * I / 6400), (I + 36L, -1 + 2.0 * I / 6400)], seen); // I + 36 still reads the grid point I
    }

    [Fact]
    public void Lanes_in_off_mode_and_lanes_without_a_live_parameter_are_not_played()
    {
        var (session, _) = DcSession(Lane("track/a/fader", new AutomationPoint(0, -30)) with { Mode = new AutomationModeSetting(AutomationMode.Off) },
            Lane("track/a/pan/x", new AutomationPoint(0, 1)));
        var live = StripResolution.ResolveLive(session, 64);
        live.Parameters.Remove("track/a/pan/x"); // as in a plan that cannot drive the pan live
        live.Pans.Remove("a");
        var playback = AutomationPlayback.Build(session, live, 64);
        Assert.Equal(0, playback.GainLaneCount);
        Assert.Equal(["track/a/pan/x"], playback.Unplayed);
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
