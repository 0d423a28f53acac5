using MixEngine.Dsp;

namespace MixEngine.Tests.Dsp;

public class CachedGainTests
{
    [Fact]
    public void A_cached_gain_gives_the_bits_of_Decibels_ToGain_for_every_value_in_turn()
    {
        var cache = new CachedGain();
        foreach (double db in new[] { -6.0, -6.0, 0.0, -0.0, 3.25, double.NegativeInfinity, 3.25, -6.0, double.NaN, 12.0 })
        {
            // exact bits: the cache must return what the power would, whether it recomputed or not
            Assert.Equal(BitConverter.DoubleToInt64Bits(Decibels.ToGain(db)), BitConverter.DoubleToInt64Bits(cache.Of(db)));
        }
    }
}
