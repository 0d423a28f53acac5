using MixEngine.Automation;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph.Nodes;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph.Nodes;

public class PanRampTests
{
    private const int Ramp = 100;

    private static (PanStage Stage, PanRamp Ramp) Create(ChannelLayout destination, int sources = 1, double level = 1.0) 
    {
        var stage = new PanStage(PanControls.Default with { X = -1 });
        return (stage, new PanRamp(new BoxPanner(destination), stage, sources, level, Ramp));
    }

    /// <summary>Runs blocks of <paramref name="block"/> samples of a constant-1 mono source into one destination channel.</summary>
    private static double[] Render(PanRamp ramp, int channel, int length, int block, Action<int>? beforeBlock = null)
    {
        var source = new[] { Enumerable.Repeat(1.0, length).ToArray() };
        var output = new double[length];
        var window = new[] { new double[block] };
        for (int p = 0; p < length; p += block)
        {
            int n = Math.Min(block, length - p);
            beforeBlock?.Invoke(p);
            ramp.RtBeginBlock(p, n);
            Array.Copy(source[0], p, window[0], 0, n);
            ramp.RtAccumulate(window, channel, output.AsSpan(p, n));
        }
        return output;
    }

    [Fact]
    public void A_pan_that_never_moves_sums_exactly_as_the_fixed_matrix()
    {
        var stage = new PanStage(PanControls.Default with { X = 0.3, Y = -0.4, Width = 0.6 });
        var ramp = new PanRamp(new BoxPanner(ChannelLayout.Surround51), stage, 2, Decibels.ToGain(-7), Ramp);
        var matrix = BoxPanner.SourceMatrix(ChannelLayout.Stereo, ChannelLayout.Surround51, stage.Controls);
        var sources = new[] { TestSignals.Noise(64, seed: 1), TestSignals.Noise(64, seed: 2) };
        for (int d = 0; d < 6; d++)
        {
            var expected = new double[64];
            for (int s = 0; s < 2; s++)
                if (matrix[d][s] != 0) MixSum.RtAccumulate(sources[s], expected, matrix[d][s] * Decibels.ToGain(-7));
            var actual = new double[64];
            ramp.RtBeginBlock(0, 64);
            ramp.RtAccumulate(sources, d, actual);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits)); // exact bits
        }
    }

    [Fact]
    public void A_pan_move_glides_in_a_straight_line_to_the_new_gains_over_the_ramp_length()
    {
        var (stage, ramp) = Create(ChannelLayout.Stereo);
        stage.RtSetX(1);
        var left = Render(ramp, 0, 300, 64);
        for (int k = 1; k <= Ramp; k++)
            Assert.Equal(1.0 - (double)k / Ramp, left[k - 1], 1e-15); // 1e-15: one division and one multiply-add in double
        Assert.All(left[(Ramp - 1)..], g => Assert.Equal(0.0, g)); // exact: the ramp ends on the target and holds
    }

    [Fact]
    public void The_ramp_gives_the_same_samples_for_any_block_size()
    {
        double[] Run(int block)
        {
            var (stage, ramp) = Create(ChannelLayout.Lcr);
            return Render(ramp, 2, 400, block, p =>
            {
                if (p == 0) stage.RtSetX(0.6);
                if (p == 140) stage.RtSetX(-0.2);
            });
        }
        var reference = Run(20);
        foreach (int block in new[] { 1, 7, 10, 35, 140 })
            Assert.Equal(reference.Select(BitConverter.DoubleToInt64Bits), Run(block).Select(BitConverter.DoubleToInt64Bits)); // exact bits
    }

    [Fact]
    public void A_move_during_a_ramp_starts_a_new_ramp_from_the_gain_reached()
    {
        var (stage, ramp) = Create(ChannelLayout.Stereo);
        var left = Render(ramp, 0, 300, 50, p =>
        {
            if (p == 0) stage.RtSetX(1);
            if (p == 50) stage.RtSetX(-1);
        });
        // Halfway down (0.5 after 50 samples), then back up to 1 over a fresh 100-sample ramp.
        Assert.Equal(0.5, left[49], 1e-15); // 1e-15: one rounding of the ramp formula
        Assert.Equal(0.5 + 0.5 * 1.0 / Ramp, left[50], 1e-15);
        Assert.Equal(1.0, left[149]); // exact: ramp end
    }

    [Fact]
    public void Ramps_allocate_nothing_per_block_even_when_the_pan_moves_every_block()
    {
        var stage = new PanStage(PanControls.Default with { Divergence = 0.2 });
        var ramp = new PanRamp(new BoxPanner(ChannelLayout.Atmos916), stage, 2, 0.5, Ramp);
        var sources = new[] { TestSignals.Noise(64, seed: 3), TestSignals.Noise(64, seed: 4) };
        var bus = new double[64];
        double x = -1;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int b = 0; b < 50; b++)
            {
                x = x >= 1 ? -1 : x + 0.01;
                stage.RtSetX(x);
                stage.RtSetRotation(x * 90);
                ramp.RtBeginBlock(0, 64);
                for (int d = 0; d < 16; d++) ramp.RtAccumulate(sources, d, bus);
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Pan_controls_clamp_to_their_ranges_and_ignore_NaN()
    {
        var stage = new PanStage(PanControls.Default);
        stage.RtSetX(3);
        stage.RtSetZ(-1);
        stage.RtSetRotation(400);
        stage.RtSetLfe(20);
        int version = stage.Version;
        stage.RtSetY(double.NaN);
        Assert.Equal((1.0, 1.0, 0.0, 180.0, 12.0), (stage.Controls.X, stage.Controls.Y, stage.Controls.Z, stage.Controls.RotationDegrees, stage.Controls.LfeDb));
        Assert.Equal(version, stage.Version);
        stage.RtSetHeight(0);
        Assert.False(stage.Controls.Height);
    }

    [Fact]
    public void Followed_gains_summed_for_a_group_of_channels_are_the_bits_of_each_channel_summed_alone_and_allocate_nothing()
    {
        // A stereo source whose x and y lanes sweep it across the 7.1.2 room (rows and layers change inside blocks),
        // summed channel by channel into one bed and group by group (as a bus's items sum it) into another.
        static RtLaneCursor Lane(string control, params AutomationPoint[] points) =>
            new(new AutomationLane($"track/t/pan/{control}", new AutomationCurve(points), AutomationCurve.Empty), -1, 1);
        var stage = new PanStage(PanControls.Default with { Width = 0.4, Z = 0.3 });
        const int block = 300, blocks = 24;
        stage.Follow("x", Lane("x", new(0, -1), new(4000, 1), new(7200, 0.2)), block);
        stage.Follow("y", Lane("y", new(0, 1), new(3000, -1, SegmentShape.SCurve), new(7200, 0.5)), block);
        var ramp = new PanRamp(new BoxPanner(ChannelLayout.Atmos712), stage, 2, 0.8, Ramp);
        var sources = new[] { TestSignals.Noise(block, seed: 11), TestSignals.Noise(block, seed: 12) };
        var alone = Enumerable.Range(0, 10).Select(_ => new double[block]).ToArray();
        var grouped = Enumerable.Range(0, 10).Select(_ => new double[block]).ToArray();
        for (int b = 0; b < blocks; b++)
        {
            foreach (var channel in alone.Concat(grouped)) Array.Fill(channel, 0.25);
            stage.RtBeginBlock((long)b * block, block);
            ramp.RtBeginBlock((long)b * block, block);
            for (int d = 0; d < 10; d++) ramp.RtAccumulate(sources, d, alone[d]);
            foreach (var (first, end) in new[] { (0, 3), (3, 6), (6, 10) }) ramp.RtAccumulate(sources, first, end, grouped, block);
            for (int d = 0; d < 10; d++) // exact bits: the same products added in the same order per channel
                Assert.Equal(alone[d].Select(BitConverter.DoubleToInt64Bits), grouped[d].Select(BitConverter.DoubleToInt64Bits));
        }
        long position = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int b = 0; b < 20; b++, position += block)
            {
                stage.RtBeginBlock(position, block);
                ramp.RtBeginBlock(position, block);
                ramp.RtAccumulate(sources, 0, 10, grouped, block);
            }
        });
        Assert.Equal(0, bytes);
    }
}
