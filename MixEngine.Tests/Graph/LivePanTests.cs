using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

public class LivePanTests
{
    private const int Rate = 48000, Block = 256, Length = 24000;
    private const double Amplitude = 0.5, Frequency = 1000;

    private static (MixSession Session, InMemoryMedia Media) SineInto(ChannelLayout track, ChannelLayout bus, Strip strip)
    {
        var media = new InMemoryMedia();
        var sine = TestSignals.Sine(Length, Frequency, Amplitude / track.ChannelCount);
        media.Add(SessionBuilder.MediaPath("sine.wav"), Enumerable.Repeat(sine, track.ChannelCount).ToArray());
        int[] channels = Enumerable.Range(1, track.ChannelCount).ToArray();
        var session = new SessionBuilder().Bus("pm", bus).Track("t", track, "pm", strip, clips: SessionBuilder.Clip("sine.wav", 0, Length, channels)).Build();
        return (session, media);
    }

    [Theory]
    [InlineData("mono", "7.1.2", "pan/x", -1.0, 1.0)]
    [InlineData("mono", "7.1.4", "pan/y", 1.0, -1.0)]
    [InlineData("mono", "9.1.6", "pan/z", 0.0, 1.0)]
    [InlineData("mono", "5.1", "pan/divergence", 0.0, 1.0)]
    [InlineData("mono", "5.1", "pan/lfe", -40.0, 0.0)]
    [InlineData("stereo", "7.1", "pan/rotation", -180.0, 180.0)]
    [InlineData("stereo", "stereo", "pan/width", 0.0, 1.0)]
    [InlineData("mono", "7.1.4", "pan/height", 1.0, 0.0)]
    public void A_pan_sweep_on_a_sine_has_no_discontinuity_above_the_ramp_bound(string trackFormat, string busFormat, string parameter, double from, double to)
    {
        ChannelLayout.TryParse(trackFormat, out var track);
        ChannelLayout.TryParse(busFormat, out var bus);
        var strip = Strip.Default with { Pan = Pan.Default with { X = -0.4, Y = 0.3, Z = 0.5, Width = 0.5, LfeDb = -40 } };
        var (session, media) = SineInto(track, bus, strip);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        var address = plan.Parameter($"track/t/{parameter}");
        var output = new double[bus.ChannelCount][];
        for (int c = 0; c < output.Length; c++) output[c] = new double[Length];
        for (int p = 0; p < Length; p += Block)
        {
            // A 100 ms sweep, one new value per block, as automation or a surface would send it.
            double u = Math.Min(1.0, p / (Rate * 0.1));
            address.RtSet(from + (to - from) * u);
            int n = Math.Min(Block, Length - p);
            plan.RtRenderBlock(p, n, null);
            for (int c = 0; c < output.Length; c++) Array.Copy(plan.Bus("pm").PostFaderBuffers[c], 0, output[c], p, n);
        }

        // y = g·s with |g| ≤ 1 (summed over source channels of amplitude A/channels), s a sine of amplitude A:
        // Δ²y = g·Δ²s + 2·Δg·Δs + s·Δ²g. |Δ²s| ≤ A·ω², |Δs| ≤ A·ω, and a ramp moves any gain by at most 1 over
        // RampLength samples, so |Δg| ≤ 1/R and |Δ²g| ≤ 2/R at a ramp's kink. Bound: A·(ω² + 2ω/R + 2/R), +2 % for
        // rounding. A pan step without the ramp adds A·Δg at once (0.5 × a few 0.01 per block here), well above it.
        double omega = 2 * Math.PI * Frequency / Rate;
        int ramp = (int)Math.Round(RenderPlanBuilder.PanRampSeconds * Rate);
        double bound = 1.02 * Amplitude * (omega * omega + 2 * omega / ramp + 2.0 / ramp);
        double worst = 0;
        for (int c = 0; c < output.Length; c++)
            for (int i = 2; i < Length; i++)
                worst = Math.Max(worst, Math.Abs(output[c][i] - 2 * output[c][i - 1] + output[c][i - 2]));
        Assert.True(worst <= bound, $"{parameter} sweep into {busFormat}: largest second difference {worst:E3} above the bound {bound:E3}");
        Assert.True(output.Any(ch => ch.Skip(Length / 2).Max() > 0.05), "the sweep left the bus silent");
    }

    [Fact]
    public void Every_strip_exposes_its_pan_controls_as_live_parameters()
    {
        var (session, media) = SineInto(ChannelLayout.Stereo, ChannelLayout.Atmos712, Strip.Default);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        foreach (string p in new[] { "x", "y", "z", "width", "rotation", "divergence", "lfe", "height" })
        {
            Assert.True(plan.Parameters.ContainsKey($"track/t/pan/{p}"), $"track/t/pan/{p}");
            Assert.True(plan.Parameters.ContainsKey($"bus/pm/pan/{p}"), $"bus/pm/pan/{p}");
        }
    }

    [Fact]
    public void A_live_pan_move_lands_on_the_gains_the_session_would_give_after_the_ramp()
    {
        var (session, media) = SineInto(ChannelLayout.Mono, ChannelLayout.Surround51, Strip.Default);
        var moved = session with
        {
            Tracks = [session.Tracks[0] with { Strip = Strip.Default with { Pan = Pan.Default with { X = 0.7, Y = -0.2, LfeDb = -6 } } }],
        };
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        plan.Parameter("track/t/pan/x").RtSet(0.7);
        plan.Parameter("track/t/pan/y").RtSet(-0.2);
        plan.Parameter("track/t/pan/lfe").RtSet(-6);
        for (int p = 0; p < 4 * Block; p += Block) plan.RtRenderBlock(p, Block, null);
        var live = plan.Bus("pm").PostFaderBuffers.Select(b => b.ToArray()).ToArray();
        var reference = PlanCapture.Render(moved, media, "pm", 3 * Block, 4 * Block, Block);
        for (int c = 0; c < 6; c++)
            Assert.Equal(reference[c].Select(BitConverter.DoubleToInt64Bits), live[c].Select(BitConverter.DoubleToInt64Bits)); // exact: same held gains
    }

    [Fact]
    public void Moving_every_pan_control_every_block_allocates_nothing_on_the_audio_thread()
    {
        var (session, media) = SineInto(ChannelLayout.Stereo, ChannelLayout.Atmos916, Strip.Default);
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        string[] controls = ["x", "y", "z", "width", "rotation", "divergence", "lfe", "height"];
        var parameters = controls.Select(c => plan.Parameter($"track/t/pan/{c}")).ToArray();
        int block = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int p = 0; p < Length; p += Block, block++)
            {
                double u = (block % 50) / 50.0;
                foreach (var parameter in parameters) parameter.RtSet(u);
                plan.RtRenderBlock(p, Math.Min(Block, Length - p), null);
            }
        });
        Assert.Equal(0, bytes);
    }
}
