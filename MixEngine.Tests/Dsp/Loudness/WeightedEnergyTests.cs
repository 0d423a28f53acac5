using MixEngine.Dsp.Loudness;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Loudness;

public sealed class WeightedEnergyTests
{
    [Fact]
    public void Channels_filtered_four_at_a_time_give_the_weighted_sum_of_each_filter_alone_bit_for_bit()
    {
        // 7.1.2 weights (LFE 0, side surrounds 1.41): 9 weighted channels = two groups of four lanes and one alone.
        double[] weights = [1, 1, 1, 0, 1, 1, 1.41, 1.41, 1, 1];
        var energy = new WeightedEnergy(48000, weights);
        var filters = weights.Select(_ => new KWeightingFilter(48000)).ToArray();
        var signal = weights.Select((_, c) => TestSignals.Noise(6000, 40 + c, 0.5)).ToArray();

        foreach (var (offset, count) in new[] { (0, 480), (480, 17), (497, 1), (498, 5502) })
        {
            double expected = 0;
            for (int c = 0; c < weights.Length; c++)
                if (weights[c] != 0) expected += weights[c] * filters[c].RtProcessSquaredSum(signal[c].AsSpan(offset, count));

            double actual = energy.RtSumOfSquares(signal, offset, count);

            // exact bits: each lane runs the scalar filter's operations in the same order, sums added in channel order
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        }
    }

    [Fact]
    public void A_sum_over_four_weighted_channels_allocates_nothing()
    {
        var energy = new WeightedEnergy(48000, [1, 1, 1, 1]);
        var signal = Enumerable.Range(0, 4).Select(c => TestSignals.Noise(480, c, 0.5)).ToArray();
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 10; n++) energy.RtSumOfSquares(signal, 0, 480);
        });
        Assert.Equal(0, bytes); // exact: the Rt path must not allocate at all
    }
}
