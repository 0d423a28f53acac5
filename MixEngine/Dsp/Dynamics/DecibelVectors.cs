using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// The dynamics kernels' conversions between power or gain and decibels, four values at a time (or eight), inlined into the
/// kernel's loop (no call out of it). Each is a range
/// reduction to a power of two and a polynomial fitted on the reduced range (Chebyshev fit, mpmath, 40 digits), with
/// fused multiply-adds (<see cref="Vector256.FusedMultiplyAdd{T}"/>: one rounding each, the same bits on every
/// machine). Accuracy against <see cref="Math.Log10(double)"/> and <see cref="Math.Pow(double, double)"/>
/// (<c>DecibelVectorsTests</c>; docs/dsp.md): <see cref="PowerToDb"/> within 1e-13 dB up to ±100 dB and 1e-15 of the
/// value beyond; <see cref="DbToGain"/> within 1e-14 relative over ±200 dB, 2e-13 at ±6 000 dB (the rounding of
/// dB / 6.02… grows with |dB|). Pure; any thread, Rt-safe.
/// </summary>
internal static class DecibelVectors
{
    private const double Log2ToDb = 6.020599913279624; // 20·log10(2)
    private const double LnToDb = 4.3429448190325182; // 10 / ln 10: dB of a power per natural log unit
    private const double Ln2ToDb = 3.010299956639812; // 10·log10(2): dB of a power per octave of power
    private const double Round = 6755399441055744.0; // 1.5·2^52: adding it rounds a double below 2^51 to an integer, kept in the low bits
    private const double MinNormal = 2.2250738585072014e-308; // 2^−1022
    private const double Two54 = 18014398509481984.0;

    // ln m = 2s·(1 + z·g(z)), z = s²: g's coefficients, highest degree first.
    private const double G5 = 0.084188299853402441463, G4 = 0.090609672156076072071, G3 = 0.11111717273758953332,
        G2 = 0.1428570801055383579, G1 = 0.20000000030870807598, G0 = 0.33333333333276459001;

