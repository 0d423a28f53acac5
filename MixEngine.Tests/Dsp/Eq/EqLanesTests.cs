using MixEngine.Dsp;
using MixEngine.Dsp.Eq;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Eq;

public sealed class EqLanesTests
{
    private const int Rate = 48000;
    private const int MaxBlock = 256;

    // The strip of the reference reel: high-pass 12 dB/oct, two bells, a high shelf (4 sections), varied per strip.
    private static ParametricEq Strip(int variant, int channels)
    {
        var eq = new ParametricEq();
        eq.Prepare(new ProcessSpec(Rate, MaxBlock, channels));
        eq.RtSetBand(0, EqBand.HighPass(60 + 7 * variant, 12));
        eq.RtSetBand(1, EqBand.Bell(200 + 31 * variant, -3 + 0.5 * variant, 1.0 + 0.2 * variant));
        eq.RtSetBand(2, EqBand.Bell(2500 + 150 * variant, 2 + 0.5 * variant, 1.4));
        eq.RtSetBand(3, EqBand.HighShelf(9000 + 500 * variant, 3 - 0.5 * variant, 0.7071));
        eq.Reset();
        return eq;
    }

    private static double[][] Signals(int channels, int seed, int length) =>
        Enumerable.Range(0, channels).Select(c => TestSignals.Noise(length, seed + c, 0.4)).ToArray();

    private static double[][] Slice(double[][] x, int start, int count) => x.Select(c => c[start..(start + count)]).ToArray();

