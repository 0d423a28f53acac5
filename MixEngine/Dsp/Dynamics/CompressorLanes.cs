using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Runs several mono <see cref="Compressor"/>s at once, structure-of-arrays: each of the <see cref="Lanes"/> lanes of
/// a <see cref="Vector256{T}"/> is one compressor (typically those of four mono strips). A block's detector powers are
/// interleaved lane by lane, then one frame (four compressors) at a time converted to dB and run through every lane's
/// gliding threshold and gain computer (one pass), then through its attack/release ballistics and gliding makeup and
/// converted back to a linear gain (a second pass), and the gains are applied to each lane's samples. Each lane takes its settings and state from its compressor and writes the state back, and
/// its arithmetic is the scalar kernel's, operation for operation (same order, no fused multiply-add; branches become
/// selects of the same values), so the output and the reported gain reduction are bit-identical to
/// <see cref="Compressor.RtProcess"/>. A block in which every level lies under its lane's skip bound while every lane
/// rests (<see cref="CompressorState.AtRest"/>) asks for no reduction anywhere: the ballistics, whose result is then
/// known (state unchanged, each frame's gain the makeup), are not run. Lanes are interleaved and split with
/// <see cref="LaneInterleave"/>. Lanes hold compressors with one linked channel, no external key and no
/// sidechain filter (<see cref="RtAdd"/> refuses others; they run alone).
/// <para>Threads: construction (allocates the interleave buffer) on the control side; <see cref="RtClear"/>,
/// <see cref="RtAdd"/> and <see cref="RtProcess"/> on the worker that runs the strips; no allocation, lock or throw.</para>
/// </summary>
public sealed partial class CompressorLanes
{
    /// <summary>Lanes per vector (doubles in a <see cref="Vector256{T}"/>): compressors run at once.</summary>
    public const int Lanes = 4;

    private readonly Compressor[] _compressors = new Compressor[Lanes];
    private readonly double[][] _buffers = new double[Lanes][];
    private readonly double[] _interleaved;
    private int _count;
    private int _checkedFinite;
    private long _batchedBlocks;
    private long _restBlocks;

    /// <summary>Allocates the interleave buffer for blocks of up to <paramref name="maxBlockSize"/> frames; control side.</summary>
    public CompressorLanes(int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        _interleaved = new double[maxBlockSize * Lanes];
    }

    /// <summary>Lanes filled since the last <see cref="RtClear"/>.</summary>
    public int Count => _count;

    /// <summary>Blocks run vectorised so far (for tests and diagnostics); lock-free read from any thread.</summary>
    public long BatchedBlocks => Volatile.Read(ref _batchedBlocks);

    /// <summary>Blocks in which every lane rested and its ballistics were not run (for tests and diagnostics); lock-free read from any thread.</summary>
    public long RestBlocks => Volatile.Read(ref _restBlocks);

    /// <summary>
    /// True when the last <see cref="RtProcess"/> that returned true applied gains to lane <paramref name="lane"/>'s
    /// samples and found every product finite (while it wrote them back, so the caller need not read them again); false
    /// when it did not apply gains there (the samples then are the input, or the makeup scaled them) or found NaN or Inf.
    /// Audio thread.
    /// </summary>
    public bool RtCheckedFinite(int lane) => ((_checkedFinite >> lane) & 1) != 0;

    /// <summary>Forgets the lanes of the last block. Audio thread.</summary>
    public void RtClear()
    {
        Array.Clear(_compressors);
        Array.Clear(_buffers);
        _count = 0;
    }

    /// <summary>
    /// Adds <paramref name="compressor"/>, compressing <paramref name="samples"/> in place and detecting on them, as the
    /// next lane; false when all lanes are taken or the compressor cannot run as a lane (more than one linked channel,
    /// or a sidechain filter). Audio thread.
    /// </summary>
    public bool RtAdd(Compressor compressor, double[] samples)
    {
        if (_count == Lanes || !compressor.RtLaneReady) return false;
        for (int l = 0; l < _count; l++)
            if (ReferenceEquals(_compressors[l], compressor)) return false;
        _compressors[_count] = compressor;
        _buffers[_count] = samples;
        _count++;
        return true;
    }

