namespace MixEngine.Dsp.Eq;

/// <summary>
/// Turns one band's (possibly mid-glide) parameters into second-order sections: five coefficients per section,
/// b0 b1 b2 a1 a2 (a0 = 1, y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2). Pure arithmetic, no allocation: callable on the
/// audio thread. Analogue prototypes and the two designs are described in docs/dsp.md ("Parametric EQ").
/// </summary>
internal static partial class EqDesigner
{
    /// <summary>Coefficients per section.</summary>
    public const int Stride = 5;

    /// <summary>Most sections one band needs (a 48 dB/oct pass band: eighth order).</summary>
    public const int MaxSections = 4;

    /// <summary>
    /// Writes the sections of a band of <paramref name="type"/> at <paramref name="corner"/> (its frequency, already
    /// clamped below Nyquist, and Q, taken for this type and design) with <paramref name="gainDb"/> into
    /// <paramref name="sections"/> and returns how many it wrote (0 when the band is exactly transparent).
    /// </summary>
    public static int Design(EqBandType type, EqDesign design, int order, in DesignCorner corner, double gainDb, Span<double> sections)
    {
        double w0 = corner.W0, q = corner.Q;
        bool matched = design == EqDesign.Matched;
        switch (type)
        {
            case EqBandType.HighPass:
            case EqBandType.LowPass:
                return PassCascade(type == EqBandType.HighPass, matched, order, corner, sections);
            case EqBandType.Bell:
                if (gainDb == 0.0) return 0;
                if (matched) MatchedBell(w0, corner.HalfSinSquared, q, gainDb, sections); else BilinearBell(corner, gainDb, sections);
                return 1;
            case EqBandType.LowShelf:
            case EqBandType.HighShelf:
                if (gainDb == 0.0) return 0;
                if (matched) MatchedShelf(type == EqBandType.LowShelf, w0, corner.HalfSinSquared, q, gainDb, sections);
                else BilinearShelf(type == EqBandType.LowShelf, corner, gainDb, sections);
                return 1;
            case EqBandType.Notch:
                if (matched) MatchedNotch(w0, corner.Cos, q, sections); else BilinearNotch(corner, sections);
                return 1;
            default:
                if (matched) MatchedBandPass(w0, corner.HalfSinSquared, q, sections); else BilinearBandPass(corner, sections);
                return 1;
        }
    }

    // ---- Butterworth cascades: order N = poles at angles (2k−1)π/(2N); pairs become sections with Q = 1/(2 sin θ_k),
    // an odd order adds one first-order section. All sections share the corner frequency.
    private static int PassCascade(bool highPass, bool matched, int order, in DesignCorner corner, Span<double> s)
    {
        double w0 = corner.W0;
        int count = 0;
        for (int k = 1; k <= order / 2; k++)
        {
            double q = 1.0 / (2.0 * Math.Sin((2 * k - 1) * Math.PI / (2.0 * order)));
            var section = s.Slice(count++ * Stride, Stride);
            if (matched)
            {
                if (highPass) MatchedHighPass2(w0, corner.HalfSinSquared, q, section); else MatchedLowPass2(w0, corner.HalfSinSquared, q, section);
            }
            else
            {
                BilinearPass2(highPass, corner, q, section);
            }
        }
        if (order % 2 == 1)
        {
            var section = s.Slice(count++ * Stride, Stride);
            if (matched) MatchedPass1(highPass, w0, section); else BilinearPass1(highPass, w0, section);
        }
        return count;
    }

    // ---- Matched design. Poles: the analogue pair s² + (ω/Q)s + ω² mapped by z = e^{sT} (impulse invariance, exact
    // pole positions at any frequency). Numerator: its squared magnitude is B0·cos²(w/2) + B1·sin²(w/2) +
    // B2·sin²(w) for B0 = (b0+b1+b2)², B1 = (b0−b1+b2)², B2 = −4·b0·b2, i.e. a quadratic in p = sin²(w/2):
    // B0 + (B1 − B0 + 4B2)p − 4B2p². Matching the analogue |H|² at chosen points fixes B0..B2, from which the
    // minimum-phase b0..b2 follow.

