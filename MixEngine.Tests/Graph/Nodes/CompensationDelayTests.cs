using MixEngine.Files;
using MixEngine.Graph.Nodes;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Graph.Nodes;

public class CompensationDelayTests
{
    private const int Block = 128;

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(Block)]
    [InlineData(300)]
    public void Every_channel_comes_out_delayed_by_exactly_the_delay_with_silent_source_blocks_as_zeros(int delay)
    {
        var source = new BusNode("b", "B", ChannelLayout.Stereo, new StripGainStage(0, false, 0, 0, false, false, false, Block), false, Block, 0);
        var compensation = new CompensationDelay(source, false, delay, Block);
        var input = new[] { TestSignals.Noise(40 * Block, seed: 5), TestSignals.Noise(40 * Block, seed: 6) };
        var heard = input.Select(x => (double[])x.Clone()).ToArray(); // what the delay line takes in: zeros for silent blocks
        var output = input.Select(x => new double[x.Length]).ToArray();
        int position = 0;
        for (int b = 0; position < input[0].Length; b++)
        {
            // Full and short blocks; blocks 5–7 and 20–30 silent (the latter long enough for the output to go silent too).
            int count = Math.Min(b % 3 == 0 ? 50 : Block, input[0].Length - position);
            bool silent = b is >= 5 and <= 7 or >= 20 and <= 30;
            compensation.RtBeginBlock(silent, count);
            for (int c = 0; c < 2; c++)
            {
                if (silent) Array.Clear(heard[c], position, count);
                Array.Copy(input[c], position, source.PostFaderBuffers[c], 0, count);
                compensation.RtFillChannel(c, count);
                Array.Copy(compensation.Buffers[c], 0, output[c], position, count);
            }
            position += count;
        }
        for (int c = 0; c < 2; c++)
        {
            var expected = new double[input[c].Length];
            Array.Copy(heard[c], 0, expected, delay, expected.Length - delay);
            Assert.Equal(expected, output[c]); // exact: the delay only moves samples
        }
    }
}
