using MixEngine.Dsp;
using MixEngine.Offline;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Offline;

public class PrintConformStageTests
{
    [Fact]
    public void An_impulse_leaves_the_limited_stage_at_its_own_position_once_the_held_frames_are_flushed()
    {
        var stage = new PrintConformStage(new PrintConform(0.0, -1.0), 1, 1, 48000, 64);
        var output = new List<double>();
        var dialogueOut = new List<double>();
        var input = new double[1][] { new double[64] };
        var dialogue = new double[1][] { new double[64] };
        for (int block = 0; block < 4; block++)
        {
            Array.Clear(input[0]);
            Array.Clear(dialogue[0]);
            if (block == 1) { input[0][10] = 0.25; dialogue[0][10] = 1.0; }
            int n = stage.RtProcess(input, dialogue, 64);
            output.AddRange(stage.Output[0].Take(n));
            dialogueOut.AddRange(stage.DialogueOutput[0].Take(n));
        }
        while (stage.RtHasPendingFrames)
        {
            int n = stage.RtFlush();
            output.AddRange(stage.Output[0].Take(n));
            dialogueOut.AddRange(stage.DialogueOutput[0].Take(n));
        }
        Assert.Equal(256, output.Count);
        Assert.Equal(74, output.IndexOf(output.Max()));
        Assert.Equal(0.25, output[74], 12); // well below the ceiling: unchanged
        Assert.Equal(74, dialogueOut.IndexOf(1.0)); // the dialogue stem stays aligned with the print
    }

    [Fact]
    public void Conforming_a_block_allocates_nothing_after_construction()
    {
        var stage = new PrintConformStage(new PrintConform(3.0, -2.0), 2, 2, 48000, 256);
        var input = new[] { TestSignals.Noise(256, 1), TestSignals.Noise(256, 2) };
        var dialogue = new[] { TestSignals.Noise(256, 3), TestSignals.Noise(256, 4) };
        Assert.Equal(0, SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 50; i++) stage.RtProcess(input, dialogue, 256);
        }));
    }
}
