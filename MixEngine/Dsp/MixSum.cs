using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp;

/// <summary>
/// The summing kernel of a bus: destination += source × gain, with a separate IEEE multiply and add (never a fused
/// multiply-add), so vector and scalar loops give the same bits and a bus summed feeder by feeder in a fixed order is
/// bit-identical for any block size and thread count. Rt-safe: never allocates, locks or throws for equal-length spans.
/// </summary>
public static partial class MixSum
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
