using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixEngine.Dsp;

/// <summary>
/// Moves blocks between per-strip buffers and the four-lane interleaved layout of the lane kernels
/// (<c>EqLanes</c>, <c>CompressorLanes</c>: frame i of lane l at i·4 + l). With AVX, four frames of four lanes move
/// as one 4×4 transpose (four loads, four unpacks, four lane swaps, four stores) instead of sixteen scalar moves;
/// otherwise, and for the last frames of a block not a multiple of four, sample by sample. Only copies: the values are
/// unchanged. Rt: no allocation, lock or throw for buffers at least <c>count</c> long (interleaved: count·4).
/// </summary>
internal static class LaneInterleave
{
    /// <summary>Lanes of the interleaved layout (doubles in a <see cref="Vector256{T}"/>).</summary>
    public const int Lanes = 4;

    /// <summary>
    /// Interleaves the first <paramref name="count"/> samples of <paramref name="buffers"/>[0..<paramref name="used"/>)
    /// into <paramref name="interleaved"/>; lanes from <paramref name="used"/> on are 0. Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    public static void RtInterleave(double[][] buffers, int used, double[] interleaved, int count)
    {
        int i = 0;
        if (Avx.IsSupported && count >= Lanes)
        {
            ref double b0 = ref LaneStart(buffers, used, 0);
            ref double b1 = ref LaneStart(buffers, used, 1);
            ref double b2 = ref LaneStart(buffers, used, 2);
            ref double b3 = ref LaneStart(buffers, used, 3);
            ref double inter = ref MemoryMarshal.GetArrayDataReference(interleaved);
            int s0 = used > 0 ? 1 : 0, s1 = used > 1 ? 1 : 0, s2 = used > 2 ? 1 : 0, s3 = used > 3 ? 1 : 0;
            for (; i <= count - Lanes; i += Lanes)
            {
                var v0 = Load(ref b0, i, s0);
                var v1 = Load(ref b1, i, s1);
                var v2 = Load(ref b2, i, s2);
                var v3 = Load(ref b3, i, s3);
                Transpose(ref v0, ref v1, ref v2, ref v3);
                nuint o = (nuint)(i * Lanes);
                v0.StoreUnsafe(ref inter, o);
                v1.StoreUnsafe(ref inter, o + Lanes);
                v2.StoreUnsafe(ref inter, o + 2 * Lanes);
                v3.StoreUnsafe(ref inter, o + 3 * Lanes);
            }
        }
        for (int l = 0; l < Lanes; l++)
        {
            if (l < used)
            {
                var x = buffers[l];
                for (int k = i; k < count; k++) interleaved[k * Lanes + l] = x[k];
            }
            else
            {
                for (int k = i; k < count; k++) interleaved[k * Lanes + l] = 0.0;
            }
        }
    }

