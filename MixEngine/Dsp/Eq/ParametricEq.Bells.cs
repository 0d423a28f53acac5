using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// The kernel's matched bells designed together at a control period (<see cref="EqDesigner.MatchedBells"/>: four per
/// vector pass): the bells of a kernel whose gains follow automation all move at once, and one bell's design is a
/// chain of dependent steps that leaves the processor waiting (<see cref="EqLanes"/> goes further and designs the bells
/// of all its kernels together, between the halves of their ticks). Each lane's coefficients are those a band designed
/// alone gets (<see cref="EqDesigner.Design"/> runs the same vector code), so grouping changes no bit. Audio thread; no
/// allocation.
/// </summary>
public sealed partial class ParametricEq
{
    // The designs of the bells of the current control period: five coefficients per band, band-major.
    private readonly double[] _bellDesigns = new double[MaxBands * Stride];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsMatchedBell(in BandControl band)
        => band.Shape is { Enabled: true, Type: EqBandType.Bell, Design: EqDesign.Matched } && band.GainDb != 0.0;

    // Designs the bands of `bells` (one bit per band; each a matched bell with a non-zero gain and a current corner)
    // into _bellDesigns, four per pass; a pass with fewer bands repeats its first one in the spare lanes.
    private void DesignBells(int bells)
    {
        Span<int> bands = stackalloc int[Vector256<double>.Count];
        while (bells != 0)
        {
            int n = 0;
            for (; bells != 0 && n < bands.Length; bells &= bells - 1) bands[n++] = BitOperations.TrailingZeroCount(bells);
            for (int l = n; l < bands.Length; l++) bands[l] = bands[0];
            ref var c0 = ref _bands[bands[0]];
            ref var c1 = ref _bands[bands[1]];
            ref var c2 = ref _bands[bands[2]];
            ref var c3 = ref _bands[bands[3]];
            EqDesigner.MatchedBells(
                Vector256.Create(c0.Corner.W0, c1.Corner.W0, c2.Corner.W0, c3.Corner.W0),
                Vector256.Create(c0.Corner.HalfSinSquared, c1.Corner.HalfSinSquared, c2.Corner.HalfSinSquared, c3.Corner.HalfSinSquared),
                Vector256.Create(c0.Corner.Q, c1.Corner.Q, c2.Corner.Q, c3.Corner.Q),
                Vector256.Create(c0.GainDb, c1.GainDb, c2.GainDb, c3.GainDb),
                out var b0, out var b1, out var b2, out var a1, out var a2);
            for (int l = 0; l < n; l++)
            {
                var design = _bellDesigns.AsSpan(bands[l] * Stride, Stride);
                design[0] = b0.GetElement(l);
                design[1] = b1.GetElement(l);
                design[2] = b2.GetElement(l);
                design[3] = a1.GetElement(l);
                design[4] = a2.GetElement(l);
            }
        }
    }
}
