using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Dsp.Loudness;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Dynamics;

public class TruePeakLimiterTests
{
    private const int Rate = 48_000;

    private static TruePeakLimiter Make(double ceilingDb, int channels)
    {
        var l = new TruePeakLimiter();
        l.RtSetCeilingDb(ceilingDb);
        l.RtSetReleaseMs(50);
        l.Prepare(new ProcessSpec(Rate, 512, channels));
        return l;
    }

    public static TheoryData<string> Battery => new() { "full-scale fs/4 at 45°", "impulses", "square bursts", "loud noise", "fs/6 +6 dB step", "clipped sine 997 Hz" };

    private static double[] Signal(string name)
    {
        int n = Rate / 2;
        var x = new double[n];
        switch (name)
        {
            case "full-scale fs/4 at 45°":
                for (int i = 0; i < n; i++) x[i] = 1.41 * Math.Sin(Math.PI / 2 * i + Math.PI / 4);
                break;
            case "impulses":
                for (int i = 100; i < n; i += 997) { x[i] = 1.0; x[i + 1] = -1.0; }
                break;
            case "square bursts":
                for (int i = 0; i < n; i++) x[i] = (i / 4800) % 2 == 0 ? 0.05 : ((i / 7) % 2 == 0 ? 1.0 : -1.0);
                break;
            case "loud noise":
                x = TestSignals.Noise(n, seed: 11, amplitude: 2.0);
                break;
            case "fs/6 +6 dB step":
                for (int i = 0; i < n; i++) x[i] = (i < n / 2 ? 0.1 : 2.0) * Math.Sin(Math.PI / 3 * i + 1.0);
                break;
            case "clipped sine 997 Hz":
                for (int i = 0; i < n; i++) x[i] = Math.Clamp(3.0 * Math.Sin(2 * Math.PI * 997 * i / Rate), -1, 1);
                break;
        }
        return x;
    }

    [Theory]
    [MemberData(nameof(Battery))]
    public void Output_true_peak_measured_at_4x_never_exceeds_the_ceiling(string name)
    {
        foreach (double ceiling in new[] { -1.0, -2.0 })
        {
            var left = Signal(name);
            var right = left.Select(v => -0.7 * v).ToArray();
            var l = Make(ceiling, 2);
            for (int start = 0; start < left.Length; start += 512)
            {
                int n = Math.Min(512, left.Length - start);
                var a = left[start..(start + n)];
                var b = right[start..(start + n)];
                l.RtProcess([a, b], n);
                a.CopyTo(left, start);
                b.CopyTo(right, start);
            }
            foreach (var channel in new[] { left, right })
            {
                var meter = new TruePeakDetector(Rate); // 4x at 48 kHz, BS.1770 Annex 2
                meter.RtProcess(channel);
                Assert.True(Decibels.FromGain(meter.Peak) <= ceiling, $"{name}: {Decibels.FromGain(meter.Peak):F3} dBTP over {ceiling}"); // exact: no overshoot allowed
            }
        }
    }

    [Fact]
    public void Signal_below_the_ceiling_passes_unchanged_after_the_latency()
    {
        var l = Make(-1.0, 1);
        var x = TestSignals.Sine(4800, 1000, amplitude: 0.5);
        var y = (double[])x.Clone();
        l.RtProcess([y], y.Length);
        for (int i = l.LatencySamples; i < x.Length; i++) Assert.Equal(x[i - l.LatencySamples], y[i]); // exact: gain is exactly 1
        Assert.Equal(0.0, l.GainReductionDb);
    }

    [Fact]
    public void Reports_gain_reduction_and_latency()
    {
        var l = Make(-1.0, 1);
        Assert.Equal(96 + 16 + 16, l.LatencySamples); // 2 ms look-ahead at 48 kHz + interpolator delay + guard
        var x = TestSignals.Sine(4800, 1000, amplitude: 1.0);
        l.RtProcess([x], x.Length);
        Assert.InRange(l.GainReductionDb, 1.0, 1.6); // 0 dB peak into −1 dBTP less the 0.2 dB safety, plus release ripple
    }

    [Fact]
    public void Reset_recovers_from_a_non_finite_input()
    {
        var l = Make(-1.0, 1);
        double[] bad = [double.NaN, double.PositiveInfinity, 0.5];
        l.RtProcess([bad], 3);
        l.Reset();
        var x = TestSignals.Sine(4800, 1000, amplitude: 0.5);
        l.RtProcess([x], x.Length);
        Assert.All(x, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, l.GainReductionDb);
    }

    [Fact]
    public void Processing_a_block_allocates_nothing_after_prepare()
    {
        var l = Make(-1.0, 2);
        var a = TestSignals.Noise(512, seed: 1, amplitude: 1.5);
        var b = TestSignals.Noise(512, seed: 2, amplitude: 1.5);
        var channels = new[] { a, b };
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            l.RtSetCeilingDb(-2);
            l.RtProcess(channels, 512);
            _ = l.GainReductionDb;
        });
        Assert.Equal(0, bytes); // exact: Rt code allocates nothing
    }
}
