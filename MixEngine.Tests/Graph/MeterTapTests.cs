using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph;

/// <summary>A strip's meter tap (<see cref="MeterTap"/>) against sample-by-sample references over the node's own output.</summary>
public class MeterTapTests
{
    [Theory]
    [InlineData(61)]
    [InlineData(64)]
    [InlineData(7)]
    public void Sample_peak_and_RMS_equal_a_sample_by_sample_reference_for_any_block_length(int count)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("n.wav"), TestSignals.Noise(4096, seed: 11));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("n", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("n.wav", 0, 4096)).Build();
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(64), media);
        var node = plan.Tracks[0];
        var tap = new MeterTap(node, "track/n", session.SampleRate);
        double peak = 0, squares = 0;
        long frames = 0;
        for (long position = 0; position < 5 * count; position += count)
        {
            plan.RtRenderBlock(position, count, null);
            tap.RtMeasure(count, truePeak: false, loudness: false);
            foreach (double x in node.PostFaderBuffers[0].AsSpan(0, count))
            {
                peak = Math.Max(peak, Math.Abs(x));
                squares += x * x;
            }
            frames += count;
        }
        var readings = new double[3];
        tap.RtRead(readings);

        Assert.True(peak > 0.1, $"the reference measured a quiet signal ({peak}), so the comparison proves little");
        Assert.Equal(20 * Math.Log10(peak), readings[0], 1e-12); // the largest magnitude is exact in any order; 1e-12 is the log's rounding
        Assert.Equal(10 * Math.Log10(squares / frames), readings[2], 1e-9); // sums in another order differ by rounding only
    }
}
