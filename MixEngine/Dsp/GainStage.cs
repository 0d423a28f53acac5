using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp;

/// <summary>
/// The gain stage kernel of a strip (trim, polarity, fader, VCA, mute): multiplies samples by a constant gain or by a
/// per-sample gain path (the form automation drives, one gain per sample). Rt-safe: never allocates, locks or throws
/// for equal-length spans. Vector lanes do one IEEE multiply per sample, so results are bit-identical to the scalar
/// loop and independent of where blocks start.
/// </summary>
public static class GainStage
{
    /// <summary>Multiplies <paramref name="samples"/> in place by <paramref name="gain"/>; a gain of exactly 1.0 is skipped (bit-neutral). Rt.</summary>
    public static void RtScale(Span<double> samples, double gain)
    {
        if (gain == 1.0) return;
        RtScale(samples, samples, gain);
    }

    /// <summary>Writes <paramref name="source"/> × <paramref name="gain"/> into <paramref name="destination"/> (same length; may alias). Rt.</summary>
    public static void RtScale(ReadOnlySpan<double> source, Span<double> destination, double gain)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(gain);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s, (nuint)i) * g, ref d, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i) * gain;
    }

    /// <summary>Multiplies <paramref name="samples"/> in place by the per-sample <paramref name="gains"/> (same length). Rt.</summary>
    public static void RtScale(Span<double> samples, ReadOnlySpan<double> gains) => RtScale(samples, samples, gains);

    /// <summary>Writes <paramref name="source"/> × the per-sample <paramref name="gains"/> into <paramref name="destination"/> (same lengths; source and destination may alias). Rt.</summary>
    public static void RtScale(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> gains)
    {
        int n = source.Length;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        ref double g = ref MemoryMarshal.GetReference(gains);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref s, (nuint)i) * Vector256.LoadUnsafe(ref g, (nuint)i), ref d, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i) * Unsafe.Add(ref g, i);
    }
}
