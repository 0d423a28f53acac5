using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Eq;

// The matched bell, four bands at a time (one per lane of a Vector256): a gain automation redesigns every automated
// bell of a kernel once per control period, and one bell's design is a chain of dependent steps (exp, square root,
// exp, cos, the numerator's three roots, a division), so one bell alone keeps the processor waiting; four in the lanes
// of one vector wait once. Per lane the arithmetic is the former scalar design's (the same operations in the same
// order; IEEE division and square root give the same bits in a lane as in a scalar), with the exponentials and the
// cosine from .NET's vector functions (Vector256.Exp, Vector256.Cos) instead of glibc's. Every matched bell is
// designed here, one band or four, and the lanes are independent, so a band's coefficients do not depend on which
// bands share its pass: the scalar kernel, EqLanes and every render agree bit for bit. How far this is from the
// glibc design: docs/dsp.md, MatchedBellDesignTests.
internal static partial class EqDesigner
{
    /// <summary>
    /// Designs four matched bells, lane by lane (<paramref name="w0"/>, <paramref name="halfSinSquared"/> and
    /// <paramref name="q"/> as <see cref="DesignCorner"/> takes them, <paramref name="gainDb"/> non-zero), as the five
    /// coefficient vectors b0 b1 b2 a1 a2. Unused lanes may hold any finite corner (their results are not read).
    /// </summary>
    public static void MatchedBells(Vector256<double> w0, Vector256<double> halfSinSquared, Vector256<double> q, Vector256<double> gainDb,
        out Vector256<double> b0, out Vector256<double> b1, out Vector256<double> b2, out Vector256<double> a1, out Vector256<double> a2)
    {
        var one = Vector256<double>.One;
        var zero = Vector256<double>.Zero;
        var four = Vector256.Create(4.0);
        var half = Vector256.Create(0.5);
        var p0 = halfSinSquared;
        var g = Vector256.Exp(Vector256.Abs(gainDb) * Vector256.Create(Ln10Over20));

        // Poles of the analogue pair at Q·√g, mapped by z = e^{sT}; a lane whose poles are real (d > 1: Q·√g < 0.5)
        // takes the hyperbolic cosine, scalar (a rare, wide bell).
        var d = half / (q * Vector256.Sqrt(g));
        var r = Vector256.Exp(-d * w0);
        var p1 = Vector256.Create(-2.0) * r * Vector256.Cos(Vector256.Sqrt(Vector256.Max(one - d * d, zero)) * w0);
        var real = Vector256.GreaterThan(d, one);
        if (real != zero) p1 = RealPoles(p1, real, d, r, w0);
        var p2 = r * r;

        // |A|² and its slope at p0 (PowerAt), then the numerator through DC, the gain at w0 and zero slope there.
        var dc = (one + p1 + p2) * (one + p1 + p2);
        var nyquistPoles = (one - p1 + p2) * (one - p1 + p2);
        var poleCross = Vector256.Create(-4.0) * p2;
        var slope = nyquistPoles - dc + four * poleCross - Vector256.Create(8.0) * poleCross * p0;
        var power = dc + (nyquistPoles - dc + four * poleCross) * p0 - four * poleCross * p0 * p0;
        var g2 = g * g;
        var r1 = g2 * power;
        var r2 = g2 * slope;
        var cross = (r1 - p0 * r2 - dc) / (four * p0 * p0);
        var nyquist = r2 + dc + four * (Vector256.Create(2.0) * p0 - one) * cross;

        // Numerator: the minimum-phase b0..b2 of that power.
        var root0 = Vector256.Sqrt(Vector256.Max(dc, zero));
        var root1 = Vector256.Sqrt(Vector256.Max(nyquist, zero));
        var w = half * (root0 + root1);
        var n0 = half * (w + Vector256.Sqrt(Vector256.Max(w * w + cross, zero)));
        var n1 = half * (root0 - root1);
        var n2 = Vector256.ConditionalSelect(Vector256.GreaterThan(n0, zero), -cross / (four * n0), zero);

        // A cut is the boost's inverse: numerator and denominator swapped, renormalised to a0 = 1.
        var cut = Vector256.LessThan(gainDb, zero);
        b0 = Vector256.ConditionalSelect(cut, one / n0, n0);
        b1 = Vector256.ConditionalSelect(cut, p1 / n0, n1);
        b2 = Vector256.ConditionalSelect(cut, p2 / n0, n2);
        a1 = Vector256.ConditionalSelect(cut, n1 / n0, p1);
        a2 = Vector256.ConditionalSelect(cut, n2 / n0, p2);
    }

    // The first feedback coefficient of the lanes whose poles are real (Poles' d > 1 branch), the others kept.
    private static Vector256<double> RealPoles(Vector256<double> p1, Vector256<double> real, Vector256<double> d, Vector256<double> r, Vector256<double> w0)
    {
        for (int l = 0; l < Vector256<double>.Count; l++)
        {
            if (real.GetElement(l) == 0.0) continue;
            double dl = d.GetElement(l);
            p1 = p1.WithElement(l, -2.0 * r.GetElement(l) * Math.Cosh(Math.Sqrt(dl * dl - 1.0) * w0.GetElement(l)));
        }
        return p1;
    }

    /// <summary>One matched bell through <see cref="MatchedBells"/> (its first lane), so a band designed alone gets the same bits.</summary>
    private static void MatchedBell(double w0, double p0, double q, double gainDb, Span<double> s)
    {
        MatchedBells(Vector256.Create(w0), Vector256.Create(p0), Vector256.Create(q), Vector256.Create(gainDb),
            out var b0, out var b1, out var b2, out var a1, out var a2);
        s[0] = b0.ToScalar();
        s[1] = b1.ToScalar();
        s[2] = b2.ToScalar();
        s[3] = a1.ToScalar();
        s[4] = a2.ToScalar();
    }
}
