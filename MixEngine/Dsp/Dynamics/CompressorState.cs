using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// What one pass of a <see cref="Compressor"/> over a block reads and advances: its settings as coefficients and its
/// running state (gliding threshold and makeup, gain reduction, RMS mean square). The scalar kernel and
/// <see cref="CompressorLanes"/> share it and the dB conversions below, so both compute the same numbers. Owned by one
/// compressor; touched only on the thread that runs it.
/// </summary>
internal struct CompressorState
{
    /// <summary>Level in dB the detector reports for a power of 0.</summary>
    public const double SilenceDb = -400.0;

    private const double DbToLog2 = 1.0 / 6.020599913279624; // 1 / (20·log10 2)

    // Distance below the start of the knee under which a level is known to ask for no reduction without taking its
    // logarithm. DecibelVectors.PowerToDb errs by under 1e-13 dB and double.Exp2 by an ulp (≈ 1e-14 dB on these
    // values); 1e-6 dB dwarfs that, so the skip never changes a reduction.
    private const double SkipMarginDb = 1e-6;

    public double ThresholdTarget, Threshold, MakeupTarget, Makeup;
    public double Ratio, Knee, Attack, Release, RmsCoef, ParamCoef;
    public double Reduction, MeanSquare;

    // SkipBelow's last stand-in level and power: the power changes only with the settings or a glide, and its
    // exponential (double.Exp2, a library call) would otherwise run for every compressor and block.
    private double _skipStandInDb, _skipPower;
    private bool _skipKnown;

    /// <summary>
    /// The power under which a level asks for no reduction anywhere in the next block, and the dB value that stands in
    /// for such a level (below the knee's start for every sample of the block: the threshold glides monotonically from
    /// <see cref="Threshold"/> to <see cref="ThresholdTarget"/>). Power 0 (skip nothing) when that value would not lie
    /// above <see cref="SilenceDb"/>, so silence keeps its own level. The power is computed again only when the stand-in
    /// level's bits changed since the last call.
    /// </summary>
    public double SkipBelow(out double standInDb)
    {
        standInDb = Math.Min(Threshold, ThresholdTarget) - 0.5 * Knee - SkipMarginDb;
        if (!_skipKnown || BitConverter.DoubleToInt64Bits(standInDb) != BitConverter.DoubleToInt64Bits(_skipStandInDb))
        {
            _skipStandInDb = standInDb;
            _skipPower = standInDb > SilenceDb ? double.Exp2(2.0 * DbToLog2 * standInDb) : 0.0;
            _skipKnown = true;
        }
        return _skipPower;
    }

    /// <summary>
    /// True when the compressor rests: no gain reduction (exactly +0) and a glide step would leave threshold and makeup
    /// as they are (at their targets, or as close as the glide gets: value + (target − value)·<see cref="ParamCoef"/>
    /// rounds back to value). A block whose levels all lie under <see cref="SkipBelow"/> then leaves this state unchanged
    /// and gains each frame by the makeup alone.
    /// </summary>
    public readonly bool AtRest => BitConverter.DoubleToInt64Bits(Reduction) == 0 && Settled;

    /// <summary>
    /// True when a glide step leaves threshold and makeup as they are (see <see cref="AtRest"/>): every step of the next
    /// block then gives the same bits, so the kernels need not take it.
    /// </summary>
    public readonly bool Settled => Holds(Threshold, ThresholdTarget) && Holds(Makeup, MakeupTarget);

    // One glide step, as the kernels compute it, gives back value's bits.
    private readonly bool Holds(double value, double target) =>
        BitConverter.DoubleToInt64Bits(value + (target - value) * ParamCoef) == BitConverter.DoubleToInt64Bits(value);

    /// <summary>
    /// Powers to dB in place over whole vectors of <paramref name="levels"/> (<see cref="RtPowerToDb"/> per vector). Rt.
    /// </summary>
    public static void RtPowersToDb(Span<double> levels, Vector256<double> skipBelow, Vector256<double> standInDb)
    {
        ref double first = ref MemoryMarshal.GetReference(levels);
        for (nuint i = 0; i + (nuint)Vector256<double>.Count <= (nuint)levels.Length; i += (nuint)Vector256<double>.Count)
            RtPowerToDb(Vector256.LoadUnsafe(ref first, i), skipBelow, standInDb).StoreUnsafe(ref first, i);
    }

    /// <summary>
    /// One vector of powers in dB (<see cref="DecibelVectors.PowerToDb"/>, <see cref="SilenceDb"/> for p = 0); a vector
    /// whose every power lies under <paramref name="skipBelow"/> (per element) is <paramref name="standInDb"/> instead of
    /// its logarithm (see <see cref="SkipBelow"/>). Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> RtPowerToDb(Vector256<double> p, Vector256<double> skipBelow, Vector256<double> standInDb)
        => Vector256.LessThanAll(p, skipBelow) ? standInDb : DecibelVectors.PowerToDb(p, Vector256.Create(SilenceDb));

    /// <summary>
    /// Gains in dB to linear factors in place over whole vectors of <paramref name="gains"/> (<see cref="RtDbToGain"/>
    /// per vector); false when every gain is 0 dB. Rt.
    /// </summary>
    public static bool RtDbToGains(Span<double> gains)
    {
        ref double first = ref MemoryMarshal.GetReference(gains);
        bool any = false;
        for (nuint i = 0; i + (nuint)Vector256<double>.Count <= (nuint)gains.Length; i += (nuint)Vector256<double>.Count)
            RtDbToGain(Vector256.LoadUnsafe(ref first, i), ref any).StoreUnsafe(ref first, i);
        return any;
    }

    /// <summary>
    /// One vector of gains in dB as linear factors (<see cref="DecibelVectors.DbToGain"/>; 0 dB exactly 1); sets
    /// <paramref name="any"/> when some gain is not 0 dB. Rt.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> RtDbToGain(Vector256<double> db, ref bool any)
    {
        if (Vector256.EqualsAll(db, Vector256<double>.Zero)) return Vector256<double>.One;
        any = true;
        return DecibelVectors.DbToGain(db);
    }
}
