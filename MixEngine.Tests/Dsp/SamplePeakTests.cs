using MixEngine.Dsp;

namespace MixEngine.Tests.Dsp;

public class SamplePeakTests
{
    [Fact]
    public void Peak_is_the_largest_magnitude_wherever_it_sits()
    {
        for (int at = 0; at < 11; at++)
        {
            var x = new double[11];
            for (int i = 0; i < x.Length; i++) x[i] = 0.01 * i - 0.05;
            x[at] = -0.75;
            Assert.Equal(0.75, SamplePeak.RtUpdate(x, 0.0)); // exact: a copy of one sample
        }
        Assert.Equal(0.9, SamplePeak.RtUpdate(new double[5], 0.9)); // exact: running peak kept
    }
}
