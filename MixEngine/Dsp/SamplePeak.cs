using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp;

/// <summary>Sample-peak metering kernel: the largest absolute sample value. Rt-safe; any thread.</summary>
public static class SamplePeak
{
    /// <summary>Returns max(<paramref name="runningPeak"/>, max |x| over <paramref name="samples"/>). Rt.</summary>
    public static double RtUpdate(ReadOnlySpan<double> samples, double runningPeak)
    {
        int n = samples.Length;
        ref double s = ref MemoryMarshal.GetReference(samples);
        int i = 0;
        double peak = runningPeak;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                acc = Vector256.Max(acc, Vector256.Abs(Vector256.LoadUnsafe(ref s, (nuint)i)));
            for (int k = 0; k < Vector256<double>.Count; k++) peak = Math.Max(peak, acc.GetElement(k));
        }
        for (; i < n; i++) peak = Math.Max(peak, Math.Abs(Unsafe.Add(ref s, i)));
        return peak;
    }
}
