using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp;

/// <summary>
/// The summing kernel of a bus: destination += source × gain, with a separate IEEE multiply and add (never a fused
/// multiply-add), so vector and scalar loops give the same bits and a bus summed feeder by feeder in a fixed order is
/// bit-identical for any block size and thread count. Rt-safe: never allocates, locks or throws for equal-length spans.
/// </summary>
public static class MixSum
{
    /// <summary>Adds <paramref name="source"/> × <paramref name="gain"/> into <paramref name="destination"/> (same length). Rt.</summary>
    public static void RtAccumulate(ReadOnlySpan<double> source, Span<double> destination, double gain)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(gain);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var product = Vector256.LoadUnsafe(ref s, (nuint)i) * g;
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + product, ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double product = Unsafe.Add(ref s, i) * gain;
            Unsafe.Add(ref d, i) += product;
        }
    }

    /// <summary>
    /// Replaces every sample x of <paramref name="samples"/> by 0 + x × <paramref name="gain"/>: what
    /// <see cref="RtAccumulate(ReadOnlySpan{double}, Span{double}, double)"/> leaves in a zeroed destination, bit for bit
    /// (the added +0 turns a product of −0 into +0), so a first contributor may be written in place instead of summed. Rt.
    /// </summary>
    public static void RtScaleOntoZero(Span<double> samples, double gain)
    {
        int n = samples.Length;
        ref double d = ref MemoryMarshal.GetReference(samples);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(gain);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                Vector256.StoreUnsafe(Vector256<double>.Zero + Vector256.LoadUnsafe(ref d, (nuint)i) * g, ref d, (nuint)i);
        }
        for (; i < n; i++)
        {
            double product = Unsafe.Add(ref d, i) * gain;
            Unsafe.Add(ref d, i) = 0.0 + product;
        }
    }

    /// <summary>Adds <paramref name="source"/> × the per-sample <paramref name="gains"/> into <paramref name="destination"/> (same lengths). Rt.</summary>
    public static void RtAccumulate(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> gains)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        ref double g = ref MemoryMarshal.GetReference(gains);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var product = Vector256.LoadUnsafe(ref s, (nuint)i) * Vector256.LoadUnsafe(ref g, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + product, ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double product = Unsafe.Add(ref s, i) * Unsafe.Add(ref g, i);
            Unsafe.Add(ref d, i) += product;
        }
    }

    /// <summary>
    /// Adds <paramref name="source"/> × the gain line start + step·k into <paramref name="destination"/> (same length),
    /// k = <paramref name="offset"/> + i for sample i: the gain depends on k alone (small integers are exact in a double),
    /// so a line split across blocks at any point gives the same gains. Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // pan lanes run it from the first block: no slow tier-0 code while the JIT tiers up
    public static void RtAccumulateLine(ReadOnlySpan<double> source, Span<double> destination, double start, double step, int offset)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four vectors per pass, each with its own k, so the k additions (exact: small integers) do not chain the
            // passes one behind the other; the gains are the same start + step·k as one vector at a time.
            var startV = Vector256.Create(start);
            var stepV = Vector256.Create(step);
            var four = Vector256.Create(4.0);
            var k0 = Vector256.Create(offset + 0.0, offset + 1.0, offset + 2.0, offset + 3.0);
            var k1 = k0 + four;
            var k2 = k1 + four;
            var k3 = k2 + four;
            var sixteen = Vector256.Create(16.0);
            for (; i <= n - 16; i += 16)
            {
                var p0 = Vector256.LoadUnsafe(ref s, (nuint)i) * (startV + stepV * k0);
                var p1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 4)) * (startV + stepV * k1);
                var p2 = Vector256.LoadUnsafe(ref s, (nuint)(i + 8)) * (startV + stepV * k2);
                var p3 = Vector256.LoadUnsafe(ref s, (nuint)(i + 12)) * (startV + stepV * k3);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + p0, ref d, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)(i + 4)) + p1, ref d, (nuint)(i + 4));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)(i + 8)) + p2, ref d, (nuint)(i + 8));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)(i + 12)) + p3, ref d, (nuint)(i + 12));
                k0 += sixteen;
                k1 += sixteen;
                k2 += sixteen;
                k3 += sixteen;
            }
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count, k0 += four)
            {
                var product = Vector256.LoadUnsafe(ref s, (nuint)i) * (startV + stepV * k0);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + product, ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double gain = start + step * (double)(offset + i);
            double product = Unsafe.Add(ref s, i) * gain;
            Unsafe.Add(ref d, i) += product;
        }
    }

    /// <summary>
    /// Adds <paramref name="source"/> × the gain line start0 + step0·k into <paramref name="destination0"/> and × start1 +
    /// step1·k into <paramref name="destination1"/> (same lengths, k as in
    /// <see cref="RtAccumulateLine(ReadOnlySpan{double}, Span{double}, double, double, int)"/>): the same bits as the two
    /// calls, reading the source once. Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RtAccumulateLine
    public static void RtAccumulateLinePair(ReadOnlySpan<double> source, Span<double> destination0, Span<double> destination1,
        double start0, double step0, double start1, double step1, int offset)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d0 = ref MemoryMarshal.GetReference(destination0);
        ref double d1 = ref MemoryMarshal.GetReference(destination1);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a0 = Vector256.Create(start0);
            var b0 = Vector256.Create(step0);
            var a1 = Vector256.Create(start1);
            var b1 = Vector256.Create(step1);
            var four = Vector256.Create(4.0);
            var eight = Vector256.Create(8.0);
            var k0 = Vector256.Create(offset + 0.0, offset + 1.0, offset + 2.0, offset + 3.0);
            var k1 = k0 + four;
            for (; i <= n - 8; i += 8)
            {
                var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref s, (nuint)(i + 4));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)i) + x0 * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)i) + x0 * (a1 + b1 * k0), ref d1, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)(i + 4)) + x1 * (a0 + b0 * k1), ref d0, (nuint)(i + 4));
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)(i + 4)) + x1 * (a1 + b1 * k1), ref d1, (nuint)(i + 4));
                k0 += eight;
                k1 += eight;
            }
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count, k0 += four)
            {
                var x = Vector256.LoadUnsafe(ref s, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d0, (nuint)i) + x * (a0 + b0 * k0), ref d0, (nuint)i);
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d1, (nuint)i) + x * (a1 + b1 * k0), ref d1, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double k = offset + i, x = Unsafe.Add(ref s, i);
            double product0 = x * (start0 + step0 * k), product1 = x * (start1 + step1 * k);
            Unsafe.Add(ref d0, i) += product0;
            Unsafe.Add(ref d1, i) += product1;
        }
    }

    /// <summary>
    /// Adds <paramref name="source"/> × a straight gain ramp into <paramref name="destination"/> (same length): sample i
    /// gets gain start + (target − start)·(k / <paramref name="length"/>) with k = <paramref name="position"/> + i + 1, so a
    /// ramp split across blocks at any point gives the same gains. Rt.
    /// </summary>
    public static void RtAccumulateRamp(ReadOnlySpan<double> source, Span<double> destination, double start, double target, int position, int length)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        double delta = target - start, total = length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var startV = Vector256.Create(start);
            var deltaV = Vector256.Create(delta);
            var totalV = Vector256.Create(total);
            var step = Vector256.Create((double)Vector256<double>.Count);
            var k = Vector256.Create(position + 1.0, position + 2.0, position + 3.0, position + 4.0);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count, k += step)
            {
                var gain = startV + deltaV * (k / totalV);
                var product = Vector256.LoadUnsafe(ref s, (nuint)i) * gain;
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, (nuint)i) + product, ref d, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double gain = start + delta * ((position + i + 1) / total);
            double product = Unsafe.Add(ref s, i) * gain;
            Unsafe.Add(ref d, i) += product;
        }
    }
}
