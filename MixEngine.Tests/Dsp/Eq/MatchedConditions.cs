using System.Numerics;
using MixEngine.Dsp.Eq;

namespace MixEngine.Tests.Dsp.Eq;

/// <summary>
/// The magnitude the matched design promises, computed in the power domain from its defining conditions and nothing
/// else (docs/dsp.md): each section's poles are the analogue poles mapped by z = e^s (complex roots here), its
/// numerator power N(p), p = sin²(w/2), is the polynomial fixed by the match conditions (solved here by elimination),
/// and |H|² = N(p) / |A(e^jw)|² with |A|² from the pole product. No coefficients, no minimum-phase factoring: the
/// kernel's factoring and processing must land on this.
/// </summary>
internal static class MatchedConditions
{
    public static double Db(EqBand band, double hz, int rate)
    {
        double w0 = 2 * Math.PI * band.FrequencyHz / rate;
        double w = 2 * Math.PI * hz / rate;
        double p = Math.Sin(w / 2) * Math.Sin(w / 2);
        double q = band.Q, a = Math.Pow(10, Math.Abs(band.GainDb) / 40), g = a * a;
        double power;
        switch (band.Type)
        {
            case EqBandType.Bell:
            {
                var d = Denominator(w0, q * a);
                var n = Solve3([1, 0, 0, d(0)], [0, 1, 2 * Pm(w0), g * g * Slope(d, Pm(w0))], [1, Pm(w0), Pm(w0) * Pm(w0), g * g * d(Pm(w0))]);
                power = Poly(n, p) / d(p);
                if (band.GainDb < 0) power = 1 / power;
                break;
            }
            case EqBandType.LowShelf:
            case EqBandType.HighShelf:
            {
                var d = Denominator(w0 / Math.Sqrt(a), q);
                double nyquist = Math.Pow(10, EqResponse.AnalogueDb(EqBand.LowShelf(1, Math.Abs(band.GainDb), q), Math.PI / w0) / 10);
                var n = Solve3([1, 0, 0, a * a * a * a * d(0)], [1, 1, 1, nyquist * d(1)], [1, Pm(w0), Pm(w0) * Pm(w0), a * a * d(Pm(w0))]);
                double boost = Poly(n, p) / d(p);
                bool low = band.Type == EqBandType.LowShelf, up = band.GainDb > 0;
                power = low ? (up ? boost : 1 / boost) : (up ? g * g / boost : boost / (g * g));
                break;
            }
            case EqBandType.Notch:
            {
                var d = Denominator(w0, q);
                Complex z = Complex.Exp(new Complex(0, -w)), zeros = 1 - 2 * Math.Cos(w0) * z + z * z;
                double k2 = d(0) / Math.Pow(2 - 2 * Math.Cos(w0), 2);
                power = k2 * zeros.Magnitude * zeros.Magnitude / d(p);
                break;
            }
            case EqBandType.BandPass:
            {
                var d = Denominator(w0, q);
                var n = Solve3([1, 0, 0, 0], [0, 1, 2 * Pm(w0), Slope(d, Pm(w0))], [1, Pm(w0), Pm(w0) * Pm(w0), d(Pm(w0))]);
                power = Poly(n, p) / d(p);
                break;
            }
            default:
                power = Cascade(band.Type == EqBandType.HighPass, band.SlopeDbPerOctave / 6, w0, p);
                break;
        }
        return 10 * Math.Log10(power);
    }

    // Butterworth of order N: analogue poles e^{jπ(2k + N − 1)/(2N)}, k = 1..N; a conjugate pair has Q = −1/(2·Re s).
    private static double Cascade(bool highPass, int order, double w0, double p)
    {
        double power = 1;
        double x = Math.PI / w0;
        for (int k = 1; k <= order / 2; k++)
        {
            double q = -1 / (2 * Math.Cos(Math.PI * (2 * k + order - 1) / (2 * order)));
            var d = Denominator(w0, q);
            double pm = Pm(w0);
            if (highPass)
            {
                power *= q * q * d(pm) / (pm * pm) * p * p / d(p);
            }
            else
            {
                double nyquist = 1 / ((1 - x * x) * (1 - x * x) + x * x / (q * q));
                var n = Solve3([1, 0, 0, d(0)], [1, 1, 1, nyquist * d(1)], [1, pm, pm * pm, q * q * d(pm)]);
                power *= Poly(n, p) / d(p);
            }
        }
        if (order % 2 == 1)
        {
            double z = Math.Exp(-w0);
            double d(double pp) => 1 - 2 * z * (1 - 2 * pp) + z * z; // |1 − z·e^{−jw}|², cos w = 1 − 2p
            double top = highPass ? x * x / (1 + x * x) : 1 / (1 + x * x);
            double n0 = highPass ? 0 : d(0), n1 = top * d(1);
            power *= (n0 + (n1 - n0) * p) / d(p);
        }
        return power;
    }

    private static double Pm(double w0) => Math.Sin(w0 / 2) * Math.Sin(w0 / 2);

    // |A(e^jw)|² as a function of p for analogue poles of s² + (ω/Q)s + ω², mapped by z = e^s.
    private static Func<double, double> Denominator(double omega, double q)
    {
        Complex disc = Complex.Sqrt(new Complex(1 / (4 * q * q) - 1, 0));
        Complex z1 = Complex.Exp(omega * (-1 / (2 * q) + disc)), z2 = Complex.Exp(omega * (-1 / (2 * q) - disc));
        return p =>
        {
            double w = 2 * Math.Asin(Math.Sqrt(p));
            Complex e = Complex.Exp(new Complex(0, -w));
            double m = ((1 - z1 * e) * (1 - z2 * e)).Magnitude;
            return m * m;
        };
    }

    // d/dp of a quadratic in p, from its values at 0, 1/2 and 1.
    private static double Slope(Func<double, double> f, double p)
    {
        var c = Solve3([1, 0, 0, f(0)], [1, 0.5, 0.25, f(0.5)], [1, 1, 1, f(1)]);
        return c[1] + 2 * c[2] * p;
    }

    private static double Poly(double[] c, double p) => c[0] + c[1] * p + c[2] * p * p;

    // Gaussian elimination with partial pivoting on three rows [c0 c1 c2 | rhs].
    private static double[] Solve3(double[] r0, double[] r1, double[] r2)
    {
        var m = new[] { r0, r1, r2 }.Select(r => (double[])r.Clone()).ToArray();
        for (int col = 0; col < 3; col++)
        {
            int pivot = Enumerable.Range(col, 3 - col).MaxBy(r => Math.Abs(m[r][col]));
            (m[col], m[pivot]) = (m[pivot], m[col]);
            for (int r = 0; r < 3; r++)
            {
                if (r == col) continue;
                double f = m[r][col] / m[col][col];
                for (int k = col; k < 4; k++) m[r][k] -= f * m[col][k];
            }
        }
        return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
    }
}
