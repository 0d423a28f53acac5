using System.Numerics;
using System.Runtime.InteropServices;

namespace MixEngine.Dsp.Loudness;

/// <summary>
/// True-peak detection per ITU-R BS.1770 Annex 2 for one channel: oversample (4× below 88.2 kHz, 2× below 176.4 kHz,
/// none above), interpolate with a low-pass FIR and take the largest magnitude. The interpolator is a Kaiser-windowed
/// sinc of 32 taps per phase (flatter than the Annex's 12-tap example, whose phases over-read near fs/4 by ≈0.2 dB,
/// loudness-dsp.md §3); the result is max(true peak, sample peak), as libebur128 reports it.
/// Interpolation is skipped, exactly, for stretches that cannot raise the peak: no interpolated value can exceed the
/// largest input magnitude in its window times the largest sum of absolute coefficients of a phase, so a stretch whose
/// bound stays below the peak found so far is only copied into the history.
/// Construct on the control side; <see cref="RtProcess"/> never allocates.
/// </summary>
public sealed class TruePeakDetector
{
    /// <summary>Taps per polyphase branch.</summary>
    public const int TapsPerPhase = 32;

    private const double KaiserBeta = 8.0;
    private const int Stretch = 32;

    private readonly double[][] _phases; // each reversed, so a dot product with the chronological history applies it
    private readonly double[] _history = new double[2 * TapsPerPhase];
    private readonly double _gainBound;
    private int _position;
    private double _peak;

    /// <summary>Designs the interpolator for <paramref name="sampleRate"/> Hz.</summary>
    public TruePeakDetector(double sampleRate)
    {
        Oversampling = sampleRate < 88200 ? 4 : sampleRate < 176400 ? 2 : 1;
        _phases = Design(Oversampling);
        _gainBound = _phases.Max(c => c.Sum(Math.Abs));
    }

    /// <summary>The oversampling factor in use (4, 2 or 1).</summary>
    public int Oversampling { get; }

    /// <summary>Largest magnitude seen since the last reset (linear, full scale = 1.0).</summary>
    public double Peak => _peak;

    /// <summary>Clears the history and the peak; control side or between renders.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _position = 0;
        _peak = 0;
    }

    /// <summary>Starts a new peak interval (the peak reads 0) and keeps the interpolation history, so a live meter can read the peak per interval without a seam. Audio thread.</summary>
    public void RtResetPeak() => _peak = 0;

    /// <summary>Feeds samples; any thread, one at a time.</summary>
    public void RtProcess(ReadOnlySpan<double> input)
    {
        for (int start = 0; start < input.Length; start += Stretch)
        {
            var stretch = input.Slice(start, Math.Min(Stretch, input.Length - start));
            double bound = Math.Max(MaxAbs(stretch), MaxAbs(new ReadOnlySpan<double>(_history, _position, TapsPerPhase)));
            if (bound * _gainBound <= _peak) Remember(stretch);
            else Interpolate(stretch);
        }
    }

    // The stretch cannot raise the peak: keep the history (and the sample peak, which the bound already covers).
    private void Remember(ReadOnlySpan<double> input)
    {
        if (_phases.Length == 1) return;
        foreach (double x in input)
        {
            _history[_position] = x;
            _history[_position + TapsPerPhase] = x;
            _position = _position + 1 == TapsPerPhase ? 0 : _position + 1;
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> x)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var acc = Vector<double>.Zero;
        for (int i = 0; i < vx.Length; i++) acc = Vector.Max(acc, Vector.Abs(vx[i]));
        double max = 0;
        for (int k = 0; k < Vector<double>.Count; k++) max = Math.Max(max, acc[k]);
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) max = Math.Max(max, Math.Abs(x[i]));
        return max;
    }

    private void Interpolate(ReadOnlySpan<double> input)
    {
        double peak = _peak;
        for (int i = 0; i < input.Length; i++)
        {
            double y = RtPush(input[i]);
            if (y > peak) peak = y;
        }
        _peak = peak;
    }

    /// <summary>
    /// Feeds one sample and returns the largest of |x| and the magnitudes of the interpolated sub-samples this sample
    /// completes (which lie about <see cref="TapsPerPhase"/>/2 input samples in the past); does not touch
    /// <see cref="Peak"/>. Audio thread: the true-peak limiter's per-sample detector.
    /// </summary>
    public double RtPush(double x)
    {
        double peak = Math.Abs(x);
        if (_phases.Length == 1) return peak;
        _history[_position] = x;
        _history[_position + TapsPerPhase] = x;
        _position = _position + 1 == TapsPerPhase ? 0 : _position + 1;
        var window = new ReadOnlySpan<double>(_history, _position, TapsPerPhase);
        for (int p = 0; p < _phases.Length; p++)
        {
            double y = Math.Abs(Dot(_phases[p], window));
            if (y > peak) peak = y;
        }
        return peak;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var acc = Vector<double>.Zero;
        for (int i = 0; i < va.Length; i++) acc += va[i] * vb[i];
        double sum = Vector.Sum(acc);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double[][] Design(int factor)
    {
        if (factor == 1) return [[1.0]];
        int length = factor * TapsPerPhase;
        double centre = (length - 1) / 2.0;
        var h = new double[length];
        for (int n = 0; n < length; n++)
        {
            // Cut-off at half the input rate, expressed at the oversampled rate: sinc((n − centre)/factor).
            double t = (n - centre) / factor;
            double sinc = t == 0 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
            double r = (n - centre) / centre;
            h[n] = sinc * BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - r * r))) / BesselI0(KaiserBeta);
        }
        var phases = new double[factor][];
        for (int p = 0; p < factor; p++)
        {
            var c = new double[TapsPerPhase];
            double dc = 0;
            for (int k = 0; k < TapsPerPhase; k++) dc += h[k * factor + p];
            // Each branch normalised to unity DC gain, so a constant signal reads exactly its level.
            for (int k = 0; k < TapsPerPhase; k++) c[TapsPerPhase - 1 - k] = h[k * factor + p] / dc;
            phases[p] = c;
        }
        return phases;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 64 && term > 1e-17 * sum; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
        }
        return sum;
    }
}
