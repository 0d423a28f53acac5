using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    // One design per oversampling factor, shared by every detector (a plan meters hundreds of channels; one copy of the
    // taps stays in the cache). Built by the type initializer, which the first constructor runs on the control side.
    private static readonly Interpolator Times4 = new(4), Times2 = new(2), Times1 = new(1);

    private readonly double[][] _phases; // each reversed, so a dot product with the chronological history applies it
    private readonly double[] _history = new double[2 * TapsPerPhase];
    private readonly double[] _line = new double[TapsPerPhase - 1 + Stretch];
    private readonly Vector256<double>[] _broadcastTaps;
    private readonly double _gainBound;
    private int _position;
    private double _peak;

    /// <summary>Designs the interpolator for <paramref name="sampleRate"/> Hz.</summary>
    public TruePeakDetector(double sampleRate)
    {
        Oversampling = sampleRate < 88200 ? 4 : sampleRate < 176400 ? 2 : 1;
        var design = Oversampling == 4 ? Times4 : Oversampling == 2 ? Times2 : Times1;
        _phases = design.Phases;
        _gainBound = design.GainBound;
        _broadcastTaps = design.BroadcastTaps;
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
        if (input.IsEmpty) return;
        if (_phases.Length == 1)
        {
            _peak = Math.Max(_peak, MaxAbs(input));
            return;
        }
        // The newest TapsPerPhase − 1 samples of the ring, oldest first, lead the line; each stretch is appended after them.
        const int lead = TapsPerPhase - 1;
        var line = _line.AsSpan();
        _history.AsSpan(_position + 1, lead).CopyTo(line);
        for (int start = 0; start < input.Length; start += Stretch)
        {
            int n = Math.Min(Stretch, input.Length - start);
            input.Slice(start, n).CopyTo(line[lead..]);
            double bound = MaxAbs(line[..(lead + n)]);
            if (bound * _gainBound > _peak) Interpolate(n);
            line.Slice(n, lead).CopyTo(line);
        }
        // Back into the ring as RtPush leaves it: the newest TapsPerPhase − 1 samples, oldest first, after position 0 (mirrored).
        line[..lead].CopyTo(_history.AsSpan(1));
        line[..lead].CopyTo(_history.AsSpan(TapsPerPhase + 1));
        _history[0] = _history[TapsPerPhase] = 0.0;
        _position = 0;
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

    // Raises the peak with the n samples after the line's lead and every sub-sample they complete: output i of phase p is the
    // dot product of the phase's (reversed) taps with line[i .. i + TapsPerPhase). Vector256 lanes are four consecutive
    // outputs, so no horizontal sum is needed per sample; two phases times two groups of four outputs run as four
    // independent sums, so the additions do not wait on each other. The last n mod 4 outputs take the scalar product.
    private void Interpolate(int n)
    {
        ref double line = ref MemoryMarshal.GetArrayDataReference(_line);
        ref var taps = ref MemoryMarshal.GetArrayDataReference(_broadcastTaps);
        var peaks = Vector256<double>.Zero;
        int vectorEnd = n & ~3;
        for (int p = 0; p < _phases.Length; p += 2)
        {
            ref var first = ref Unsafe.Add(ref taps, p * TapsPerPhase);
            ref var second = ref Unsafe.Add(ref taps, (p + 1) * TapsPerPhase);
            int i = 0;
            for (; i + 8 <= vectorEnd; i += 8)
            {
                Vector256<double> a0 = default, a1 = default, b0 = default, b1 = default;
                for (int k = 0; k < TapsPerPhase; k++)
                {
                    var x0 = Vector256.LoadUnsafe(ref line, (nuint)(i + k));
                    var x1 = Vector256.LoadUnsafe(ref line, (nuint)(i + 4 + k));
                    var ta = Unsafe.Add(ref first, k);
                    var tb = Unsafe.Add(ref second, k);
                    a0 += ta * x0;
                    a1 += ta * x1;
                    b0 += tb * x0;
                    b1 += tb * x1;
                }
                peaks = Vector256.Max(Vector256.Max(peaks, Vector256.Abs(a0)), Vector256.Max(Vector256.Abs(a1), Vector256.Max(Vector256.Abs(b0), Vector256.Abs(b1))));
            }
            for (; i < vectorEnd; i += 4)
            {
                Vector256<double> a0 = default, b0 = default;
                for (int k = 0; k < TapsPerPhase; k++)
                {
                    var x0 = Vector256.LoadUnsafe(ref line, (nuint)(i + k));
                    a0 += Unsafe.Add(ref first, k) * x0;
                    b0 += Unsafe.Add(ref second, k) * x0;
                }
                peaks = Vector256.Max(peaks, Vector256.Max(Vector256.Abs(a0), Vector256.Abs(b0)));
            }
        }
        double peak = Math.Max(_peak, MaxAbs(_line.AsSpan(TapsPerPhase - 1, n)));
        for (int k = 0; k < Vector256<double>.Count; k++) peak = Math.Max(peak, peaks.GetElement(k));
        for (int i = vectorEnd; i < n; i++)
        {
            var window = new ReadOnlySpan<double>(_line, i, TapsPerPhase);
            for (int p = 0; p < _phases.Length; p++) peak = Math.Max(peak, Math.Abs(Dot(_phases[p], window)));
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

    /// <summary>The polyphase taps of one oversampling factor, also broadcast one tap per vector, and their gain bound.</summary>
    private sealed class Interpolator
    {
        public Interpolator(int factor)
        {
            Phases = Design(factor);
            GainBound = Phases.Max(c => c.Sum(Math.Abs));
            BroadcastTaps = Phases.SelectMany(c => c).Select(Vector256.Create).ToArray();
        }

        public double[][] Phases { get; }

        public double GainBound { get; }

        public Vector256<double>[] BroadcastTaps { get; }
    }
}