    /// <summary>
    /// Compresses the first <paramref name="count"/> samples of every lane in place and returns true, or returns false
    /// without touching anything when there is no lane or the block is larger than the buffer. Audio thread.
    /// </summary>
    public bool RtProcess(int count)
    {
        if (!CanRun(count)) return false;
        if (RtDetectAndCompute(count) && Ballistics(count)) Apply(count);
        CountBlock();
        return true;
    }

    // Lanes to run and a block that fits the buffer.
    private bool CanRun(int count) => _count != 0 && (uint)count <= (uint)(_interleaved.Length / Lanes);

    private void CountBlock() => Volatile.Write(ref _batchedBlocks, _batchedBlocks + 1); // one writer at a time (the worker that took the lanes): no locked add

    // The block's levels, then either the resting block (done) or the gain computer's reductions; true when the
    // ballistics and the gains are still to run.
    private bool RtDetectAndCompute(int count)
    {
        var skipBelow = SkipBelow();
        _checkedFinite = 0;
        if (Detect(count, skipBelow) && AtRest())
        {
            RtRest(count);
            return false;
        }
        GainComputer(count, skipBelow);
        return true;
    }

    // True when every lane rests: no gain reduction, threshold and makeup where they glide to (CompressorState.AtRest).
    private bool AtRest()
    {
        for (int l = 0; l < _count; l++)
            if (!_compressors[l].RtState.AtRest) return false;
        return true;
    }

    // A block whose every level lies under its lane's skip bound, all lanes at rest: Ballistics would ask for no
    // reduction on any frame, keep every lane's state as it is and give each frame the lanes' makeups, so the makeup
    // gains (the same conversion of the same values) are applied directly and no reduction is published.
    private void RtRest(int count)
    {
        Volatile.Write(ref _restBlocks, _restBlocks + 1);
        Span<double> gains = stackalloc double[Lanes];
        gains.Clear();
        for (int l = 0; l < _count; l++) gains[l] = _compressors[l].RtState.Makeup;
        bool any = CompressorState.RtDbToGains(gains);
        for (int l = 0; l < _count; l++)
        {
            _compressors[l].RtPublishReduction(0.0);
            if (any) GainStage.RtScale(_buffers[l].AsSpan(0, count), gains[l]);
        }
    }

    // Each lane's skip bound (CompressorState.SkipBelow); an unused lane (silence) always skips.
    private Vector256<double> SkipBelow()
    {
        Span<double> bounds = stackalloc double[Lanes];
        for (int l = 0; l < Lanes; l++) bounds[l] = l < _count ? _compressors[l].RtState.SkipBelow(out _) : double.PositiveInfinity;
        return Vector256.Create((ReadOnlySpan<double>)bounds);
    }

