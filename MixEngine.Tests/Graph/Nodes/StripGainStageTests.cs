using MixEngine.Dsp;
using MixEngine.Graph.Nodes;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph.Nodes;

public class StripGainStageTests
{
    private const int Block = 64;

    private static double[] Ones() => Enumerable.Repeat(1.0, Block).ToArray();

    [Fact]
    public void A_block_without_changes_multiplies_by_the_held_gains_exactly()
    {
        var stage = new StripGainStage(-3, true, -6, -2, false, false, false, Block);
        var x = TestSignals.Noise(Block, seed: 5);
        var y = (double[])x.Clone();
        stage.RtBeginBlock(Block);
        stage.RtProcess(y, y, Block);
        double input = -Decibels.ToGain(-3), output = Decibels.ToGain(-8);
        for (int i = 0; i < Block; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(x[i] * input * output), BitConverter.DoubleToInt64Bits(y[i])); // exact: same two multiplies
    }

    [Fact]
    public void A_fader_change_ramps_linearly_over_the_next_block_and_then_holds()
    {
        var stage = new StripGainStage(0, false, 0, 0, false, false, false, Block);
        stage.RtSetFader(-6);
        stage.RtBeginBlock(Block);
        var y = Ones();
        stage.RtProcess(y, y, Block);
        double target = Decibels.ToGain(-6);
        for (int i = 0; i < Block; i++)
            Assert.Equal(1.0 + (target - 1.0) * (i + 1) / Block, y[i], 1e-15); // 1e-15: step × (i + 1) rounds once
        Assert.Equal(target, y[Block - 1]); // exact: the ramp ends on the target
        stage.RtBeginBlock(Block);
        var z = Ones();
        stage.RtProcess(z, z, Block);
        Assert.All(z, s => Assert.Equal(target, s)); // exact: held constant
    }

    [Fact]
    public void A_mute_fades_out_over_one_block_and_then_the_strip_is_silent()
    {
        var stage = new StripGainStage(0, false, 0, 0, false, false, false, Block);
        stage.RtSetMute(true);
        stage.RtBeginBlock(Block);
        Assert.False(stage.RtSilent);
        var y = Ones();
        stage.RtProcess(y, y, Block);
        Assert.Equal(0.0, y[Block - 1]); // exact: ramp ends at 0
        Assert.True(y[0] > 0.9); // the first sample is still close to unity (1 − 1/64 squared ≈ 0.969)
        stage.RtBeginBlock(Block);
        Assert.True(stage.RtSilent);
    }

    [Fact]
    public void A_strip_muted_in_the_session_starts_silent_without_a_fade()
    {
        var stage = new StripGainStage(0, false, 0, 0, true, false, false, Block);
        stage.RtBeginBlock(Block);
        Assert.True(stage.RtSilent);
    }

    [Fact]
    public void A_separate_pre_fader_tap_gets_the_input_ramp_only()
    {
        var stage = new StripGainStage(0, false, 0, 0, false, false, false, Block);
        stage.RtSetTrim(-6);
        stage.RtSetFader(-20);
        stage.RtBeginBlock(Block);
        var pre = Ones();
        var post = new double[Block];
        stage.RtProcess(pre, post, Block);
        Assert.Equal(Decibels.ToGain(-6), pre[Block - 1]); // exact: ramp end
        Assert.Equal(Decibels.ToGain(-6) * Decibels.ToGain(-20), post[Block - 1]); // exact: product of the two ramp ends
    }

    [Fact]
    public void Setting_values_and_ramping_allocate_nothing()
    {
        var stage = new StripGainStage(0, false, 0, 0, false, false, false, Block);
        var y = Ones();
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int k = 0; k < 1000; k++)
            {
                stage.RtSetFader(-(k % 40));
                stage.RtSetMute(k % 7 == 0);
                stage.RtBeginBlock(Block);
                stage.RtProcess(y, y, Block);
            }
        });
        Assert.Equal(0, bytes);
    }
}
