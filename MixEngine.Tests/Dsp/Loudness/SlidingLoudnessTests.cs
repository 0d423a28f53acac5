using MixEngine.Dsp.Loudness;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Dsp.Loudness;

public class SlidingLoudnessTests
{
    [Fact]
    public void Momentary_and_short_term_equal_the_full_meter_fed_the_same_signal()
    {
        var left = TestSignals.Noise(48000 * 4, seed: 1, amplitude: 0.3);
        var right = TestSignals.Noise(48000 * 4, seed: 2, amplitude: 0.1);
        var sliding = new SlidingLoudness(48000, [1.0, 1.0]);
        var full = new LoudnessMeter(48000, [1.0, 1.0]);
        for (int offset = 0; offset < left.Length; offset += 333)
        {
            int n = Math.Min(333, left.Length - offset);
            sliding.RtProcess([left, right], offset, n);
            full.RtProcess([left, right], offset, n);
            Assert.Equal(full.Momentary, sliding.Momentary); // exact: the same sums in the same order
            Assert.Equal(full.ShortTerm, sliding.ShortTerm);
        }
        Assert.True(sliding.ShortTerm > -30);
    }

    [Fact]
    public void A_stereo_1_kHz_tone_at_minus_23_dBFS_reads_minus_23_LUFS_momentary_after_400_ms()
    {
        var tone = TestSignals.Sine(48000, 1000, Math.Pow(10, -23 / 20.0));
        var meter = new SlidingLoudness(48000, [1.0, 1.0]);
        meter.RtProcess([tone, tone], 0, 19199);
        Assert.Equal(double.NegativeInfinity, meter.Momentary); // 1 sample short of 400 ms
        meter.RtProcess([tone, tone], 19199, 1);
        Assert.Equal(-23.0, meter.Momentary, 0.1); // EBU Tech 3341 tolerance ±0.1 LU
    }

    [Fact]
    public void Silence_after_a_signal_falls_to_minus_infinity_and_reset_forgets_everything()
    {
        var tone = TestSignals.Sine(48000, 1000, 0.5);
        var meter = new SlidingLoudness(48000, [1.0]);
        meter.RtProcess([tone], 0, tone.Length);
        Assert.True(meter.Momentary > -10);
        meter.RtProcessSilence(48000);
        Assert.True(meter.Momentary < -100); // only the K-filter's decaying tail remains in the window
        meter.RtReset();
        Assert.Equal(double.NegativeInfinity, meter.Momentary);
        Assert.Equal(double.NegativeInfinity, meter.ShortTerm);
    }

    [Fact]
    public void Feeding_allocates_nothing()
    {
        var tone = TestSignals.Sine(4800, 1000, 0.5);
        var meter = new SlidingLoudness(48000, [1.0, 1.0]);
        double[][] channels = [tone, tone];
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                meter.RtProcess(channels, 0, 4800);
                meter.RtProcessSilence(64);
            }
        });
        Assert.Equal(0, bytes);
    }
}
