using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp;

/// <summary>
/// Gain polylines: a gain that moves in a straight line between points <c>interval</c> samples apart (a followed pan's
/// update points), summed over a whole block in one call. Point p's gain is <c>points[p × stride]</c>; the block starts
/// <c>offset</c> samples after point 0, so a sample k samples after point p (0 ≤ k &lt; interval) gets start + step·k with
/// start = G(p) and step = (G(p + 1) − G(p)) / interval, k exact (a small integer), a separate multiply and add (no fused
/// multiply-add): the gain depends on the position alone, so any block split gives the same bits. A piece whose two ends
/// are 0 adds nothing; a piece whose ends are equal adds the held gain as
/// <see cref="RtAccumulate(ReadOnlySpan{double}, Span{double}, double)"/> does (the same bits as the line with step 0).
/// The vector loops (<see cref="Vector512"/> where the hardware has it, else <see cref="Vector256"/>) compute every lane
/// as the scalar loop does, so the bits do not depend on the vector width.
/// </summary>
public static partial class MixSum
{
    // The vector width the public calls use: 8 (Vector512), 4 (Vector256) or 1 (scalar); tests pass each width.
    internal static int PolylineWidth => Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    /// <summary>
    /// Adds <paramref name="source"/> × the gain polyline through <paramref name="points"/> (point p's gain at
    /// points[p × <paramref name="stride"/>], <paramref name="interval"/> samples apart, the block starting
    /// <paramref name="offset"/> samples after point 0) into <paramref name="destination"/> (same length as the source;
    /// the points cover the block). Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    public static void RtAccumulatePolyline(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> points,
        int stride, int offset, int interval) =>
        AccumulatePolyline(source, destination, points, stride, offset, interval, PolylineWidth);

    /// <summary>
    /// Adds <paramref name="source"/> × the polylines through <paramref name="points0"/> and <paramref name="points1"/>
    /// into <paramref name="destination0"/> and <paramref name="destination1"/>: the bits of the two
    /// <see cref="RtAccumulatePolyline"/> calls, reading the source once where both sound. Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    public static void RtAccumulatePolylinePair(ReadOnlySpan<double> source, Span<double> destination0, Span<double> destination1,
        ReadOnlySpan<double> points0, ReadOnlySpan<double> points1, int stride, int offset, int interval) =>
        AccumulatePolylinePair(source, destination0, destination1, points0, points1, stride, offset, interval, PolylineWidth);

    /// <summary><see cref="RtAccumulatePolyline"/> with the vector <paramref name="width"/> (8, 4 or 1) given.</summary>
    // Every method here is compiled fully optimized at its first call: pan lanes run them from the first block, and their
    // Vector512 code is not precompiled (ReadyToRun), so without this they would start as slow tier-0 code while the JIT tiers up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AccumulatePolyline(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> points,
        int stride, int offset, int interval, int width)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        ref double p = ref MemoryMarshal.GetReference(points);
        for (int done = 0; done < n; offset = 0, p = ref Unsafe.Add(ref p, stride))
        {
            int end = Math.Min(n, done + interval - offset);
            double from = p, to = Unsafe.Add(ref p, stride);
            if (from != to) LinePiece(ref s, ref d, done, end, offset - done, from, (to - from) / interval, width);
            else if (from != 0.0) HeldPiece(ref s, ref d, done, end, from, width);
            done = end;
        }
    }

    /// <summary><see cref="RtAccumulatePolylinePair"/> with the vector <paramref name="width"/> (8, 4 or 1) given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    internal static void AccumulatePolylinePair(ReadOnlySpan<double> source, Span<double> destination0, Span<double> destination1,
        ReadOnlySpan<double> points0, ReadOnlySpan<double> points1, int stride, int offset, int interval, int width)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d0 = ref MemoryMarshal.GetReference(destination0);
        ref double d1 = ref MemoryMarshal.GetReference(destination1);
        ref double p0 = ref MemoryMarshal.GetReference(points0);
        ref double p1 = ref MemoryMarshal.GetReference(points1);
        for (int done = 0; done < n; offset = 0, p0 = ref Unsafe.Add(ref p0, stride), p1 = ref Unsafe.Add(ref p1, stride))
        {
            int end = Math.Min(n, done + interval - offset), kBase = offset - done;
            double from0 = p0, to0 = Unsafe.Add(ref p0, stride), from1 = p1, to1 = Unsafe.Add(ref p1, stride);
            bool sounds0 = from0 != 0.0 || to0 != 0.0, sounds1 = from1 != 0.0 || to1 != 0.0;
            // Both sound: one pass over the source (a held gain is the line with step 0: from + 0·k is from, the same bits).
            if (sounds0 && sounds1)
                LinePairPiece(ref s, ref d0, ref d1, done, end, kBase, from0, (to0 - from0) / interval, from1, (to1 - from1) / interval, width);
            else if (sounds0) SinglePiece(ref s, ref d0, done, end, kBase, from0, to0, interval, width);
            else if (sounds1) SinglePiece(ref s, ref d1, done, end, kBase, from1, to1, interval, width);
            done = end;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    private static void SinglePiece(ref double s, ref double d, int i, int end, int kBase, double from, double to, int interval, int width)
    {
        if (from != to) LinePiece(ref s, ref d, i, end, kBase, from, (to - from) / interval, width);
        else HeldPiece(ref s, ref d, i, end, from, width);
    }

    // d[i] += s[i] × gain for i in [i, end).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    private static void HeldPiece(ref double s, ref double d, int i, int end, double gain, int width)
    {
        if (width == 8)
        {
            var g = Vector512.Create(gain);
            for (; i <= end - 8; i += 8)
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d, (nuint)i) + Vector512.LoadUnsafe(ref s, (nuint)i) * g, ref d, (nuint)i);
        }
        else if (width == 4)
        {
            var g = Vector256.Create(gain);
            for (; i <= end - 4; i += 4)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i) * g, ref d, (nuint)i);
        }
        for (; i < end; i++)
        {
            double product = Unsafe.Add(ref s, i) * gain;
            Unsafe.Add(ref d, i) += product;
        }
    }

    // d[i] += s[i] × (start + step·k), k = kBase + i, for i in [i, end). Two vectors per pass, each with its own k, so
    // the k additions (exact: small integers) do not chain the passes one behind the other.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    private static void LinePiece(ref double s, ref double d, int i, int end, int kBase, double start, double step, int width)
    {
        if (width == 8)
        {
            var a = Vector512.Create(start);
            var b = Vector512.Create(step);
            var k0 = Vector512.Create((double)(kBase + i)) + Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
            var k1 = k0 + Vector512.Create(8.0);
            var sixteen = Vector512.Create(16.0);
            for (; i <= end - 16; i += 16, k0 += sixteen, k1 += sixteen)
            {
                var p0 = Vector512.LoadUnsafe(ref s, (nuint)i) * (a + b * k0);
                var p1 = Vector512.LoadUnsafe(ref s, (nuint)(i + 8)) * (a + b * k1);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d, (nuint)i) + p0, ref d, (nuint)i);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d, (nuint)(i + 8)) + p1, ref d, (nuint)(i + 8));
            }
            if (i <= end - 8)
            {
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d, (nuint)i) + Vector512.LoadUnsafe(ref s, (nuint)i) * (a + b * k0), ref d, (nuint)i);
                i += 8;
            }
        }
        else if (width == 4)
        {
            var a = Vector256.Create(start);
            var b = Vector256.Create(step);
            var k0 = Vector256.Create((double)(kBase + i)) + Vector256.Create(0.0, 1, 2, 3);
            var k1 = k0 + Vector256.Create(4.0);
            var eight = Vector256.Create(8.0);
            for (; i <= end - 8; i += 8, k0 += eight, k1 += eight)
            {
                var p0 = Vector256.LoadUnsafe(ref s, (nuint)i) * (a + b * k0);
                var p1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 4)) * (a + b * k1);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + p0, ref d, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)(i + 4)) + p1, ref d, (nuint)(i + 4));
            }
            if (i <= end - 4)
            {
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i) * (a + b * k0), ref d, (nuint)i);
                i += 4;
            }
        }
        for (; i < end; i++)
        {
            double product = Unsafe.Add(ref s, i) * (start + step * (kBase + i));
            Unsafe.Add(ref d, i) += product;
        }
    }

    // LinePiece into two destinations, one source load for both.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as AccumulatePolyline
    private static void LinePairPiece(ref double s, ref double d0, ref double d1, int i, int end, int kBase,
        double start0, double step0, double start1, double step1, int width)
    {
        if (width == 8)
        {
            var a0 = Vector512.Create(start0);
            var b0 = Vector512.Create(step0);
            var a1 = Vector512.Create(start1);
            var b1 = Vector512.Create(step1);
            var k0 = Vector512.Create((double)(kBase + i)) + Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
            var k1 = k0 + Vector512.Create(8.0);
            var sixteen = Vector512.Create(16.0);
            for (; i <= end - 16; i += 16, k0 += sixteen, k1 += sixteen)
            {
                var x0 = Vector512.LoadUnsafe(ref s, (nuint)i);
                var x1 = Vector512.LoadUnsafe(ref s, (nuint)(i + 8));
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d0, (nuint)i) + x0 * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d1, (nuint)i) + x0 * (a1 + b1 * k0), ref d1, (nuint)i);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d0, (nuint)(i + 8)) + x1 * (a0 + b0 * k1), ref d0, (nuint)(i + 8));
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d1, (nuint)(i + 8)) + x1 * (a1 + b1 * k1), ref d1, (nuint)(i + 8));
            }
            if (i <= end - 8)
            {
                var x = Vector512.LoadUnsafe(ref s, (nuint)i);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d0, (nuint)i) + x * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d1, (nuint)i) + x * (a1 + b1 * k0), ref d1, (nuint)i);
                i += 8;
            }
        }
        else if (width == 4)
        {
            var a0 = Vector256.Create(start0);
            var b0 = Vector256.Create(step0);
            var a1 = Vector256.Create(start1);
            var b1 = Vector256.Create(step1);
            var k0 = Vector256.Create((double)(kBase + i)) + Vector256.Create(0.0, 1, 2, 3);
            var k1 = k0 + Vector256.Create(4.0);
            var eight = Vector256.Create(8.0);
            for (; i <= end - 8; i += 8, k0 += eight, k1 += eight)
            {
                var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 4));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)i) + x0 * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)i) + x0 * (a1 + b1 * k0), ref d1, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)(i + 4)) + x1 * (a0 + b0 * k1), ref d0, (nuint)(i + 4));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)(i + 4)) + x1 * (a1 + b1 * k1), ref d1, (nuint)(i + 4));
            }
            if (i <= end - 4)
            {
                var x = Vector256.LoadUnsafe(ref s, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)i) + x * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)i) + x * (a1 + b1 * k0), ref d1, (nuint)i);
                i += 4;
            }
        }
        for (; i < end; i++)
        {
            double k = kBase + i, x = Unsafe.Add(ref s, i);
            double product0 = x * (start0 + step0 * k), product1 = x * (start1 + step1 * k);
            Unsafe.Add(ref d0, i) += product0;
            Unsafe.Add(ref d1, i) += product1;
        }
    }
}