    /// <summary>
    /// 10·log10(p) for each power: p &gt; 0 (subnormals too) to its level, +∞ to +∞; 0, −0 and NaN to
    /// <paramref name="silenceDb"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowerToDb(Vector256<double> p, Vector256<double> silenceDb)
    {
        // Subnormals scaled into the normal range first (54 octaves taken off again below).
        var subnormal = Vector256.LessThan(p, Vector256.Create(MinNormal));
        var x = Vector256.ConditionalSelect(subnormal, p * Vector256.Create(Two54), p);
        // x = 2^e · m with m in [√½, √2): the bits moved so the exponent field is e + 1023 exactly when m ≥ √½.
        var u = x.AsUInt64() + Vector256.Create(0x3FF0000000000000UL - 0x3FE6A09E667F3BCDUL);
        var m = ((u & Vector256.Create(0x000FFFFFFFFFFFFFUL)) + Vector256.Create(0x3FE6A09E667F3BCDUL)).AsDouble();
        // e + 1023 as a double: the 11-bit field placed in the mantissa of 2^52, 2^52 taken off (exact).
        var e0 = ((u >>> 52) | Vector256.Create(0x4330000000000000UL)).AsDouble() - Vector256.Create(4503599627370496.0 + 1023.0);
        var e = e0 - (subnormal & Vector256.Create(54.0));
        // ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: ln m = 2s·g(s²), g fitted on [0, 0.02944].
        var s = (m - Vector256<double>.One) / (m + Vector256<double>.One);
        var z = s * s;
        var g = Vector256.FusedMultiplyAdd(Vector256.Create(G5), z, Vector256.Create(G4));
        g = Vector256.FusedMultiplyAdd(g, z, Vector256.Create(G3));
        g = Vector256.FusedMultiplyAdd(g, z, Vector256.Create(G2));
        g = Vector256.FusedMultiplyAdd(g, z, Vector256.Create(G1));
        g = Vector256.FusedMultiplyAdd(g, z, Vector256.Create(G0));
        var lnM = (s + s) * Vector256.FusedMultiplyAdd(g, z, Vector256<double>.One);
        var db = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2ToDb), lnM * Vector256.Create(LnToDb));
        db = Vector256.ConditionalSelect(Vector256.Equals(p, Vector256.Create(double.PositiveInfinity)), p, db);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), db, silenceDb);
    }

    /// <summary>
    /// <see cref="PowerToDb(Vector256{double}, Vector256{double})"/> on eight powers at once, operation for operation
    /// (the same bits per element), where <see cref="Vector512.IsHardwareAccelerated"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> PowerToDb(Vector512<double> p, Vector512<double> silenceDb)
    {
        var subnormal = Vector512.LessThan(p, Vector512.Create(MinNormal));
        var x = Vector512.ConditionalSelect(subnormal, p * Vector512.Create(Two54), p);
        var u = x.AsUInt64() + Vector512.Create(0x3FF0000000000000UL - 0x3FE6A09E667F3BCDUL);
        var m = ((u & Vector512.Create(0x000FFFFFFFFFFFFFUL)) + Vector512.Create(0x3FE6A09E667F3BCDUL)).AsDouble();
        var e0 = ((u >>> 52) | Vector512.Create(0x4330000000000000UL)).AsDouble() - Vector512.Create(4503599627370496.0 + 1023.0);
        var e = e0 - (subnormal & Vector512.Create(54.0));
        var s = (m - Vector512<double>.One) / (m + Vector512<double>.One);
        var z = s * s;
        var g = Vector512.FusedMultiplyAdd(Vector512.Create(G5), z, Vector512.Create(G4));
        g = Vector512.FusedMultiplyAdd(g, z, Vector512.Create(G3));
        g = Vector512.FusedMultiplyAdd(g, z, Vector512.Create(G2));
        g = Vector512.FusedMultiplyAdd(g, z, Vector512.Create(G1));
        g = Vector512.FusedMultiplyAdd(g, z, Vector512.Create(G0));
        var lnM = (s + s) * Vector512.FusedMultiplyAdd(g, z, Vector512<double>.One);
        var db = Vector512.FusedMultiplyAdd(e, Vector512.Create(Ln2ToDb), lnM * Vector512.Create(LnToDb));
        db = Vector512.ConditionalSelect(Vector512.Equals(p, Vector512.Create(double.PositiveInfinity)), p, db);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(p, Vector512<double>.Zero), db, silenceDb);
    }

    // 2^f = 1 + f·q(f) on [−½, ½]: q's coefficients, highest degree first.
    private const double Q10 = 4.4549605981865183938e-10, Q9 = 7.0725859492692236999e-9, Q8 = 1.0178062445845773521e-7,
        Q7 = 1.3215442587921689653e-6, Q6 = 0.000015252733829836118394, Q5 = 0.00015403530441736050155,
        Q4 = 0.001333355814641693531, Q3 = 0.0096181291076068885273, Q2 = 0.055504108664821594339,
        Q1 = 0.2402265069591009822, Q0 = 0.69314718055994530942;

    /// <summary>
    /// 10^(dB/20) for each gain in dB: 0 dB exactly 1; below −6 153 dB (2^−1022) 0, above +6 158 dB (2^1023) +∞; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> DbToGain(Vector256<double> db)
    {
        var y = db * Vector256.Create(1.0 / Log2ToDb);
        var lo = Vector256.Create(-1022.0);
        var hi = Vector256.Create(1023.0);
        var clamped = Vector256.ConditionalSelect(Vector256.LessThan(y, lo), lo, Vector256.ConditionalSelect(Vector256.GreaterThan(y, hi), hi, y));
        // 2^y = 2^n · 2^f, n = y rounded to the nearest integer (ties to even), f = y − n in [−½, ½] (exact).
        var t = clamped + Vector256.Create(Round);
        var f = clamped - (t - Vector256.Create(Round));
        var q = Vector256.FusedMultiplyAdd(Vector256.Create(Q10), f, Vector256.Create(Q9));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q8));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q7));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q6));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q5));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q4));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q3));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q2));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q1));
        q = Vector256.FusedMultiplyAdd(q, f, Vector256.Create(Q0));
        var twoF = Vector256.FusedMultiplyAdd(f, q, Vector256<double>.One);
        // 2^n from its bits: the low bits of t hold n (mod 2^12), so (t + 1023) << 52 is the exponent field of 2^n.
        var twoN = ((t.AsUInt64() + Vector256.Create(1023UL)) << 52).AsDouble();
        var gain = twoF * twoN;
        gain = Vector256.ConditionalSelect(Vector256.LessThan(y, lo), Vector256<double>.Zero, gain);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(y, hi), Vector256.Create(double.PositiveInfinity), gain);
    }

    /// <summary>
    /// <see cref="DbToGain(Vector256{double})"/> on eight gains at once, operation for operation (the same bits per
    /// element): for a kernel that has two vectors of four ready together, where <see cref="Vector512.IsHardwareAccelerated"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> DbToGain(Vector512<double> db)
    {
        var y = db * Vector512.Create(1.0 / Log2ToDb);
        var lo = Vector512.Create(-1022.0);
        var hi = Vector512.Create(1023.0);
        var clamped = Vector512.ConditionalSelect(Vector512.LessThan(y, lo), lo, Vector512.ConditionalSelect(Vector512.GreaterThan(y, hi), hi, y));
        var t = clamped + Vector512.Create(Round);
        var f = clamped - (t - Vector512.Create(Round));
        var q = Vector512.FusedMultiplyAdd(Vector512.Create(Q10), f, Vector512.Create(Q9));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q8));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q7));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q6));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q5));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q4));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q3));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q2));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q1));
        q = Vector512.FusedMultiplyAdd(q, f, Vector512.Create(Q0));
        var twoF = Vector512.FusedMultiplyAdd(f, q, Vector512<double>.One);
        var twoN = ((t.AsUInt64() + Vector512.Create(1023UL)) << 52).AsDouble();
        var gain = twoF * twoN;
        gain = Vector512.ConditionalSelect(Vector512.LessThan(y, lo), Vector512<double>.Zero, gain);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(y, hi), Vector512.Create(double.PositiveInfinity), gain);
    }
}
