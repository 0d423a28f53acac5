using MixEngine.Dsp;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp;

public sealed class LaneInterleaveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Interleaving_puts_frame_i_of_lane_l_at_four_i_plus_l_and_splitting_restores_every_used_lane(int used)
    {
        foreach (int count in new[] { 0, 1, 3, 4, 5, 8, 11, 64 })
        {
            var buffers = Enumerable.Range(0, used).Select(l => TestSignals.Noise(64, 100 + l, 0.9)).ToArray();
            var interleaved = Enumerable.Repeat(double.NaN, 65 * LaneInterleave.Lanes).ToArray();

            LaneInterleave.RtInterleave(buffers, used, interleaved, count);

            for (int i = 0; i < count; i++)
                for (int l = 0; l < LaneInterleave.Lanes; l++)
                    Assert.Equal(l < used ? buffers[l][i] : 0.0, interleaved[i * LaneInterleave.Lanes + l]); // exact: a copy
            Assert.True(double.IsNaN(interleaved[count * LaneInterleave.Lanes])); // nothing past the block is written

            var back = Enumerable.Range(0, used).Select(_ => Enumerable.Repeat(-7.0, 64).ToArray()).ToArray();
            LaneInterleave.RtDeinterleave(interleaved, back, used, count);
            for (int l = 0; l < used; l++)
            {
                Assert.Equal(buffers[l][..count], back[l][..count]); // exact: a copy
                Assert.All(back[l][count..], v => Assert.Equal(-7.0, v)); // nothing past the block is written
            }
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Splitting_reports_as_finite_exactly_the_used_lanes_without_NaN_or_infinity(double bad)
    {
        foreach (int count in new[] { 1, 4, 7, 64 })
            foreach (int frame in new[] { 0, count - 1 }) // in the vector part and in the tail
            {
                var buffers = Enumerable.Range(0, 3).Select(l => TestSignals.Noise(64, 200 + l, 0.9)).ToArray();
                buffers[0][count - 1] = double.MaxValue; // large but finite
                buffers[1][frame] = bad;
                var interleaved = new double[64 * LaneInterleave.Lanes];
                LaneInterleave.RtInterleave(buffers, 3, interleaved, count);

                int finite = LaneInterleave.RtDeinterleave(interleaved, buffers, 3, count);

                Assert.Equal(0b101, finite); // lanes 0 and 2; lane 3 is unused
                Assert.Equal(0b111, LaneInterleave.RtDeinterleave(interleaved, buffers, 3, frame)); // the frames before the bad one
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Multiplying_in_place_gives_each_product_and_reports_as_finite_exactly_the_lanes_whose_products_are(int used)
    {
        // Exact products (one multiplication each); in the vector part and in the tail, lane 0 overflows to infinity
        // (double.MaxValue × 2, both finite), lane 1 gets a NaN gain, lane 2 stays finite with a large finite product.
        foreach (int count in new[] { 1, 4, 7, 64 })
            foreach (int frame in new[] { 0, count - 1 })
            {
                var buffers = Enumerable.Range(0, used).Select(l => TestSignals.Noise(64, 300 + l, 0.9)).ToArray();
                var gains = Enumerable.Range(0, LaneInterleave.Lanes).Select(l => TestSignals.Noise(64, 400 + l, 2.0)).ToArray();
                buffers[0][frame] = double.MaxValue;
                gains[0][frame] = 2.0;
                if (used > 1) gains[1][frame] = double.NaN;
                if (used > 2) (buffers[2][frame], gains[2][frame]) = (double.MaxValue, 0.5);
                var interleaved = new double[64 * LaneInterleave.Lanes];
                LaneInterleave.RtInterleave(gains, LaneInterleave.Lanes, interleaved, count);
                var expected = buffers.Select((b, l) => b.Select((x, i) => i < count ? x * gains[l][i] : x).ToArray()).ToArray();

                int finite = LaneInterleave.RtMultiplyDeinterleaved(interleaved, buffers, used, count);

                for (int l = 0; l < used; l++) Assert.Equal(expected[l], buffers[l]); // exact, and nothing past the block written
                Assert.Equal(used switch { 1 => 0b0, 3 => 0b100, _ => 0b1100 }, finite);
            }
    }

    [Fact]
    public void Interleaving_a_block_allocates_nothing()
    {
        var buffers = Enumerable.Range(0, 4).Select(l => TestSignals.Noise(256, l, 0.5)).ToArray();
        var interleaved = new double[256 * LaneInterleave.Lanes];
        LaneInterleave.RtInterleave(buffers, 3, interleaved, 256);
        LaneInterleave.RtDeinterleave(interleaved, buffers, 3, 256);

        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int n = 0; n < 100; n++)
            {
                LaneInterleave.RtInterleave(buffers, 3, interleaved, 255);
                LaneInterleave.RtDeinterleave(interleaved, buffers, 3, 255);
                LaneInterleave.RtMultiplyDeinterleaved(interleaved, buffers, 3, 255);
            }
        });

        Assert.Equal(0, bytes);
    }
}
