using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Dynamics;

public sealed class CompressorLanesTests
{
    private const int Rate = 48000;
    private const int MaxBlock = 256;

    // Four settings that differ in every field: hard and soft knee, peak and RMS, fast and slow, with makeup.
    private static Compressor Make(int variant)
    {
        var c = new Compressor();
        c.Prepare(new ProcessSpec(Rate, MaxBlock, 1));
        c.RtSetThresholdDb(-24 + 3 * variant);
        c.RtSetRatio(variant == 3 ? double.PositiveInfinity : 2 + variant);
        c.RtSetKneeDb(variant % 2 == 0 ? 0 : 6 + variant);
        c.RtSetAttackMs(1 + 4 * variant);
        c.RtSetReleaseMs(40 + 30 * variant);
        c.RtSetMakeupDb(variant - 1.5);
        c.RtSetDetection(variant == 2 ? DynamicsDetection.Rms : DynamicsDetection.Peak);
        c.Reset();
        return c;
    }

    // Noise bursts at four levels (quiet, near the thresholds, loud, silence) so every branch of the curve and both
    // ballistics directions run.
    private static double[] Signal(int seed, int length)
    {
        var x = TestSignals.Noise(length, seed, 1.0);
        double[] levels = [0.02, 0.08, 0.5, 0.0];
        for (int i = 0; i < length; i++) x[i] *= levels[(i / 1500 + seed) % levels.Length];
        return x;
    }