    [Fact]
    public void Settled_strips_run_as_lanes_produce_the_scalar_kernels_output_bit_for_bit()
    {
        // Lanes: two mono strips and one stereo strip (4 lanes), against twins run by ParametricEq.RtProcess.
        int[] channels = [1, 1, 2];
        var lanesEqs = channels.Select((c, k) => Strip(k, c)).ToArray();
        var scalarEqs = channels.Select((c, k) => Strip(k, c)).ToArray();
        const int length = 5000;
        var input = channels.Select((c, k) => Signals(c, 10 * k, length)).ToArray();
        var lanes = new EqLanes(MaxBlock);

        int done = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 37, 1, 100, 200 }, 9).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            var lanesBlock = input.Select(x => Slice(x, done, count)).ToArray();
            var scalarBlock = input.Select(x => Slice(x, done, count)).ToArray();
            lanes.RtClear();
            for (int k = 0; k < lanesEqs.Length; k++)
                for (int c = 0; c < channels[k]; c++) Assert.True(lanes.RtAdd(lanesEqs[k], c, lanesBlock[k][c]));
            Assert.True(lanes.RtProcess(count));
            for (int k = 0; k < scalarEqs.Length; k++) scalarEqs[k].RtProcess(scalarBlock[k], count);

            for (int k = 0; k < channels.Length; k++)
                for (int c = 0; c < channels[k]; c++)
                    for (int i = 0; i < count; i++)
                        Assert.True(BitConverter.DoubleToInt64Bits(scalarBlock[k][c][i]) == BitConverter.DoubleToInt64Bits(lanesBlock[k][c][i]),
                            $"strip {k} channel {c} sample {done + i}"); // exact bits: same operations in the same order per lane
            done += count;
        }
        Assert.Equal(length, done);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Settled_strips_of_an_odd_section_count_on_fewer_lanes_run_bit_for_bit(int lanesUsed)
    {
        // Five sections (a 24 dB/oct high-pass is two): two pairs run in one pass each and the last section alone; blocks
        // not a multiple of four take the interleaving's sample-by-sample tail; unused lanes stay out of the result.
        ParametricEq Strip5(int k)
        {
            var eq = Strip(k, 1);
            eq.RtSetBand(0, EqBand.HighPass(50 + 9 * k, 24));
            eq.Reset();
            return eq;
        }
        var lanesEqs = Enumerable.Range(0, lanesUsed).Select(Strip5).ToArray();
        var scalarEqs = Enumerable.Range(0, lanesUsed).Select(Strip5).ToArray();
        const int length = 3000;
        var input = Enumerable.Range(0, lanesUsed).Select(k => Signals(1, 30 * k, length)).ToArray();
        var lanes = new EqLanes(MaxBlock);

        int done = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 3, 1, 129, 64, 7 }, 10).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            var lanesBlock = input.Select(x => Slice(x, done, count)).ToArray();
            var scalarBlock = input.Select(x => Slice(x, done, count)).ToArray();
            lanes.RtClear();
            for (int k = 0; k < lanesUsed; k++) Assert.True(lanes.RtAdd(lanesEqs[k], 0, lanesBlock[k][0]));
            Assert.True(lanes.RtProcess(count));
            for (int k = 0; k < lanesUsed; k++) scalarEqs[k].RtProcess(scalarBlock[k], count);

            for (int k = 0; k < lanesUsed; k++)
                for (int i = 0; i < count; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(scalarBlock[k][0][i]) == BitConverter.DoubleToInt64Bits(lanesBlock[k][0][i]),
                        $"strip {k} sample {done + i}"); // exact bits: same operations in the same order per lane
            done += count;
        }
        Assert.Equal(length, done);
        Assert.Equal(5, lanesEqs[0].RtActiveSections());
    }

    [Fact]
    public void Moving_bands_different_section_counts_and_periods_out_of_step_run_as_lanes_bit_for_bit()
    {
        // Four mono strips, twins run by ParametricEq.RtProcess. Every block sets new bell gains on strips 0 and 1 (gain
        // automation: long periods), strip 2 sweeps a frequency (short periods) and gets a fifth band (a morph, one
        // section more than the others), strip 3 is reset on its own mid-way (its periods fall out of step).
        void Move(ParametricEq[] eqs, int block, int position)
        {
            double t = position / (double)Rate;
            for (int k = 0; k < 2; k++) eqs[k].RtSetBand(1, EqBand.Bell(200 + 31 * k, 9 * Math.Sin(2 * Math.PI * (3 + k) * t), 1.0));
            eqs[2].RtSetBand(2, EqBand.Bell(2000 * Math.Pow(2, 2 * t), 4, 1.4));
            if (block == 12) eqs[2].RtSetBand(4, EqBand.Bell(7000, 3, 1.0));
            if (block == 20) eqs[3].Reset();
        }
        var lanesEqs = AssertMovingLanesMatchScalar(k => Strip(k, 1), Move, 12_000);
        Assert.False(lanesEqs[0].RtSettled); // the gains were still moving: the comparison covered moving lanes
    }

    [Fact]
    public void Moving_lanes_whose_bands_have_different_section_counts_run_the_paired_sections_bit_for_bit()
    {
        // Moving sections run two per pass: here the cascades' first band has 2, 0, 1 and 4 sections (high-passes of 24,
        // none, 12 and 48 dB/oct), so a pass pairs a section some lanes lack with one they run, in either place, and
        // both bells glide their gains all the way.
        ParametricEq Make(int k)
        {
            var eq = Strip(k, 1);
            if (k == 1) eq.RtSetBand(0, EqBand.HighPass(60, 12) with { Enabled = false });
            else eq.RtSetBand(0, EqBand.HighPass(60 + 7 * k, k == 0 ? 24 : k == 2 ? 12 : 48));
            eq.Reset();
            return eq;
        }
        void Move(ParametricEq[] eqs, int block, int position)
        {
            double t = position / (double)Rate;
            for (int k = 0; k < 4; k++)
            {
                eqs[k].RtSetBand(1, EqBand.Bell(200 + 31 * k, 9 * Math.Sin(2 * Math.PI * (3 + k) * t), 1.0));
                eqs[k].RtSetBand(2, EqBand.Bell(2500 + 150 * k, -6 * Math.Cos(2 * Math.PI * (2 + k) * t), 1.4));
            }
        }
        var lanesEqs = AssertMovingLanesMatchScalar(Make, Move, 9_000);
        Assert.Equal(new[] { 2, 0, 1, 4 }, lanesEqs.Select(eq => eq.RtBandSections(0)));
        Assert.All(lanesEqs, eq => Assert.False(eq.RtSettled));
    }

    // Runs four mono strips made by `make` as lanes and their twins through ParametricEq.RtProcess over blocks of varied
    // sizes, `move` setting both sets of kernels before each block, and asserts every sample equal to the bit; returns
    // the lanes' kernels.
    private static ParametricEq[] AssertMovingLanesMatchScalar(Func<int, ParametricEq> make, Action<ParametricEq[], int, int> move, int length)
    {
        var lanesEqs = Enumerable.Range(0, 4).Select(make).ToArray();
        var scalarEqs = Enumerable.Range(0, 4).Select(make).ToArray();
        var input = Enumerable.Range(0, 4).Select(k => Signals(1, 20 * k, length)).ToArray();
        var lanes = new EqLanes(MaxBlock);
        int done = 0, blockIndex = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 37, 1, 100, 200, 130 }, 20).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            move(lanesEqs, blockIndex, done);
            move(scalarEqs, blockIndex, done);
            var lanesBlock = input.Select(x => Slice(x, done, count)).ToArray();
            var scalarBlock = input.Select(x => Slice(x, done, count)).ToArray();
            lanes.RtClear();
            for (int k = 0; k < 4; k++) Assert.True(lanes.RtAdd(lanesEqs[k], 0, lanesBlock[k][0]));
            Assert.True(lanes.RtProcess(count));
            for (int k = 0; k < 4; k++) scalarEqs[k].RtProcess(scalarBlock[k], count);

            for (int k = 0; k < 4; k++)
                for (int i = 0; i < count; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(scalarBlock[k][0][i]) == BitConverter.DoubleToInt64Bits(lanesBlock[k][0][i]),
                        $"strip {k} sample {done + i}"); // exact bits: same operations in the same order per lane
            done += count;
            blockIndex++;
        }
        Assert.Equal(length, done);
        return lanesEqs;
    }

    [Fact]
    public void Cached_sections_follow_kernels_that_were_set_reset_settled_or_run_alone_between_blocks_bit_for_bit()
    {
        // Four mono strips whose settled sections stay in one cache from block to block (a track batch's), against twins
        // run by ParametricEq.RtProcess. Between blocks, things outside the cache change the kernels: a strip runs
        // alone (its own RtProcess, the lanes then three), a strip is reset, a set glides and settles, a set is settled
        // at once, and every third block the lanes run through a second cache (each cache then holds stale sections
        // that it must not use); each change comes right after a block run from the first cache. Any of these missed by
        // the cache changes samples after it.
        var lanesEqs = Enumerable.Range(0, 4).Select(k => Strip(k, 1)).ToArray();
        var scalarEqs = Enumerable.Range(0, 4).Select(k => Strip(k, 1)).ToArray();
        const int length = 20_000;
        var input = Enumerable.Range(0, 4).Select(k => Signals(1, 30 * k, length)).ToArray();
        var lanes = new EqLanes(MaxBlock);
        var cache = new EqLaneCache();
        var other = new EqLaneCache();
        int done = 0, blockIndex = 0;
        while (done < length)
        {
            int count = Math.Min(blockIndex % 5 == 3 ? 37 : 128, length - done);
            int alone = blockIndex % 7 == 2 ? 1 : -1;
            void Change(ParametricEq[] eqs)
            {
                if (blockIndex == 13) eqs[2].Reset();
                if (blockIndex == 19) eqs[0].RtSetBand(1, EqBand.Bell(200, 4, 1.0));
                if (blockIndex == 103)
                {
                    eqs[3].RtSetBand(2, EqBand.Bell(3000, -5, 2.0));
                    eqs[3].RtSettle();
                }
            }
            Change(lanesEqs);
            Change(scalarEqs);
            var lanesBlock = input.Select(x => Slice(x, done, count)).ToArray();
            var scalarBlock = input.Select(x => Slice(x, done, count)).ToArray();
            lanes.RtClear();
            for (int k = 0; k < 4; k++)
                if (k != alone) Assert.True(lanes.RtAdd(lanesEqs[k], 0, lanesBlock[k][0]));
            Assert.True(lanes.RtProcess(count, blockIndex % 3 == 2 ? other : cache));
            if (alone >= 0) lanesEqs[alone].RtProcess(lanesBlock[alone], count);
            for (int k = 0; k < 4; k++) scalarEqs[k].RtProcess(scalarBlock[k], count);

            for (int k = 0; k < 4; k++)
                for (int i = 0; i < count; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(scalarBlock[k][0][i]) == BitConverter.DoubleToInt64Bits(lanesBlock[k][0][i]),
                        $"strip {k} sample {done + i} (block {blockIndex})"); // exact bits: the cache holds the kernels' own values
            done += count;
            blockIndex++;
        }
        Assert.True(cache.Hits >= 20, $"{cache.Hits} blocks ran from the first cache"); // the comparison covered blocks run from the cache
    }

    [Fact]
    public void A_block_longer_than_the_lanes_buffer_is_declined_and_leaves_the_signal_untouched()
    {
        var x = TestSignals.Noise(MaxBlock + 1, 3, 0.4);
        var lanes = new EqLanes(MaxBlock);
        lanes.RtAdd(Strip(0, 1), 0, x);

        Assert.False(lanes.RtProcess(MaxBlock + 1));

        Assert.Equal(TestSignals.Noise(MaxBlock + 1, 3, 0.4), x); // exact: nothing ran
        Assert.Equal(0, lanes.BatchedBlocks);
    }

    [Fact]
    public void A_block_of_four_lanes_allocates_nothing_settled_or_moving()
    {
        var eqs = Enumerable.Range(0, 4).Select(k => Strip(k, 1)).ToArray();
        var buffers = Enumerable.Range(0, 4).Select(k => TestSignals.Noise(MaxBlock, k, 0.4)).ToArray();
        var lanes = new EqLanes(MaxBlock);
        int blocks = 0;
        void Block(int n)
        {
            if (n >= 5) eqs[1].RtSetBand(1, EqBand.Bell(231, n, 1.2)); // the last blocks of a pass glide
            lanes.RtClear();
            for (int k = 0; k < 4; k++) lanes.RtAdd(eqs[k], 0, buffers[k]);
            lanes.RtProcess(MaxBlock);
            blocks++;
        }

        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 10; n++) Block(n);
        });

        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
        Assert.Equal(blocks, lanes.BatchedBlocks);
    }
}
