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
}
