using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Tests.Dsp;

public class SpeakerGridTests
{
    [Theory]
    [InlineData("5.1", 0.3, -0.2, 0.0, 0.45)]
    [InlineData("7.1.4", -0.6, 0.4, 0.3, 0.35)]
    [InlineData("9.1.6", 0.9, -0.9, 0.8, 0.7)]
    public void Spread_gains_match_the_mean_of_squared_point_gains_over_the_box_integrated_numerically(string name, double x, double y, double z, double divergence)
    {
        var layout = ChannelLayout.All.Single(l => l.Name == name);
        var grid = SpeakerGrid.For(layout);
        var spread = new double[layout.ChannelCount];
        grid.RtGains(x, y, z, divergence, true, spread);

        // Independent reference: midpoint rule over the box with point sources (clamped to the room by the point panner).
        const int N = 80;
        var sum = new double[layout.ChannelCount];
        var point = new double[layout.ChannelCount];
        for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
        for (int k = 0; k < N; k++)
        {
            double px = x - divergence + 2 * divergence * (i + 0.5) / N;
            double py = y - divergence + 2 * divergence * (j + 0.5) / N;
            double pz = z - 0.5 * divergence + divergence * (k + 0.5) / N;
            grid.RtGains(px, py, pz, 0.0, true, point);
            for (int c = 0; c < sum.Length; c++) sum[c] += point[c] * point[c];
        }
        for (int c = 0; c < sum.Length; c++)
        {
            double reference = Math.Sqrt(sum[c] / (N * N * N));
            // 2e-3: the midpoint rule with 80 cells per axis errs by O(1/N²) where the weights bend, and the clamped
            // edges make the integrand kinked, so the reference itself is good to about 1e-3.
            Assert.True(Math.Abs(reference - spread[c]) < 2e-3, $"{name} {layout.Labels[c]}: analytic {spread[c]}, numeric {reference}");
        }
    }
}
