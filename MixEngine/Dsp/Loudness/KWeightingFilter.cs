using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Loudness;

/// <summary>
/// The BS.1770 K-weighting pre-filter for one channel: a high shelf ("head" stage) followed by the RLB high-pass,
/// designed for any sample rate from the analogue prototypes by the bilinear transform with tan pre-warp, which
/// reproduces the 48 kHz coefficients of ITU-R BS.1770-5 Annex 1 Tables 1 and 2 (loudness-dsp.md §1.1).
/// Construct on the control side; <see cref="RtProcessSquaredSum"/> runs on a render or audio thread and never allocates.
/// </summary>
public sealed class KWeightingFilter
{
    // Prototype constants (loudness-dsp.md §1.1, as derived for libebur128-compatible designs at any rate).
    private const double ShelfF0 = 1681.974450955533, ShelfGainDb = 3.999843853973347, ShelfQ = 0.7071752369554196;
    private const double ShelfVbExponent = 0.4996667741545416;
    private const double HighPassF0 = 38.13547087602444, HighPassQ = 0.5003270373238773;

    private readonly double _b0, _b1, _b2, _a1, _a2; // shelf
    private readonly double _ha1, _ha2;               // high-pass; numerator is 1, -2, 1 at every rate
    private double _x1, _x2, _y1, _y2, _hy1, _hy2;

    /// <summary>Designs both stages for <paramref name="sampleRate"/> Hz.</summary>
    public KWeightingFilter(double sampleRate)
    {
        double k = Math.Tan(Math.PI * ShelfF0 / sampleRate);
        double vh = Math.Pow(10, ShelfGainDb / 20);
        double vb = Math.Pow(vh, ShelfVbExponent);
        double a0 = 1 + k / ShelfQ + k * k;
        _b0 = (vh + vb * k / ShelfQ + k * k) / a0;
        _b1 = 2 * (k * k - vh) / a0;
        _b2 = (vh - vb * k / ShelfQ + k * k) / a0;
        _a1 = 2 * (k * k - 1) / a0;
        _a2 = (1 - k / ShelfQ + k * k) / a0;

        double kh = Math.Tan(Math.PI * HighPassF0 / sampleRate);
        double ah0 = 1 + kh / HighPassQ + kh * kh;
        _ha1 = 2 * (kh * kh - 1) / ah0;
        _ha2 = (1 - kh / HighPassQ + kh * kh) / ah0;
    }

    /// <summary>Shelf stage coefficients b0, b1, b2, a1, a2 (a0 = 1), for tests and documentation.</summary>
    public (double B0, double B1, double B2, double A1, double A2) Shelf => (_b0, _b1, _b2, _a1, _a2);

    /// <summary>High-pass stage feedback coefficients a1, a2 (numerator 1, −2, 1).</summary>
    public (double A1, double A2) HighPass => (_ha1, _ha2);

    /// <summary>Clears the filter memory; control side or between renders.</summary>
    public void Reset() => _x1 = _x2 = _y1 = _y2 = _hy1 = _hy2 = 0;

    /// <summary>Filters <paramref name="input"/> and returns the sum of squares of the K-weighted samples; any thread, one at a time.</summary>
    public double RtProcessSquaredSum(ReadOnlySpan<double> input)
    {
        double x1 = _x1, x2 = _x2, y1 = _y1, y2 = _y2, hy1 = _hy1, hy2 = _hy2;
        double sum = 0;
        for (int i = 0; i < input.Length; i++)
        {
            double x = input[i];
            double y = _b0 * x + _b1 * x1 + _b2 * x2 - _a1 * y1 - _a2 * y2;
            x2 = x1; x1 = x;
            // Direct form I for the high-pass: its input history is the shelf's output history (y1, y2).
            double h = y - 2 * y1 + y2 - _ha1 * hy1 - _ha2 * hy2;
            y2 = y1; y1 = y;
            hy2 = hy1; hy1 = h;
            sum += h * h;
        }
        // Flush denormals so long silence after a signal does not slow the loop.
        _x1 = Flush(x1); _x2 = Flush(x2); _y1 = Flush(y1); _y2 = Flush(y2); _hy1 = Flush(hy1); _hy2 = Flush(hy2);
        return sum;
    }

    /// <summary>
    /// <see cref="RtProcessSquaredSum"/> of four filters of the same design at once (<see cref="Vector256{T}"/> lanes =
    /// the four channels), each lane with its own memory and sum and the scalar loop's operations in the same order, so
    /// every sum is bit-identical to the filter's own. Any thread, one at a time per filter.
    /// </summary>
    internal static Vector256<double> RtProcessSquaredSums(KWeightingFilter[] filters, ReadOnlySpan<int> four, double[][] channels, int offset, int count)
    {
        KWeightingFilter f0 = filters[four[0]], f1 = filters[four[1]], f2 = filters[four[2]], f3 = filters[four[3]];
        ReadOnlySpan<double> c0 = channels[four[0]].AsSpan(offset, count), c1 = channels[four[1]].AsSpan(offset, count),
            c2 = channels[four[2]].AsSpan(offset, count), c3 = channels[four[3]].AsSpan(offset, count);
        var b0 = Vector256.Create(f0._b0);
        var b1 = Vector256.Create(f0._b1);
        var b2 = Vector256.Create(f0._b2);
        var a1 = Vector256.Create(f0._a1);
        var a2 = Vector256.Create(f0._a2);
        var ha1 = Vector256.Create(f0._ha1);
        var ha2 = Vector256.Create(f0._ha2);
        var two = Vector256.Create(2.0);
        var x1 = Vector256.Create(f0._x1, f1._x1, f2._x1, f3._x1);
        var x2 = Vector256.Create(f0._x2, f1._x2, f2._x2, f3._x2);
        var y1 = Vector256.Create(f0._y1, f1._y1, f2._y1, f3._y1);
        var y2 = Vector256.Create(f0._y2, f1._y2, f2._y2, f3._y2);
        var hy1 = Vector256.Create(f0._hy1, f1._hy1, f2._hy1, f3._hy1);
        var hy2 = Vector256.Create(f0._hy2, f1._hy2, f2._hy2, f3._hy2);
        var sum = Vector256<double>.Zero;
        for (int i = 0; i < count; i++)
        {
            var x = Vector256.Create(c0[i], c1[i], c2[i], c3[i]);
            var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x;
            var h = y - two * y1 + y2 - ha1 * hy1 - ha2 * hy2;
            y2 = y1; y1 = y;
            hy2 = hy1; hy1 = h;
            sum += h * h;
        }
        f0.Store(0, x1, x2, y1, y2, hy1, hy2);
        f1.Store(1, x1, x2, y1, y2, hy1, hy2);
        f2.Store(2, x1, x2, y1, y2, hy1, hy2);
        f3.Store(3, x1, x2, y1, y2, hy1, hy2);
        return sum;
    }

    // Lane `lane` of the four-channel loop's memory, flushed as RtProcessSquaredSum flushes its own.
    private void Store(int lane, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2,
        Vector256<double> hy1, Vector256<double> hy2)
    {
        _x1 = Flush(x1[lane]); _x2 = Flush(x2[lane]); _y1 = Flush(y1[lane]); _y2 = Flush(y2[lane]);
        _hy1 = Flush(hy1[lane]); _hy2 = Flush(hy2[lane]);
    }

    private static double Flush(double v) => Math.Abs(v) < 1e-300 ? 0 : v;
}