    /// <summary>
    /// 10^(<paramref name="db"/>/20) as e^(dB·ln 10/20), for the matched designs (the designs a gain automation runs
    /// every period): glibc's exp takes a fraction of its pow's time (pow's larger tables are out of cache again by the
    /// next design of a 128-strip render). Within 1e-15 relative of the exact power for |dB| ≤ 36 (the product's
    /// rounding, scaled by the exponent ≤ 4.2, plus exp's own), so within 1.4e-15 of <c>Math.Pow(10, dB/20)</c>
    /// (docs/dsp.md; <c>ParametricEqTests</c>).
    /// </summary>
    internal static double AmplitudeOfDb(double db) => Math.Exp(db * Ln10Over20);

    // ln(10)/20, rounded to the nearest double.
    private const double Ln10Over20 = 0.11512925464970228;

    private static void Poles(double w, double q, out double a1, out double a2)
    {
        double d = 0.5 / q;
        double r = Math.Exp(-d * w);
        a1 = d <= 1.0 ? -2.0 * r * Math.Cos(Math.Sqrt(1.0 - d * d) * w) : -2.0 * r * Math.Cosh(Math.Sqrt(d * d - 1.0) * w);
        a2 = r * r;
    }

    // |A(e^{jw})|² at p = sin²(w/2), and its derivative with respect to p.
    private static double PowerAt(double a1, double a2, double p, out double slope)
    {
        double a0Sq = (1.0 + a1 + a2) * (1.0 + a1 + a2), a1Sq = (1.0 - a1 + a2) * (1.0 - a1 + a2), cross = -4.0 * a2;
        slope = a1Sq - a0Sq + 4.0 * cross - 8.0 * cross * p;
        return a0Sq + (a1Sq - a0Sq + 4.0 * cross) * p - 4.0 * cross * p * p;
    }

    private static void Numerator(double bDc, double bNyquist, double bCross, Span<double> s)
    {
        double r0 = Math.Sqrt(Math.Max(bDc, 0.0)), r1 = Math.Sqrt(Math.Max(bNyquist, 0.0));
        double w = 0.5 * (r0 + r1);
        double b0 = 0.5 * (w + Math.Sqrt(Math.Max(w * w + bCross, 0.0)));
        s[0] = b0;
        s[1] = 0.5 * (r0 - r1);
        s[2] = b0 > 0.0 ? -bCross / (4.0 * b0) : 0.0;
    }

    // Numerator through three points: p = 0 (DC), p = 1 (Nyquist) and p = pm, each target = analogue |H|²·|A|².
    private static void NumeratorThrough(double dcPower, double nyquistPower, double pm, double midPower, Span<double> s)
        => Numerator(dcPower, nyquistPower, (midPower - dcPower * (1.0 - pm) - nyquistPower * pm) / (4.0 * (1.0 - pm) * pm), s);

    private static void SetPoles(Span<double> s, double a1, double a2)
    {
        s[3] = a1;
        s[4] = a2;
    }

    // Bell (boost), analogue (s² + s·A/Q + 1)/(s² + s/(A·Q) + 1), A = 10^(|gain|/40): poles at Q·A; magnitude matched at
    // DC (1) and at w0 (G = A²) with zero slope there, so the peak sits exactly at w0. A cut is the exact inverse of
    // the boost of the same size (true of the analogue prototype too), so cuts and boosts mirror. Designed four at a
    // time, or alone through the same vector code: MatchedBells, EqDesigner.Bells.cs.

