using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Dynamics;

public class GateTests
{
    private const int Rate = 48_000;

    private static Gate Make()
    {
        var g = new Gate();
        g.RtSetThresholdDb(-40);
        g.RtSetHysteresisDb(6);
        g.RtSetHoldMs(10);
        g.RtSetRangeDb(60);
        g.RtSetAttackMs(0.1);
        g.RtSetReleaseMs(1);
        g.Prepare(new ProcessSpec(Rate, 4800, 1));
        return g;
    }

    private static double[] Dc(int n, double db) { var x = new double[n]; Array.Fill(x, Decibels.ToGain(db)); return x; }

    [Fact]
    public void Opens_above_threshold_stays_open_inside_the_hysteresis_and_closes_after_hold_below_it()
    {
        var g = Make();
        var x = Dc(4800, -30);
        g.RtProcess([x], 4800);
        Assert.True(g.IsOpen);
        Assert.Equal(-30.0, Decibels.FromGain(x[^1]), 6); // open: unity within 1e-6 dB
        var inside = Dc(4800, -43); // below threshold, above threshold − hysteresis
        g.RtProcess([inside], 4800);
        Assert.True(g.IsOpen);
        var below = Dc(479, -50);
        g.RtProcess([below], 479); // hold of 10 ms = 480 samples not yet over
        Assert.True(g.IsOpen);
        var after = Dc(4800, -50);
        g.RtProcess([after], 4800);
        Assert.False(g.IsOpen);
        Assert.Equal(-110.0, Decibels.FromGain(after[^1]), 3); // closed: full 60 dB range; 1e-3 dB after ~100 release times
    }

    [Fact]
    public void Expander_ratio_reduces_by_ratio_minus_one_times_the_distance_below_threshold_within_the_range()
    {
        var g = Make();
        g.RtSetRatio(2);
        var x = Dc(4800, -60);
        g.RtProcess([x], 4800);
        Assert.Equal(-80.0, Decibels.FromGain(x[^1]), 3); // 20 dB under at 1:2: 20 dB more; 1e-3 dB settled
    }

    [Fact]
    public void Reset_recovers_from_non_finite_input_and_processing_allocates_nothing()
    {
        var g = Make();
        g.RtProcess([[double.NaN, double.PositiveInfinity]], 2);
        g.Reset();
        var x = Dc(4800, -30);
        g.RtProcess([x], 4800);
        Assert.Equal(-30.0, Decibels.FromGain(x[^1]), 6); // unity when open, 1e-6 dB
        var noise = new[] { TestSignals.Noise(512, seed: 4, amplitude: 0.02) };
        Assert.Equal(0, SteadyStateAllocation.Bytes(() => { g.RtProcess(noise, 512); _ = g.GainReductionDb; })); // exact
    }
}
