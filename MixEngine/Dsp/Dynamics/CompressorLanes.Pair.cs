using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Two sets of compressor lanes run together (<see cref="RtProcessPair"/>): each set detects, rests or runs its gain
/// computer alone, but where both run their ballistics with settled makeups and the machine has 512-bit vectors, one
/// pass steps the eight lanes of both sets side by side, one <see cref="Vector512{T}"/> per frame. The ballistics are
/// a chain from frame to frame (each step needs the last), so one set alone waits on that chain's latency every frame;
/// two sets share the wait, which halves the ballistics' time per compressor. Each element's operations are those of
/// <see cref="Ballistics"/> (the same steps, maxima and conversions), so the samples and the published reductions are
/// the bits each set gives alone.
/// </summary>
public sealed partial class CompressorLanes
{
    /// <summary>
    /// Compresses the first <paramref name="count"/> samples of every lane of <paramref name="first"/> and of
    /// <paramref name="second"/> in place, as <see cref="RtProcess"/> on each would, and returns true; or returns false
    /// without touching anything when either set has no lane or the block is larger than its buffer. Audio thread.
    /// </summary>
    public static bool RtProcessPair(CompressorLanes first, CompressorLanes second, int count)
    {
        if (!first.CanRun(count) || !second.CanRun(count)) return false;
        bool firstRuns = first.RtDetectAndCompute(count);
        bool secondRuns = second.RtDetectAndCompute(count);
        if (firstRuns && secondRuns && Vector512.IsHardwareAccelerated)
        {
            var a = first.GatherBallistics();
            var b = second.GatherBallistics();
            if (!a.Glides && !b.Glides)
            {
                int unity = BallisticsPair(first, second, in a, in b, count);
                if ((unity & 0xF) != 0xF) first.Apply(count);
                if ((unity >> Lanes) != 0xF) second.Apply(count);
                firstRuns = secondRuns = false;
            }
        }
        if (firstRuns && first.Ballistics(count)) first.Apply(count);
        if (secondRuns && second.Ballistics(count)) second.Apply(count);
        first.CountBlock();
        second.CountBlock();
        return true;
    }

    // Both sets' ballistics with settled makeups, frame by frame, the first set's lanes in the lower half of each
    // vector: the requested reductions in each set's buffer become its gains, the states go back to the compressors.
    // Returns the lanes whose every gain is unity (bit l: lane l of the first set, bit 4 + l: of the second), by the
    // test Ballistics' 512-bit path makes.
    [MethodImpl(MethodImplOptions.NoInlining)] // compiled alone, so the gain conversion inlines into its loop (inlined into a caller, the JIT's budget may be spent: a call per frame)
    private static int BallisticsPair(CompressorLanes first, CompressorLanes second, in BallisticsFields a, in BallisticsFields b, int count)
    {
        var makeup = Vector512.Create(a.Makeup, b.Makeup);
        var attack = Vector512.Create(a.Attack, b.Attack);
        var release = Vector512.Create(a.Release, b.Release);
        var attackRest = Vector512<double>.One - attack;
        var releaseRest = Vector512<double>.One - release;
        var floor = Vector512.Create(1e-12);
        var state = Vector512.Create(a.Reduction, b.Reduction);
        var maxReduction = Vector512<double>.Zero;
        ref double lower = ref MemoryMarshal.GetArrayDataReference(first._interleaved);
        ref double upper = ref MemoryMarshal.GetArrayDataReference(second._interleaved);
        nuint end = (nuint)(count * Lanes);
        for (nuint i = 0; i < end; i += Lanes)
        {
            var target = Vector512.Create(Vector256.LoadUnsafe(ref lower, i), Vector256.LoadUnsafe(ref upper, i));
            // Step's one-pole with the coefficients picked before the products (the same products and sum, fewer
            // operations: this pass is bound by them, not by the chain), then under 1e-12 dB taken as 0.
            var rising = Vector512.GreaterThan(target, state);
            state = Vector512.ConditionalSelect(rising, attack, release) * state + Vector512.ConditionalSelect(rising, attackRest, releaseRest) * target;
            state = Vector512.ConditionalSelect(Vector512.LessThan(state, floor), Vector512<double>.Zero, state);
            maxReduction = Larger(state, maxReduction);
            var gain = DecibelVectors.DbToGain(makeup - state);
            gain.GetLower().StoreUnsafe(ref lower, i);
            gain.GetUpper().StoreUnsafe(ref upper, i);
        }
        first.StoreBallistics(state.GetLower(), makeup.GetLower(), maxReduction.GetLower());
        second.StoreBallistics(state.GetUpper(), makeup.GetUpper(), maxReduction.GetUpper());
        var unity = Vector512.Equals(makeup, Vector512<double>.Zero) & Vector512.Equals(maxReduction, Vector512<double>.Zero)
            & Vector512.Equals(state, state);
        return (int)unity.ExtractMostSignificantBits();
    }
}