    // Low shelf boost, analogue A·(s² + (√A/Q)s + A)/(A·s² + (√A/Q)s + 1): poles at w0/√A with Q; matched at DC (A⁴
    // in power), at w0 (A²) and at Nyquist. A low cut is its inverse; a high shelf boost is A²/(low boost) and a high
    // cut (low boost)/A² (identities of the analogue prototypes), so all four share one well-conditioned design whose
    // poles stay below the corner.
    private static void MatchedShelf(bool low, double w0, double pm, double q, double gainDb, Span<double> s)
    {
        double a = AmplitudeOfDb(0.5 * Math.Abs(gainDb));
        double sqrtA = Math.Sqrt(a);
        Poles(w0 / sqrtA, q, out double a1, out double a2);
        double x = Math.PI / w0;
        double k = sqrtA * x / q;
        double nyquistH2 = a * a * ((a - x * x) * (a - x * x) + k * k) / ((1.0 - a * x * x) * (1.0 - a * x * x) + k * k);
        double dcPower = a * a * a * a * (1.0 + a1 + a2) * (1.0 + a1 + a2);
        double nyquistPower = nyquistH2 * (1.0 - a1 + a2) * (1.0 - a1 + a2);
        double midPower = a * a * PowerAt(a1, a2, pm, out _);
        NumeratorThrough(dcPower, nyquistPower, pm, midPower, s);
        SetPoles(s, a1, a2);
        bool boost = gainDb > 0.0;
        if (low)
        {
            if (!boost) Invert(s, 1.0);
        }
        else if (boost)
        {
            Invert(s, a * a);
        }
        else
        {
            s[0] /= a * a;
            s[1] /= a * a;
            s[2] /= a * a;
        }
    }

    // Second-order low-pass, analogue 1/(s² + s/Q + 1): matched at DC (1), w0 (Q²) and Nyquist.
    private static void MatchedLowPass2(double w0, double pm, double q, Span<double> s)
    {
        Poles(w0, q, out double a1, out double a2);
        double x = Math.PI / w0;
        double nyquistH2 = 1.0 / ((1.0 - x * x) * (1.0 - x * x) + x * x / (q * q));
        NumeratorThrough((1.0 + a1 + a2) * (1.0 + a1 + a2), nyquistH2 * (1.0 - a1 + a2) * (1.0 - a1 + a2), pm, q * q * PowerAt(a1, a2, pm, out _), s);
        SetPoles(s, a1, a2);
    }

    // Second-order high-pass, analogue s²/(s² + s/Q + 1): numerator b0·(1 − z⁻¹)² (double zero at DC, as analogue);
    // its power 16·b0²·p² is matched at w0 (Q²).
    private static void MatchedHighPass2(double w0, double pm, double q, Span<double> s)
    {
        Poles(w0, q, out double a1, out double a2);
        double b0 = Math.Sqrt(q * q * PowerAt(a1, a2, pm, out _)) / (4.0 * pm);
        s[0] = b0;
        s[1] = -2.0 * b0;
        s[2] = b0;
        SetPoles(s, a1, a2);
    }

    // First-order sections, analogue 1/(1 + s/w0) or (s/w0)/(1 + s/w0): pole e^{−w0}; low-pass matched at DC and
    // Nyquist, high-pass zero at DC and matched at Nyquist.
    private static void MatchedPass1(bool highPass, double w0, Span<double> s)
    {
        double pole = Math.Exp(-w0);
        double x = Math.PI / w0;
        if (highPass)
        {
            double b0 = 0.5 * (1.0 + pole) * x / Math.Sqrt(1.0 + x * x);
            s[0] = b0;
            s[1] = -b0;
        }
        else
        {
            double nyquist = (1.0 + pole) / Math.Sqrt(1.0 + x * x);
            s[0] = 0.5 * (1.0 - pole + nyquist);
            s[1] = 0.5 * (1.0 - pole - nyquist);
        }
        s[2] = 0.0;
        SetPoles(s, -pole, 0.0);
    }

    // Band-pass, analogue (s/Q)/(s² + s/Q + 1): zero at DC (B0 = 0), 0 dB at w0 with zero slope there.
    private static void MatchedBandPass(double w0, double p0, double q, Span<double> s)
    {
        Poles(w0, q, out double a1, out double a2);
        double power = PowerAt(a1, a2, p0, out double slope);
        double cross = (power - p0 * slope) / (4.0 * p0 * p0);
        double nyquist = slope - 4.0 * cross + 8.0 * cross * p0;
        Numerator(0.0, nyquist, cross, s);
        SetPoles(s, a1, a2);
    }

