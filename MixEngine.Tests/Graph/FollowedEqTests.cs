using MixEngine.Automation;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;
using EqBandType = MixEngine.Session.EqBandType;

namespace MixEngine.Tests.Graph;

/// <summary>EQ lanes followed by the EQ kernel itself: read at its control periods, no block cuts, same samples for any split.</summary>
public class FollowedEqTests
{
    private const int Length = 12_000;

    private static readonly EqBand Bell = new(true, EqBandType.Bell, 1000, -3, 1, 12);
    private static readonly EqBand Shelf = new(true, EqBandType.HighShelf, 6000, 2, 0.7, 12);

    private static AutomationLane Lane(string address, params AutomationPoint[] points) =>
        new(address, new AutomationCurve(points), AutomationCurve.Empty);

    /// <summary>
    /// <paramref name="tracks"/> mono noise tracks with a bell and a shelf into one mono bus, each with its own lanes on
    /// band 1's gain, frequency and Q and band 2's gain (the first four run as one vector batch, the rest alone).
    /// </summary>
    private static (MixSession Session, InMemoryMedia Media) Session(int tracks, double bellGainDb = -3)
    {
        var media = new InMemoryMedia();
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Mono);
        var lanes = new List<AutomationLane>();
        var strip = Strip.Default with { Processing = StripProcessing.None with { Eq = [Bell with { GainDb = bellGainDb }, Shelf] } };
        for (int t = 0; t < tracks; t++)
        {
            string name = $"t{t}";
            media.Add(SessionBuilder.MediaPath($"{name}.wav"), TestSignals.Noise(Length, seed: 20 + t));
            builder.Track(name, ChannelLayout.Mono, "pm", strip, clips: SessionBuilder.Clip($"{name}.wav", 0, Length));
            lanes.Add(Lane($"track/{name}/eq/1/gain", new(0, -12), new(3000 + 100 * t, 12, SegmentShape.SCurve), new(9000, -6)));
            lanes.Add(Lane($"track/{name}/eq/2/gain", new(1000, 0), new(8000 - 200 * t, -9)));
            if (t % 2 == 0) lanes.Add(Lane($"track/{name}/eq/1/frequency", new(2000, 200), new(7000, 5000)));
            if (t % 3 == 0) lanes.Add(Lane($"track/{name}/eq/1/q", new(500, 0.5), new(6000, 4)));
        }
        var session = builder.Build();
        return (session with { Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(), lanes) }, media);
    }

    [Fact]
    public void Eq_lanes_are_followed_by_the_kernel_and_cut_no_blocks()
    {
        var (session, media) = Session(2);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(1024), media);
        Assert.Equal(session.Automation.Lanes.Count, plan.Automation.FollowedLaneCount);
        Assert.Equal(0, plan.Automation.SteppedLaneCount);
        Assert.Equal(1024, plan.RtBlockLimit(10, 1024));
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(100, 2)]
    [InlineData(1000, 1)]
    [InlineData(1000, 2)]
    public void Eq_lanes_render_bit_identically_for_any_block_size_and_thread_count(int blockSize, int threads)
    {
        var (session, media) = Session(6);
        var reference = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 256)[0];
        var other = PlanCapture.Render(session, media, "pm", 0, Length, blockSize, threads)[0];
        Assert.Equal(reference.Select(BitConverter.DoubleToInt64Bits), other.Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void Offline_render_and_realtime_playback_of_eq_lanes_give_identical_samples()
    {
        var (session, media) = Session(5);
        var offline = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 1024)[0];
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media), [("pm", 0)], 64);
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
    public void A_flat_gain_lane_settles_the_band_where_a_session_holding_that_gain_has_it()
    {
        // The lane holds +9 dB from the start; the session's static gain is -3 dB, so the kernel glides from -3 to +9 over
        // its 10 ms one-poles and then holds. After 200 ms the glide's own transient in the filter state has decayed.
        var (session, media) = Session(1);
        session = session with
        {
            Automation = new SessionAutomation(AutomationSettings.Default, new Dictionary<string, AutomationModeSetting>(),
                [Lane("track/t0/eq/1/gain", new AutomationPoint(0, 9))]),
        };
        var (held, _) = Session(1, bellGainDb: 9);
        held = held with { Automation = SessionAutomation.Empty };
        var followed = PlanCapture.Render(session, media, "pm", 0, Length, blockSize: 128)[0];
        var reference = PlanCapture.Render(held, media, "pm", 0, Length, blockSize: 128)[0];
        for (int t = 9600; t < Length; t++)
            Assert.True(Math.Abs(followed[t] - reference[t]) <= 1e-9, $"sample {t}: {followed[t]} vs {reference[t]}"); // the glide's remainder (< 1e-4 dB, then snapped) and the state's decayed transient
    }

    [Fact]
    public void Blocks_with_eq_lanes_allocate_nothing()
    {
        var (session, media) = Session(5);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(128), media);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (long p = 0; p + 128 <= Length; p += 128) plan.RtRenderBlock(p, 128, null);
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
