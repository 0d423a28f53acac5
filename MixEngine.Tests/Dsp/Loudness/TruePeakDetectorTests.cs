using MixEngine.Dsp.Loudness;

namespace MixEngine.Tests.Dsp.Loudness;

/// <summary>EBU Tech 3341 true-peak cases 15–19 (loudness-dsp.md §4.1): expected level with tolerance +0.2 / −0.4 dB.</summary>
public sealed class TruePeakDetectorTests
{
    [Theory]
    [InlineData(4.0, 0.0, -6.0, -6.0)]    // case 15: fs/4, phase 0°, 0.50 FFS
    [InlineData(4.0, 45.0, -6.0, -6.0)]   // case 16: fs/4, phase 45° (sample peak −9.0)
    [InlineData(6.0, 60.0, -6.0, -6.0)]   // case 17: fs/6, phase 60°
    [InlineData(8.0, 67.5, -6.0, -6.0)]   // case 18: fs/8, phase 67.5°
    [InlineData(4.0, 45.0, 3.0, 3.0)]     // case 19: fs/4, 1.41 FFS, phase 45°
    public void Tech3341_true_peak_cases_read_within_tolerance(double divisor, double phaseDeg, double levelDb, double expectedDb)
    {
        var tp = new TruePeakDetector(48000);
        double a = Math.Pow(10, levelDb / 20);
        var x = new double[153600];
        for (int i = 0; i < x.Length; i++) x[i] = a * Math.Sin(2 * Math.PI * i / divisor + phaseDeg * Math.PI / 180);
        ApplyFades(x);
        tp.RtProcess(x);
        double db = LoudnessMath.AmplitudeToDb(tp.Peak);
        Assert.InRange(db, expectedDb - 0.4, expectedDb + 0.2);
    }

    [Theory]
    [InlineData(997)]
    [InlineData(5000)]
    [InlineData(12000)]
    [InlineData(16000)]
    public void A_full_scale_sine_reads_between_the_4x_sampling_bound_and_plus_0_05_dB_at_any_phase(double frequency)
    {
        // Worst under-read from 4× sampling alone: 20·log10(cos(π·f/(4·fs))) (BS.1770 Annex 2 attachment); 0.02 dB for ripple.
        double lowest = 20 * Math.Log10(Math.Cos(Math.PI * frequency / (4 * 48000.0))) - 0.02;
        for (int k = 0; k < 8; k++)
        {
            var tp = new TruePeakDetector(48000);
            var x = new double[9600];
            for (int i = 0; i < x.Length; i++) x[i] = Math.Sin(2 * Math.PI * frequency * i / 48000 + k * 0.37);
            ApplyFades(x);
            tp.RtProcess(x);
            Assert.InRange(LoudnessMath.AmplitudeToDb(tp.Peak), lowest, 0.05);
        }
    }

    [Fact]
    public void Uses_2x_at_96kHz_and_no_oversampling_at_192kHz()
    {
        Assert.Equal(4, new TruePeakDetector(48000).Oversampling);
        Assert.Equal(2, new TruePeakDetector(96000).Oversampling);
        Assert.Equal(1, new TruePeakDetector(192000).Oversampling);
    }

    /// <summary>10 ms raised-cosine fade-in and fade-out, as the EBU test signals have: an abrupt start would ring (a real overshoot).</summary>
    private static void ApplyFades(double[] x)
    {
        const int n = 480;
        for (int i = 0; i < n; i++)
        {
            double g = 0.5 - 0.5 * Math.Cos(Math.PI * i / n);
            x[i] *= g;
            x[x.Length - 1 - i] *= g;
        }
    }
}
