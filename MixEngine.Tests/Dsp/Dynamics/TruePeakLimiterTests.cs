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

    [Theory]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(700)]
    public void Passes_at_rest_give_the_samples_and_reductions_of_the_frame_by_frame_limiter_before_during_and_after_limiting(int block)
    {
        // Quiet noise (at rest: the passes only delay), a loud burst (limiting), a ceiling lowered while quiet, quiet again.
        const int Length = 24_000;
        var channels = new[] { TestSignals.Noise(Length, seed: 3, amplitude: 0.05), TestSignals.Noise(Length, seed: 4, amplitude: 0.05) };
        for (int i = 6000; i < 6400; i++) channels[1][i] = 1.5 * Math.Sin(0.3 * i);
        var limiter = Make(-1.0, 2);
        var reference = new FrameByFrameLimiter(-1.0, 50, limiter.LatencySamples, 2);
        var expected = channels.Select(c => (double[])c.Clone()).ToArray();
        int passes = 0;
        for (int start = 0; start < Length; start += block)
        {
            int n = Math.Min(block, Length - start);
            passes += (n + 255) / 256;
            if (start >= 16_000)
            {
                limiter.RtSetCeilingDb(-30.0);
                reference.CeilingDb = -30.0;
            }
            var part = channels.Select(c => c.AsSpan(start, n).ToArray()).ToArray();
            limiter.RtProcess(part, n);
            double reduction = reference.Process(expected, start, n);
            for (int c = 0; c < 2; c++) part[c].CopyTo(channels[c], start);
            Assert.Equal(reduction, limiter.GainReductionDb); // exact: the same operations in the same order
        }
        for (int c = 0; c < 2; c++) Assert.Equal(expected[c], channels[c]); // exact, every sample
        Assert.InRange(limiter.RestPasses, 10, passes - 10); // at rest before the burst (and maybe after it), not under the lower ceiling
    }

    // The limiter of the class summary sample by sample: per-sample true peaks pushed one at a time, the sliding minimum
    // by a scan, the box sum and gain updated as documented.
    private sealed class FrameByFrameLimiter
    {
        private const int Lookahead = 96; // 2 ms at 48 kHz
        private const int MinimumWindow = Lookahead + 16; // and the guard either side
        private readonly int _channels;
        private readonly TruePeakDetector[] _detectors;
        private readonly List<double> _required = [];
        private readonly double _release;
        private readonly List<double>[] _delayed;
        private readonly double[] _box = Enumerable.Repeat(1.0, Lookahead).ToArray();
        private double _boxSum = Lookahead, _gain = 1.0, _ceiling = double.NaN;
        private int _boxPos;

        public FrameByFrameLimiter(double ceilingDb, double releaseMs, int latency, int channels)
        {
            _channels = channels;
            CeilingDb = ceilingDb;
            _release = Math.Exp(-1000.0 / (releaseMs * Rate));
            _detectors = Enumerable.Range(0, channels).Select(_ => new TruePeakDetector(Rate)).ToArray();
            _delayed = Enumerable.Range(0, channels).Select(_ => Enumerable.Repeat(0.0, latency).ToList()).ToArray();
        }

        public double CeilingDb { get; set; }

        public double Process(double[][] x, int start, int n)
        {
            double target = Math.Pow(10.0, (CeilingDb - TruePeakLimiter.SafetyDb) / 20.0);
            if (double.IsNaN(_ceiling)) _ceiling = target;
            double minGain = 1.0;
            for (int i = start; i < start + n; i++)
            {
                _ceiling = target < _ceiling ? target : _ceiling + (target - _ceiling) * (1.0 - _release);
                double peak = 0.0;
                for (int c = 0; c < _channels; c++) peak = Math.Max(peak, _detectors[c].RtPush(x[c][i]));
                _required.Add(peak > _ceiling ? _ceiling / peak : 1.0);
                double held = _required.TakeLast(MinimumWindow).Min();
                _boxSum += held - _box[_boxPos];
                _box[_boxPos] = held;
                _boxPos = (_boxPos + 1) % Lookahead;
                double smooth = Math.Min(1.0, _boxSum / Lookahead);
                _gain = smooth < _gain ? smooth : _gain + (smooth - _gain) * (1.0 - _release);
                if (!(_gain <= 1.0)) _gain = 1.0;
                for (int c = 0; c < _channels; c++)
                {
                    _delayed[c].Add(x[c][i]);
                    x[c][i] = _delayed[c][0] * _gain;
                    _delayed[c].RemoveAt(0);
                }
                minGain = Math.Min(minGain, _gain);
            }
            return minGain < 1.0 ? -20.0 * Math.Log10(minGain) : 0.0;
        }
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