    private static void AssertBits(double[] expected, double[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]), $"{what} sample {i}");
    }

    // Make without makeup (the usual strip setting): a lane's gains are then unity while it does not reduce.
    private static Compressor MakeWithoutMakeup(int variant)
    {
        var c = Make(variant);
        c.RtSetMakeupDb(0);
        c.Reset();
        return c;
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(3, false)]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public void Compressors_run_as_lanes_produce_the_scalar_kernels_output_and_gain_reduction_bit_for_bit(int lanesUsed, bool withoutMakeup)
    {
        Func<int, Compressor> make = withoutMakeup ? MakeWithoutMakeup : Make;
        var lanesKernels = Enumerable.Range(0, lanesUsed).Select(make).ToArray();
        var scalarKernels = Enumerable.Range(0, lanesUsed).Select(make).ToArray();
        const int length = 12_000;
        var input = Enumerable.Range(0, lanesUsed).Select(k => Signal(k, length)).ToArray();
        var lanes = new CompressorLanes(MaxBlock);

        int done = 0, blockIndex = 0, reducing = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 37, 1, 100, 200, 3 }, 30).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            if (blockIndex % 7 == 3)
                foreach (var set in new[] { lanesKernels, scalarKernels })
                {
                    set[0].RtSetThresholdDb(-30 + blockIndex % 11); // threshold and makeup glide
                    set[1].RtSetMakeupDb(blockIndex % 5);
                }
            var lanesBlock = input.Select(x => x[done..(done + count)]).ToArray();
            var scalarBlock = input.Select(x => x[done..(done + count)]).ToArray();
            lanes.RtClear();
            for (int k = 0; k < lanesUsed; k++) Assert.True(lanes.RtAdd(lanesKernels[k], lanesBlock[k]));
            Assert.True(lanes.RtProcess(count));
            for (int k = 0; k < lanesUsed; k++) scalarKernels[k].RtProcess([scalarBlock[k]], count);

            for (int k = 0; k < lanesUsed; k++)
            {
                // exact bits: each lane performs the scalar kernel's operations in the same order
                AssertBits(scalarBlock[k], lanesBlock[k], $"lane {k} block {blockIndex}");
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarKernels[k].GainReductionDb), BitConverter.DoubleToInt64Bits(lanesKernels[k].GainReductionDb));
            }
            reducing += scalarKernels.Count(c => c.GainReductionDb > 1.0);
            done += count;
            blockIndex++;
        }
        Assert.Equal(length, done);
        Assert.True(reducing > blockIndex, $"the comparison ran while the compressors reduced by over 1 dB ({reducing} lane blocks)");
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(4, 1)]
    [InlineData(2, 3)]
    public void Two_sets_run_as_a_pair_produce_the_scalar_kernels_output_and_gain_reduction_bit_for_bit(int firstLanes, int secondLanes)
    {
        // The second set's kernels are variants 0..3 again with other makeups, so the two sets differ lane by lane.
        Compressor MakeSecond(int variant)
        {
            var c = Make(variant);
            c.RtSetMakeupDb(variant % 2 == 0 ? 0 : 1.5 + variant);
            c.Reset();
            return c;
        }
        var kernels = Enumerable.Range(0, firstLanes).Select(Make).Concat(Enumerable.Range(0, secondLanes).Select(MakeSecond)).ToArray();
        var scalar = Enumerable.Range(0, firstLanes).Select(Make).Concat(Enumerable.Range(0, secondLanes).Select(MakeSecond)).ToArray();
        int total = kernels.Length;
        const int length = 12_000;
        var input = Enumerable.Range(0, total).Select(k => Signal(k + 5, length)).ToArray();
        var first = new CompressorLanes(MaxBlock);
        var second = new CompressorLanes(MaxBlock);

        int done = 0, blockIndex = 0, reducing = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 37, 1, 100, 200, 3 }, 30).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            if (blockIndex % 9 == 4)
                foreach (var set in new[] { kernels, scalar })
                    set[total - 1].RtSetMakeupDb(blockIndex % 4); // a makeup glides: that block's ballistics run set by set
            var lanesBlock = input.Select(x => x[done..(done + count)]).ToArray();
            var scalarBlock = input.Select(x => x[done..(done + count)]).ToArray();
            first.RtClear();
            second.RtClear();
            for (int k = 0; k < total; k++) Assert.True((k < firstLanes ? first : second).RtAdd(kernels[k], lanesBlock[k]));
            Assert.True(CompressorLanes.RtProcessPair(first, second, count));
            for (int k = 0; k < total; k++) scalar[k].RtProcess([scalarBlock[k]], count);

            for (int k = 0; k < total; k++)
            {
                AssertBits(scalarBlock[k], lanesBlock[k], $"lane {k} block {blockIndex}"); // exact bits
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[k].GainReductionDb), BitConverter.DoubleToInt64Bits(kernels[k].GainReductionDb));
            }
            reducing += scalar.Count(c => c.GainReductionDb > 1.0);
            done += count;
            blockIndex++;
        }
        Assert.Equal(length, done);
        Assert.True(reducing > blockIndex, $"the comparison ran while the compressors reduced by over 1 dB ({reducing} lane blocks)");
        Assert.Equal(blockIndex, first.BatchedBlocks);
        Assert.Equal(blockIndex, second.BatchedBlocks);
    }

    [Fact]
    public void A_pair_with_an_empty_set_or_a_block_too_long_is_declined_and_leaves_the_signal_untouched()
    {
        var x = Signal(2, MaxBlock + 1);
        var first = new CompressorLanes(MaxBlock);
        var second = new CompressorLanes(MaxBlock);
        first.RtAdd(Make(0), x);

        Assert.False(CompressorLanes.RtProcessPair(first, second, 64)); // the second set has no lane
        second.RtAdd(Make(1), new double[MaxBlock + 1]);
        Assert.False(CompressorLanes.RtProcessPair(first, second, MaxBlock + 1));

        Assert.Equal(Signal(2, MaxBlock + 1), x); // exact: nothing ran
        Assert.Equal(0, first.BatchedBlocks);
    }

    [Fact]
    public void Compressors_resting_through_quiet_blocks_skip_their_ballistics_and_still_match_the_scalar_kernels_bit_for_bit()
    {
        // Quiet noise far under every threshold with one loud burst per lane; a 5 ms release lets each reduction decay to
        // exactly 0 again; lane 0's threshold and lane 1's makeup move mid-way and glide; lane 3 has no makeup.
        Compressor Resting(int variant)
        {
            var c = Make(variant);
            c.RtSetReleaseMs(5);
            if (variant == 3) c.RtSetMakeupDb(0);
            c.Reset();
            return c;
        }
        var lanesKernels = Enumerable.Range(0, 4).Select(Resting).ToArray();
        var scalarKernels = Enumerable.Range(0, 4).Select(Resting).ToArray();
        const int length = 60_000;
        var input = Enumerable.Range(0, 4).Select(k =>
        {
            var x = TestSignals.Noise(length, 40 + k, 0.002);
            for (int i = 8000 + 6000 * k; i < 9000 + 6000 * k; i++) x[i] *= 250; // the burst: about −6 dBFS peaks
            return x;
        }).ToArray();
        var lanes = new CompressorLanes(MaxBlock);

        int done = 0, blockIndex = 0;
        foreach (int block in Enumerable.Repeat(new[] { 256, 37, 1, 100, 200, 3 }, 200).SelectMany(b => b))
        {
            int count = Math.Min(block, length - done);
            if (count == 0) break;
            if (blockIndex == 300)
                foreach (var set in new[] { lanesKernels, scalarKernels })
                {
                    set[0].RtSetThresholdDb(-31);
                    set[1].RtSetMakeupDb(2.5);
                }
            var lanesBlock = input.Select(x => x[done..(done + count)]).ToArray();
            var scalarBlock = input.Select(x => x[done..(done + count)]).ToArray();
            lanes.RtClear();
            for (int k = 0; k < 4; k++) Assert.True(lanes.RtAdd(lanesKernels[k], lanesBlock[k]));
            Assert.True(lanes.RtProcess(count));
            for (int k = 0; k < 4; k++) scalarKernels[k].RtProcess([scalarBlock[k]], count);

            for (int k = 0; k < 4; k++)
            {
                AssertBits(scalarBlock[k], lanesBlock[k], $"lane {k} block {blockIndex}"); // exact: the skipped ballistics' result is known
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarKernels[k].GainReductionDb), BitConverter.DoubleToInt64Bits(lanesKernels[k].GainReductionDb));
            }
            done += count;
            blockIndex++;
        }
        Assert.Equal(length, done);
        Assert.True(lanes.RestBlocks > blockIndex / 2, $"most blocks rested ({lanes.RestBlocks} of {blockIndex})");
        Assert.True(lanes.RestBlocks < blockIndex - 100, $"the bursts and glides ran the ballistics ({lanes.RestBlocks} of {blockIndex})");
    }

    [Fact]
    public void A_stereo_compressor_one_with_a_sidechain_filter_and_a_fifth_lane_are_refused()
    {
        var stereo = new Compressor();
        stereo.Prepare(new ProcessSpec(Rate, MaxBlock, 2));
        var filtered = Make(0);
        filtered.RtSetSidechainHighPassHz(120);
        var lanes = new CompressorLanes(MaxBlock);

        Assert.False(lanes.RtAdd(stereo, new double[MaxBlock]));
        Assert.False(lanes.RtAdd(filtered, new double[MaxBlock]));
        for (int k = 0; k < 4; k++) Assert.True(lanes.RtAdd(Make(k), new double[MaxBlock]));
        Assert.False(lanes.RtAdd(Make(0), new double[MaxBlock]));
        Assert.Equal(4, lanes.Count);
    }

    [Fact]
    public void A_block_longer_than_the_lanes_buffer_is_declined_and_leaves_the_signal_untouched()
    {
        var x = Signal(2, MaxBlock + 1);
        var lanes = new CompressorLanes(MaxBlock);
        lanes.RtAdd(Make(0), x);

        Assert.False(lanes.RtProcess(MaxBlock + 1));

        Assert.Equal(Signal(2, MaxBlock + 1), x); // exact: nothing ran
        Assert.Equal(0, lanes.BatchedBlocks);
    }

    [Fact]
    public void A_block_of_four_lanes_allocates_nothing()
    {
        var kernels = Enumerable.Range(0, 4).Select(Make).ToArray();
        var buffers = Enumerable.Range(0, 4).Select(k => Signal(k, MaxBlock)).ToArray();
        var lanes = new CompressorLanes(MaxBlock);
        void Block()
        {
            lanes.RtClear();
            for (int k = 0; k < 4; k++) lanes.RtAdd(kernels[k], buffers[k]);
            lanes.RtProcess(MaxBlock);
        }
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 10; n++) Block();
        });
        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
    }

    [Fact]
    public void A_block_of_two_sets_run_as_a_pair_allocates_nothing()
    {
        var kernels = Enumerable.Range(0, 8).Select(k => Make(k % 4)).ToArray();
        var buffers = Enumerable.Range(0, 8).Select(k => Signal(k, MaxBlock)).ToArray();
        var first = new CompressorLanes(MaxBlock);
        var second = new CompressorLanes(MaxBlock);
        void Block()
        {
            first.RtClear();
            second.RtClear();
            for (int k = 0; k < 8; k++) (k < 4 ? first : second).RtAdd(kernels[k], buffers[k]);
            CompressorLanes.RtProcessPair(first, second, MaxBlock);
        }
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 10; n++) Block();
        });
        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
    }
}