    // Each lane's detector power into the interleaved buffer: x² (peak), or the RMS one-pole over x² as the scalar
    // kernel computes it for one channel; unused lanes 0 (silence). Returns true when every power lies under its lane's
    // skip bound (nothing to reduce anywhere: see GainComputer).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private bool Detect(int count, Vector256<double> skipBelow)
    {
        var inter = _interleaved;
        LaneInterleave.RtInterleave(_buffers, _count, inter, count);
        Span<double> squared = stackalloc double[Lanes];
        for (int l = 0; l < Lanes; l++)
        {
            squared[l] = 1.0;
            if (l >= _count || _compressors[l].Detection != DynamicsDetection.Rms) continue;
            squared[l] = 0.0;
            ref var state = ref _compressors[l].RtState;
            double meanSquare = state.MeanSquare, rmsCoef = state.RmsCoef;
            for (int i = 0; i < count; i++)
            {
                double x = inter[i * Lanes + l];
                // The scalar kernel's mean over one channel: (0 + x²) / 1 = x² exactly.
                meanSquare = rmsCoef * meanSquare + (1.0 - rmsCoef) * (x * x);
                inter[i * Lanes + l] = meanSquare;
            }
            state.MeanSquare = meanSquare;
        }
        // Peak lanes square their samples in place; RMS lanes already hold their powers.
        var square = Vector256.Equals(Vector256.Create((ReadOnlySpan<double>)squared), Vector256<double>.One);
        var below = Vector256<double>.AllBitsSet;
        ref double first = ref MemoryMarshal.GetArrayDataReference(inter);
        nuint end = (nuint)(count * Lanes);
        for (nuint i = 0; i < end; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref first, i);
            var p = Vector256.ConditionalSelect(square, x * x, x);
            below &= Vector256.LessThan(p, skipBelow);
            p.StoreUnsafe(ref first, i);
        }
        return below.ExtractMostSignificantBits() == 0xF;
    }

    // Powers to the reductions the gain computer asks for (dB), frame by frame on all lanes, gliding every lane's
    // threshold: Compressor.RtProcessPart's curve with its branches as selects (CompressorCurve.OutputDb: below the knee
    // the input, inside a soft knee the quadratic, above the line), computed on every frame of a vector that needs it
    // (noise near the threshold crosses the knee's edge at random: a branch on it mispredicted often). Each lane divides
    // once, by the knee's or the line's divisor, whichever its output takes. A frame whose every power lies under its
    // lane's skip bound asks for no reduction on any lane (the bound lies under the knee's start for the whole block,
    // CompressorState.SkipBelow): 0 without its logarithm or the curve, the value the curve gives below the knee.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void GainComputer(int count, Vector256<double> skipBelow)
    {
        // Every lane's settings and gliding threshold, one vector per field (unused lanes 0: no reduction asked).
        const int Fields = 6;
        Span<double> fields = stackalloc double[Fields * Lanes];
        fields.Clear();
        bool glides = false;
        for (int l = 0; l < _count; l++)
        {
            ref readonly var s = ref _compressors[l].RtState;
            fields[l] = s.ThresholdTarget;
            fields[Lanes + l] = s.Threshold;
            fields[2 * Lanes + l] = s.Ratio;
            fields[3 * Lanes + l] = 1.0 / s.Ratio - 1.0;
            fields[4 * Lanes + l] = s.Knee;
            fields[5 * Lanes + l] = s.ParamCoef;
            glides |= !s.Settled;
        }
        var thresholdTarget = Vector256.Create((ReadOnlySpan<double>)fields[..Lanes]);
        var threshold = Vector256.Create((ReadOnlySpan<double>)fields[Lanes..]);
        var ratio = Vector256.Create((ReadOnlySpan<double>)fields[(2 * Lanes)..]);
        var slope = Vector256.Create((ReadOnlySpan<double>)fields[(3 * Lanes)..]);
        var knee = Vector256.Create((ReadOnlySpan<double>)fields[(4 * Lanes)..]);
        var pc = Vector256.Create((ReadOnlySpan<double>)fields[(5 * Lanes)..]);
        var halfKnee = knee * Vector256.Create(0.5);
        var twoKnee = Vector256.Create(2.0) * knee;
        var negKnee = -knee;
        var softKnee = Vector256.GreaterThan(knee, Vector256<double>.Zero);
        var two = Vector256.Create(2.0);
        var silence = Vector256.Create(CompressorState.SilenceDb);
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)(count * Lanes), i = 0;
        if (!glides && Vector512.IsHardwareAccelerated)
        {
            // Settled thresholds, 512-bit vectors: two frames per step, skipped when all eight powers lie under their
            // bounds. A frame of a pair that alone would have been skipped gets the curve's 0 instead, the same bits.
            var skip2 = Vector512.Create(skipBelow, skipBelow);
            var threshold2 = Vector512.Create(threshold, threshold);
            var start2 = threshold2 - Vector512.Create(halfKnee, halfKnee);
            var halfKnee2 = Vector512.Create(halfKnee, halfKnee);
            var knee2 = Vector512.Create(knee, knee);
            var negKnee2 = Vector512.Create(negKnee, negKnee);
            var twoKnee2 = Vector512.Create(twoKnee, twoKnee);
            var softKnee2 = Vector512.Create(softKnee, softKnee);
            var slope2 = Vector512.Create(slope, slope);
            var ratio2 = Vector512.Create(ratio, ratio);
            var silence2 = Vector512.Create(CompressorState.SilenceDb);
            for (; i + 2 * Lanes <= end; i += 2 * Lanes)
            {
                var p = Vector512.LoadUnsafe(ref inter, i);
                if (Vector512.LessThanAll(p, skip2))
                {
                    Vector512<double>.Zero.StoreUnsafe(ref inter, i);
                    continue;
                }
                var inputDb = DecibelVectors.PowerToDb(p, silence2);
                var above = Vector512.GreaterThan(inputDb, start2);
                var over = inputDb - threshold2;
                var twiceOver = Vector512.Create(2.0) * over;
                var k = over + halfKnee2;
                var inKnee = softKnee2 & Vector512.LessThanOrEqual(Vector512.Abs(twiceOver), knee2);
                var quotient = Vector512.ConditionalSelect(inKnee, slope2 * k * k, over) / Vector512.ConditionalSelect(inKnee, twoKnee2, ratio2);
                var output = Vector512.ConditionalSelect(Vector512.LessThan(twiceOver, negKnee2), inputDb,
                    Vector512.ConditionalSelect(inKnee, inputDb, threshold2) + quotient);
                Vector512.ConditionalSelect(above, inputDb - output, Vector512<double>.Zero).StoreUnsafe(ref inter, i);
            }
        }
        for (; i < end; i += Lanes)
        {
            // Settled lanes (all, mostly) would get their threshold back from every step: no glide to take.
            if (glides) threshold += (thresholdTarget - threshold) * pc;
            var p = Vector256.LoadUnsafe(ref inter, i);
            if (Vector256.LessThanAll(p, skipBelow))
            {
                Vector256<double>.Zero.StoreUnsafe(ref inter, i);
                continue;
            }
            var inputDb = DecibelVectors.PowerToDb(p, silence);
            var above = Vector256.GreaterThan(inputDb, threshold - halfKnee);
            var over = inputDb - threshold;
            var twiceOver = two * over;
            var k = over + halfKnee;
            var inKnee = softKnee & Vector256.LessThanOrEqual(Vector256.Abs(twiceOver), knee);
            var quotient = Vector256.ConditionalSelect(inKnee, slope * k * k, over) / Vector256.ConditionalSelect(inKnee, twoKnee, ratio);
            var output = Vector256.ConditionalSelect(Vector256.LessThan(twiceOver, negKnee), inputDb,
                Vector256.ConditionalSelect(inKnee, inputDb, threshold) + quotient);
            Vector256.ConditionalSelect(above, inputDb - output, Vector256<double>.Zero).StoreUnsafe(ref inter, i);
        }
        for (int l = 0; l < _count; l++) _compressors[l].RtState.Threshold = threshold[l];
    }

    // Requested reductions to gains in dB, frame by frame on all lanes: every lane's attack/release one-pole on its
    // reduction and its gliding makeup, as Compressor.RtProcessPart's loop. The ballistics step is the one the
    // comparison picks of the attack and release steps computed side by side (the comparison then runs beside the
    // products instead of before them in the frame-to-frame chain). While every lane's makeup is settled (a constant
    // for the block) and the machine has 512-bit vectors, two frames go per step and their gains are converted together
    // (DecibelVectors.DbToGain on eight values: the same bits, half the conversion's instructions beside the chain).
    private bool Ballistics(int count)
    {
        var f = GatherBallistics();
        var makeupTarget = f.MakeupTarget;
        var makeup = f.Makeup;
        var attack = f.Attack;
        var release = f.Release;
        var pc = f.ParamCoef;
        var state = f.Reduction;
        bool glides = f.Glides;
        var attackRest = Vector256<double>.One - attack;
        var releaseRest = Vector256<double>.One - release;
        var maxReduction = Vector256<double>.Zero;
        var notUnity = Vector256<double>.Zero;
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)(count * Lanes), i = 0;
        if (!glides && Vector512.IsHardwareAccelerated)
        {
            for (; i + 2 * Lanes <= end; i += 2 * Lanes)
            {
                var first = Step(state, Vector256.LoadUnsafe(ref inter, i), attack, attackRest, release, releaseRest);
                maxReduction = Vector256.ConditionalSelect(Vector256.GreaterThan(first, maxReduction), first, maxReduction);
                state = Step(first, Vector256.LoadUnsafe(ref inter, i + Lanes), attack, attackRest, release, releaseRest);
                maxReduction = Vector256.ConditionalSelect(Vector256.GreaterThan(state, maxReduction), state, maxReduction);
                DecibelVectors.DbToGain(Vector512.Create(makeup - first, makeup - state)).StoreUnsafe(ref inter, i);
            }
            // A frame's gain is unity exactly when makeup − reduction is 0. Every reduction is +0, at least the floor or
            // NaN (and a NaN stays NaN to the block's end), so with a makeup of 0 all gains of a lane are unity exactly
            // when its largest reduction is 0 and its last one not NaN; a lane with another makeup counts as not unity.
            notUnity = ~(Vector256.Equals(makeup, Vector256<double>.Zero) & Vector256.Equals(maxReduction, Vector256<double>.Zero)
                & Vector256.Equals(state, state));
        }
        for (; i < end; i += Lanes)
        {
            if (glides) makeup += (makeupTarget - makeup) * pc;
            state = Step(state, Vector256.LoadUnsafe(ref inter, i), attack, attackRest, release, releaseRest);
            maxReduction = Vector256.ConditionalSelect(Vector256.GreaterThan(state, maxReduction), state, maxReduction);
            var gainDb = makeup - state;
            notUnity |= ~Vector256.Equals(gainDb, Vector256<double>.Zero);
            DecibelVectors.DbToGain(gainDb).StoreUnsafe(ref inter, i);
        }
        StoreBallistics(state, makeup, maxReduction);
        return notUnity.ExtractMostSignificantBits() != 0;
    }

    // What the ballistics read of every lane, one vector per field (unused lanes 0), and whether a makeup glides.
    private struct BallisticsFields
    {
        public Vector256<double> MakeupTarget, Makeup, Attack, Release, ParamCoef, Reduction;
        public bool Glides;
    }

    private BallisticsFields GatherBallistics()
    {
        const int Fields = 6;
        Span<double> fields = stackalloc double[Fields * Lanes];
        fields.Clear();
        bool glides = false;
        for (int l = 0; l < _count; l++)
        {
            ref readonly var s = ref _compressors[l].RtState;
            fields[l] = s.MakeupTarget;
            fields[Lanes + l] = s.Makeup;
            fields[2 * Lanes + l] = s.Attack;
            fields[3 * Lanes + l] = s.Release;
            fields[4 * Lanes + l] = s.ParamCoef;
            fields[5 * Lanes + l] = s.Reduction;
            glides |= !s.Settled;
        }
        return new BallisticsFields
        {
            MakeupTarget = Vector256.Create((ReadOnlySpan<double>)fields[..Lanes]),
            Makeup = Vector256.Create((ReadOnlySpan<double>)fields[Lanes..]),
            Attack = Vector256.Create((ReadOnlySpan<double>)fields[(2 * Lanes)..]),
            Release = Vector256.Create((ReadOnlySpan<double>)fields[(3 * Lanes)..]),
            ParamCoef = Vector256.Create((ReadOnlySpan<double>)fields[(4 * Lanes)..]),
            Reduction = Vector256.Create((ReadOnlySpan<double>)fields[(5 * Lanes)..]),
            Glides = glides,
        };
    }

    // Every lane's state after the block back to its compressor, and its largest reduction published.
    private void StoreBallistics(Vector256<double> state, Vector256<double> makeup, Vector256<double> maxReduction)
    {
        for (int l = 0; l < _count; l++)
        {
            var compressor = _compressors[l];
            ref var s = ref compressor.RtState;
            s.Reduction = state[l];
            s.Makeup = makeup[l];
            compressor.RtPublishReduction(maxReduction[l]);
        }
    }

    // One ballistics step of every lane: the attack or release one-pole towards the requested reduction, whichever the
    // comparison picks, and a result under 1e-12 dB taken as 0 (Compressor.RtProcessPart's step).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Step(Vector256<double> state, Vector256<double> target, Vector256<double> attack,
        Vector256<double> attackRest, Vector256<double> release, Vector256<double> releaseRest)
    {
        var rising = Vector256.GreaterThan(target, state);
        state = Vector256.ConditionalSelect(rising, attack * state + attackRest * target, release * state + releaseRest * target);
        return Vector256.ConditionalSelect(Vector256.LessThan(state, Vector256.Create(1e-12)), Vector256<double>.Zero, state);
    }

    // The larger of a reduction and the largest so far, keeping the largest when the reduction is NaN or equal:
    // select(reduction > largest, reduction, largest), which is what VMAXPD computes (one instruction).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Larger(Vector512<double> reduction, Vector512<double> largest) =>
        Avx512F.IsSupported ? Avx512F.Max(reduction, largest) : Vector512.ConditionalSelect(Vector512.GreaterThan(reduction, largest), reduction, largest);

    private void Apply(int count) => _checkedFinite = LaneInterleave.RtMultiplyDeinterleaved(_interleaved, _buffers, _count, count);
}
