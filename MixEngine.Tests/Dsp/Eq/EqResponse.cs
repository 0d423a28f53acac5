using System.Numerics;
using MixEngine.Dsp;
using MixEngine.Dsp.Eq;

namespace MixEngine.Tests.Dsp.Eq;

/// <summary>
/// What the EQ tests measure and compare against: the kernel's magnitude response taken from its impulse response
/// (so the processing itself is under test, not only the coefficients), and the analogue prototypes of each band type
/// written out here independently of the kernel's designer.
/// </summary>
internal static class EqResponse
{
    public const int Rate = 48_000;

    /// <summary>200 log-spaced frequencies from 20 Hz to 20 kHz (the grid).</summary>
    public static double[] Grid { get; } = Enumerable.Range(0, 200).Select(i => 20.0 * Math.Pow(1000.0, i / 199.0)).ToArray();

    /// <summary>A mono kernel prepared at 48 kHz with <paramref name="band"/> in slot 0 (already settled).</summary>
    public static ParametricEq Kernel(EqBand band, int channels = 1, int maxBlock = 4096)
    {
        var eq = new ParametricEq();
        eq.RtSetBand(0, band);
        eq.Prepare(new ProcessSpec(Rate, maxBlock, channels));
        return eq;
    }

    /// <summary>
    /// Magnitude in dB at <paramref name="frequencies"/> of the settled kernel for <paramref name="band"/>: the DFT of a
    /// 1 s impulse response (the slowest band used here, a 48 dB/oct high-pass at 20 Hz, has decayed by e^-24 by then).
    /// </summary>
    public static double[] MeasuredDb(EqBand band, double[] frequencies)
    {
        var eq = Kernel(band, maxBlock: Rate);
        var h = new double[Rate];
        h[0] = 1.0;
        eq.RtProcess([h], h.Length);
        return frequencies.Select(f => Decibels.FromGain(Dft(h, f).Magnitude)).ToArray();
    }

    /// <summary>The DFT of <paramref name="x"/> at <paramref name="hz"/> (a rotating phasor, renormalised every 1024 steps).</summary>
    public static Complex Dft(double[] x, double hz)
    {
        double w = 2.0 * Math.PI * hz / Rate;
        var step = new Complex(Math.Cos(w), -Math.Sin(w));
        Complex phasor = Complex.One, sum = Complex.Zero;
        for (int n = 0; n < x.Length; n++)
        {
            sum += x[n] * phasor;
            phasor *= step;
            if ((n & 1023) == 1023) phasor = Complex.FromPolarCoordinates(1.0, -w * (n + 1));
        }
        return sum;
    }

    /// <summary>
    /// The analogue prototype of <paramref name="band"/> at normalised frequency <paramref name="omega"/> (1 = the band's
    /// frequency), |H| in dB. Bell (s² + s·A/Q + 1)/(s² + s/(A·Q) + 1); low shelf A(s² + s√A/Q + A)/(A·s² + s√A/Q + 1);
    /// high shelf A(A·s² + s√A/Q + 1)/(s² + s√A/Q + A); notch (s² + 1)/(s² + s/Q + 1); band-pass (s/Q)/(s² + s/Q + 1);
    /// Butterworth order N: 1/(1 + Ω^2N) (low-pass) or Ω^2N/(1 + Ω^2N) (high-pass) in power; A = 10^(gain/40).
    /// </summary>
    public static double AnalogueDb(EqBand band, double omega)
    {
        var s = new Complex(0.0, omega);
        double a = Math.Pow(10.0, band.GainDb / 40.0), q = band.Q, sa = Math.Sqrt(a);
        int order = band.SlopeDbPerOctave / 6;
        double power = Math.Pow(omega, 2 * order);
        Complex h = band.Type switch
        {
            EqBandType.Bell => (s * s + s * a / q + 1) / (s * s + s / (a * q) + 1),
            EqBandType.LowShelf => a * (s * s + s * sa / q + a) / (a * s * s + s * sa / q + 1),
            EqBandType.HighShelf => a * (a * s * s + s * sa / q + 1) / (s * s + s * sa / q + a),
            EqBandType.Notch => (s * s + 1) / (s * s + s / q + 1),
            EqBandType.BandPass => s / q / (s * s + s / q + 1),
            EqBandType.LowPass => Math.Sqrt(1.0 / (1.0 + power)),
            _ => Math.Sqrt(power / (1.0 + power)),
        };
        return Decibels.FromGain(h.Magnitude);
    }
}