    /// <summary>
    /// Splits the first <paramref name="count"/> frames of <paramref name="interleaved"/> back into
    /// <paramref name="buffers"/>[0..<paramref name="used"/>) and returns which of those lanes hold only finite samples
    /// (bit l set for lane l): each frame read is also added ×0 to a running sum, which stays 0 for finite samples and
    /// turns NaN for NaN or ±Inf (StripKernel.RtAllFinite's test). Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    public static int RtDeinterleave(double[] interleaved, double[][] buffers, int used, int count)
    {
        int i = 0;
        var zero = Vector256<double>.Zero;
        var check = zero;
        if (Avx.IsSupported && used > 0 && count >= Lanes)
        {
            ref double b0 = ref LaneStart(buffers, used, 0);
            ref double b1 = ref LaneStart(buffers, used, 1);
            ref double b2 = ref LaneStart(buffers, used, 2);
            ref double b3 = ref LaneStart(buffers, used, 3);
            ref double inter = ref MemoryMarshal.GetArrayDataReference(interleaved);
            for (; i <= count - Lanes; i += Lanes)
            {
                nuint o = (nuint)(i * Lanes);
                var v0 = Vector256.LoadUnsafe(ref inter, o);
                var v1 = Vector256.LoadUnsafe(ref inter, o + Lanes);
                var v2 = Vector256.LoadUnsafe(ref inter, o + 2 * Lanes);
                var v3 = Vector256.LoadUnsafe(ref inter, o + 3 * Lanes);
                check += (v0 * zero + v1 * zero) + (v2 * zero + v3 * zero);
                Transpose(ref v0, ref v1, ref v2, ref v3);
                v0.StoreUnsafe(ref b0, (nuint)i);
                if (used > 1) v1.StoreUnsafe(ref b1, (nuint)i);
                if (used > 2) v2.StoreUnsafe(ref b2, (nuint)i);
                if (used > 3) v3.StoreUnsafe(ref b3, (nuint)i);
            }
        }
        for (; i < count; i++)
        {
            var frame = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(interleaved), (nuint)(i * Lanes));
            check += frame * zero;
            for (int l = 0; l < used; l++) buffers[l][i] = frame[l];
        }
        return (int)Vector256.Equals(check, zero).ExtractMostSignificantBits() & ((1 << used) - 1);
    }

    /// <summary>
    /// Multiplies the first <paramref name="count"/> samples of each of <paramref name="buffers"/>[0..<paramref name="used"/>)
    /// in place by its lane of <paramref name="interleaved"/> (sample i of lane l by element i·4 + l) and returns which
    /// of those lanes' products are all finite (bit l set for lane l; each product is also added ×0 to a running sum, as
    /// <see cref="RtDeinterleave"/> checks). Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    public static int RtMultiplyDeinterleaved(double[] interleaved, double[][] buffers, int used, int count)
    {
        int i = 0;
        var zero = Vector256<double>.Zero;
        Vector256<double> c0 = zero, c1 = zero, c2 = zero, c3 = zero;
        if (Avx.IsSupported && used > 0 && count >= Lanes)
        {
            ref double b0 = ref LaneStart(buffers, used, 0);
            ref double b1 = ref LaneStart(buffers, used, 1);
            ref double b2 = ref LaneStart(buffers, used, 2);
            ref double b3 = ref LaneStart(buffers, used, 3);
            ref double inter = ref MemoryMarshal.GetArrayDataReference(interleaved);
            for (; i <= count - Lanes; i += Lanes)
            {
                nuint o = (nuint)(i * Lanes);
                var v0 = Vector256.LoadUnsafe(ref inter, o);
                var v1 = Vector256.LoadUnsafe(ref inter, o + Lanes);
                var v2 = Vector256.LoadUnsafe(ref inter, o + 2 * Lanes);
                var v3 = Vector256.LoadUnsafe(ref inter, o + 3 * Lanes);
                Transpose(ref v0, ref v1, ref v2, ref v3);
                var p0 = Vector256.LoadUnsafe(ref b0, (nuint)i) * v0;
                p0.StoreUnsafe(ref b0, (nuint)i);
                c0 += p0 * zero;
                if (used > 1)
                {
                    var p1 = Vector256.LoadUnsafe(ref b1, (nuint)i) * v1;
                    p1.StoreUnsafe(ref b1, (nuint)i);
                    c1 += p1 * zero;
                }
                if (used > 2)
                {
                    var p2 = Vector256.LoadUnsafe(ref b2, (nuint)i) * v2;
                    p2.StoreUnsafe(ref b2, (nuint)i);
                    c2 += p2 * zero;
                }
                if (used > 3)
                {
                    var p3 = Vector256.LoadUnsafe(ref b3, (nuint)i) * v3;
                    p3.StoreUnsafe(ref b3, (nuint)i);
                    c3 += p3 * zero;
                }
            }
        }
        // Each lane's vector of products ×0 summed to one element per lane (NaN stays NaN), then the last frames.
        Span<double> sums = [Vector256.Sum(c0), Vector256.Sum(c1), Vector256.Sum(c2), Vector256.Sum(c3)];
        for (int l = 0; l < used; l++)
        {
            var y = buffers[l];
            for (int k = i; k < count; k++)
            {
                y[k] *= interleaved[k * Lanes + l];
                sums[l] += y[k] * 0.0;
            }
        }
        int finite = 0;
        for (int l = 0; l < used; l++)
            if (sums[l] == 0.0) finite |= 1 << l;
        return finite;
    }

    // Lane l's first sample, or lane 0's for an unused lane (never read or written through: see Load and the stores).
    private static ref double LaneStart(double[][] buffers, int used, int lane) =>
        ref MemoryMarshal.GetArrayDataReference(lane < used ? buffers[lane] : buffers[0]);

    private static Vector256<double> Load(ref double lane, int i, int used) =>
        used != 0 ? Vector256.LoadUnsafe(ref lane, (nuint)i) : Vector256<double>.Zero;

    // Rows v0..v3 (four frames of one lane each) become columns (four lanes of one frame each), and back.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<double> v0, ref Vector256<double> v1, ref Vector256<double> v2, ref Vector256<double> v3)
    {
        var t0 = Avx.UnpackLow(v0, v1);
        var t1 = Avx.UnpackHigh(v0, v1);
        var t2 = Avx.UnpackLow(v2, v3);
        var t3 = Avx.UnpackHigh(v2, v3);
        v0 = Avx.Permute2x128(t0, t2, 0x20);
        v1 = Avx.Permute2x128(t1, t3, 0x20);
        v2 = Avx.Permute2x128(t0, t2, 0x31);
        v3 = Avx.Permute2x128(t1, t3, 0x31);
    }
}