    // Notch, analogue (s² + 1)/(s² + s/Q + 1): zeros exactly on the unit circle at w0 (a true null), scaled to 0 dB at DC.
    private static void MatchedNotch(double w0, double cos, double q, Span<double> s)
    {
        Poles(w0, q, out double a1, out double a2);
        double k = (1.0 + a1 + a2) / (2.0 - 2.0 * cos);
        s[0] = k;
        s[1] = -2.0 * cos * k;
        s[2] = k;
        SetPoles(s, a1, a2);
    }

    // Swaps numerator and denominator (the section's inverse) and multiplies by gain; renormalises to a0 = 1.
    private static void Invert(Span<double> s, double gain)
    {
        double b0 = s[0], b1 = s[1], b2 = s[2], a1 = s[3], a2 = s[4];
        s[0] = gain / b0;
        s[1] = gain * a1 / b0;
        s[2] = gain * a2 / b0;
        s[3] = b1 / b0;
        s[4] = b2 / b0;
    }

    // ---- Bilinear (RBJ cookbook) design, prewarped at w0; alpha = sin(w0)/(2Q), A = 10^(gain/40).

    private static void Normalised(Span<double> s, double b0, double b1, double b2, double a0, double a1, double a2)
    {
        s[0] = b0 / a0;
        s[1] = b1 / a0;
        s[2] = b2 / a0;
        s[3] = a1 / a0;
        s[4] = a2 / a0;
    }

    private static void BilinearPass2(bool highPass, in DesignCorner corner, double q, Span<double> s)
    {
        double cos = corner.Cos, alpha = corner.Sin / (2.0 * q);
        double edge = highPass ? 1.0 + cos : 1.0 - cos;
        Normalised(s, 0.5 * edge, highPass ? -edge : edge, 0.5 * edge, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    private static void BilinearPass1(bool highPass, double w0, Span<double> s)
    {
        double k = Math.Tan(0.5 * w0);
        double b0 = highPass ? 1.0 / (1.0 + k) : k / (1.0 + k);
        s[0] = b0;
        s[1] = highPass ? -b0 : b0;
        s[2] = 0.0;
        SetPoles(s, (k - 1.0) / (k + 1.0), 0.0);
    }

    private static void BilinearBell(in DesignCorner corner, double gainDb, Span<double> s)
    {
        double a = Math.Pow(10.0, gainDb / 40.0);
        double cos = corner.Cos, alpha = corner.Sin / (2.0 * corner.Q);
        Normalised(s, 1.0 + alpha * a, -2.0 * cos, 1.0 - alpha * a, 1.0 + alpha / a, -2.0 * cos, 1.0 - alpha / a);
    }

    private static void BilinearShelf(bool low, in DesignCorner corner, double gainDb, Span<double> s)
    {
        double a = Math.Pow(10.0, gainDb / 40.0);
        double cos = corner.Cos, beta = 2.0 * Math.Sqrt(a) * corner.Sin / (2.0 * corner.Q);
        double sign = low ? 1.0 : -1.0;
        double ap = a + 1.0, am = a - 1.0;
        Normalised(s,
            a * (ap - sign * am * cos + beta),
            sign * 2.0 * a * (am - sign * ap * cos),
            a * (ap - sign * am * cos - beta),
            ap + sign * am * cos + beta,
            -sign * 2.0 * (am + sign * ap * cos),
            ap + sign * am * cos - beta);
    }

    private static void BilinearNotch(in DesignCorner corner, Span<double> s)
    {
        double cos = corner.Cos, alpha = corner.Sin / (2.0 * corner.Q);
        Normalised(s, 1.0, -2.0 * cos, 1.0, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    private static void BilinearBandPass(in DesignCorner corner, Span<double> s)
    {
        double cos = corner.Cos, alpha = corner.Sin / (2.0 * corner.Q);
        Normalised(s, alpha, 0.0, -alpha, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }
}
