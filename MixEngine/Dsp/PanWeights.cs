using System.Runtime.CompilerServices;

namespace MixEngine.Dsp;

/// <summary>
/// The box panner's weights along one axis: cos(πt/2) and sin(πt/2) for a position t (0 … 1) between two neighbours,
/// by polynomials instead of a library sine and cosine (a followed pan evaluates several per update point).
/// <para>
/// Method: with u = min(t, 1 − t) (1 − t is exact for t ≥ ½), x = πu/2 lies in [0, π/4]; sin x and cos x are their
/// Taylor series in u (coefficients ±(π/2)ⁿ/n! rounded to the nearest double) through u¹⁷ and u¹⁶, evaluated by
/// Horner's rule in u² with fused multiply-adds; for t &gt; ½ the two swap (cos(πt/2) = sin(πu/2)). The first omitted
/// terms are below 1e-19 and 2.1e-18 at u = ½, so the error is the rounding of the evaluation: within 2e-16 of the exact
/// values for every t (1.4e-16 the largest seen; <c>PanWeightsTests</c> checks against sums in exact fixed point). The
/// library's SinCos of the rounded 0.5·π·t, used before, is itself up to about 3e-16 off. The weights are exactly (1, 0)
/// at t = 0, exactly mirrored (the weights of 1 − t are those of t swapped), and every operation is correctly rounded,
/// so the bits are the same on every machine.
/// </para>
/// <para>
/// The pan's update-point methods that run this (the speaker grid, the box panner, the pan stage's and ramp's block
/// starts) carry <see cref="MethodImplOptions.AggressiveOptimization"/>, which leaves them out of the launcher's
/// ReadyToRun image. That image is compiled for generic x64: there each fused multiply-add is a call into the runtime's
/// software path and every tuple constructor a call (ValueTuple lies outside the image's version bubble), which made a
/// point's gains about four times as slow as the same code compiled at its first call for the machine (inline
/// <c>vfmadd</c>, tuples in registers). The bits are the same either way: a fused multiply-add is correctly rounded.
/// </para>
/// <para>Any thread; allocates nothing.</para>
/// </summary>
public static class PanWeights
{
    // (π/2)^(2k+1)/(2k+1)! with alternating signs: sin(πu/2) = u·(S0 + S1·u² + … + S8·u¹⁶).
    private const double S0 = 1.5707963267948966, S1 = -0.6459640975062463, S2 = 0.07969262624616705,
        S3 = -0.004681754135318688, S4 = 0.00016044118478735983, S5 = -3.598843235212085e-06,
        S6 = 5.692172921967927e-08, S7 = -6.688035109811468e-10, S8 = 6.0669357311061955e-12;

    // (π/2)^(2k)/(2k)! with alternating signs: cos(πu/2) = 1 + C1·u² + … + C8·u¹⁶.
    private const double C1 = -1.2337005501361697, C2 = 0.25366950790104803, C3 = -0.02086348076335296,
        C4 = 0.0009192602748394266, C5 = -2.5202042373060607e-05, C6 = 4.710874778818172e-07,
        C7 = -6.386603083791852e-09, C8 = 6.565963114979473e-11;

    /// <summary>cos(π<paramref name="t"/>/2) and sin(π<paramref name="t"/>/2) for 0 ≤ <paramref name="t"/> ≤ 1, each within 2e-16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double Cos, double Sin) At(double t)
    {
        bool upper = t > 0.5;
        double u = upper ? 1.0 - t : t;
        double w = u * u;
        double s = S8;
        s = Math.FusedMultiplyAdd(s, w, S7);
        s = Math.FusedMultiplyAdd(s, w, S6);
        s = Math.FusedMultiplyAdd(s, w, S5);
        s = Math.FusedMultiplyAdd(s, w, S4);
        s = Math.FusedMultiplyAdd(s, w, S3);
        s = Math.FusedMultiplyAdd(s, w, S2);
        s = Math.FusedMultiplyAdd(s, w, S1);
        s = Math.FusedMultiplyAdd(s, w, S0) * u;
        double c = C8;
        c = Math.FusedMultiplyAdd(c, w, C7);
        c = Math.FusedMultiplyAdd(c, w, C6);
        c = Math.FusedMultiplyAdd(c, w, C5);
        c = Math.FusedMultiplyAdd(c, w, C4);
        c = Math.FusedMultiplyAdd(c, w, C3);
        c = Math.FusedMultiplyAdd(c, w, C2);
        c = Math.FusedMultiplyAdd(c, w, C1);
        c = Math.FusedMultiplyAdd(c, w, 1.0);
        return upper ? (s, c) : (c, s);
    }
}
