using MixEngine.Dsp;
using MixEngine.Dsp.Eq;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Eq;

public sealed class EqLaneBellsTests
{
    private const int Rate = 48000;
    private const int MaxBlock = 1024;

    private sealed class Curve(Func<long, double> value) : IControlCurve
    {
        public double RtValueAt(long position) => value(position);
    }

    // Strip k of a gain-automated reel: two matched bells (as the automation benchmark's strips) whose gains follow slow
    // sines, a different one per strip and band. Strip 2's low bell holds exactly 0 dB for a while (the kernel designs
    // no matched bell there) and strip 1's high bell reads NaN for a while (ignored: the gain holds).
    private static ParametricEq Strip(int k)
    {
        var eq = new ParametricEq();
        eq.Prepare(new ProcessSpec(Rate, MaxBlock, 1));
        eq.RtSetBand(0, EqBand.Bell(250 + 10 * k, 3, 1.0));
        eq.RtSetBand(1, EqBand.Bell(4000 + 100 * k, -3, 1.4));
        eq.Reset();
        eq.Follow(0, EqParameter.Gain, new Curve(p =>
            k == 2 && p is >= 40_000 and < 70_000 ? 0.0 : 6 * Math.Sin(2 * Math.PI * (0.7 + 0.1 * k) * p / Rate) + 0.5));
        eq.Follow(1, EqParameter.Gain, new Curve(p =>
            k == 1 && p is >= 20_000 and < 30_000 ? double.NaN : -4 * Math.Cos(2 * Math.PI * (1.1 + 0.2 * k) * p / Rate)));
        return eq;
    }

    [Fact]
    public void Gain_automated_bells_held_by_the_lanes_render_the_scalar_kernels_output_bit_for_bit()
    {
        // Four strips as lanes with one cache (a track batch's part) against twins run by ParametricEq.RtProcess, blocks
        // of varied sizes (periods end mid-block). Between blocks, things outside the lanes reach the kernels: a strip
        // runs alone (the lanes then three), a strip's bell gets a live gain, a strip is reset, a strip is settled, a
        // strip's bell gets a live frequency and Q (the bells are given back: the strip then runs short periods); and strip 2's bell arriving at exactly 0 dB gives the bells
        // back mid-block. Any of these missed changes samples after it.
        const int length = 160_000;
        var lanesEqs = Enumerable.Range(0, 4).Select(Strip).ToArray();
        var scalarEqs = Enumerable.Range(0, 4).Select(Strip).ToArray();
        var input = Enumerable.Range(0, 4).Select(k => TestSignals.Noise(length, 50 + k, 0.4)).ToArray();
        var lanes = new EqLanes(MaxBlock);
        var cache = new EqLaneCache();
        int[] sizes = [1024, 1024, 512, 37, 700, 1024, 256, 1024];
        int done = 0, blockIndex = 0;
        while (done < length)
        {
            int count = Math.Min(sizes[blockIndex % sizes.Length], length - done);
            int alone = blockIndex is 40 or 41 ? 3 : -1;
            void Change(ParametricEq[] eqs)
            {
                if (blockIndex == 60) eqs[1].RtSetBand(0, EqBand.Bell(260, 5, 1.0));
                if (blockIndex == 180) eqs[3].RtSetBand(1, EqBand.Bell(4500, -3, 2.0));
                if (blockIndex == 90) eqs[2].Reset();
                if (blockIndex == 120) eqs[0].RtSettle();
            }
            Change(lanesEqs);
            Change(scalarEqs);
            var lanesBlock = input.Select(x => x[done..(done + count)]).ToArray();
            var scalarBlock = input.Select(x => x[done..(done + count)]).ToArray();
            lanes.RtClear();
            for (int k = 0; k < 4; k++)
            {
                lanesEqs[k].RtSetPosition(done);
                scalarEqs[k].RtSetPosition(done);
                if (k != alone) Assert.True(lanes.RtAdd(lanesEqs[k], 0, lanesBlock[k]));
            }
            Assert.True(lanes.RtProcess(count, cache));
            if (alone >= 0) lanesEqs[alone].RtProcess([lanesBlock[alone]], count);
            for (int k = 0; k < 4; k++) scalarEqs[k].RtProcess([scalarBlock[k]], count);

            for (int k = 0; k < 4; k++)
                for (int i = 0; i < count; i++)
                    if (BitConverter.DoubleToInt64Bits(scalarBlock[k][i]) != BitConverter.DoubleToInt64Bits(lanesBlock[k][i]))
                        Assert.Fail($"strip {k} sample {done + i} (block {blockIndex}): {lanesBlock[k][i]:R}, scalar {scalarBlock[k][i]:R}"); // exact bits
            done += count;
            blockIndex++;
        }
        Assert.True(cache.Bells.Blocks >= 100, $"{cache.Bells.Blocks} blocks ran from the held bells"); // the comparison covered held blocks
    }

    [Fact]
    public void Held_bells_allocate_nothing()
    {
        var eqs = Enumerable.Range(0, 4).Select(Strip).ToArray();
        var buffers = Enumerable.Range(0, 4).Select(k => TestSignals.Noise(MaxBlock, k, 0.4)).ToArray();
        var lanes = new EqLanes(MaxBlock);
        var cache = new EqLaneCache();
        long position = 0;
        int blocks = 0;
        void Block()
        {
            lanes.RtClear();
            for (int k = 0; k < 4; k++)
            {
                eqs[k].RtSetPosition(position);
                lanes.RtAdd(eqs[k], 0, buffers[k]);
            }
            lanes.RtProcess(MaxBlock, cache);
            position += MaxBlock;
            blocks++;
        }

        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 10; n++) Block();
        });

        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
        Assert.Equal(blocks - 1, cache.Bells.Blocks); // every block after the first ran from the held bells
    }
}
