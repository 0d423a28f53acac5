using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// Runs the settled cascades of several <see cref="ParametricEq"/> channels at once, structure-of-arrays: each of the
/// <see cref="Lanes"/> lanes of a <see cref="Vector256{T}"/> is one (EQ, channel), typically the channels of four mono
/// strips. A block is interleaved lane by lane, every section runs over the whole block on all lanes with each lane's
/// own coefficients and state (taken from, and written back to, its kernel), and the block is split back
/// (<see cref="LaneInterleave"/>). Settled sections run two per pass over the block (each sample through the first,
/// its output through the second), so the two feedback recursions overlap in the processor. The
/// arithmetic per lane is the scalar kernel's, operation for operation (the same fused multiply-adds in the same order),
/// so the output is bit-identical to <see cref="ParametricEq.RtProcess"/>. While every lane's kernel is
/// settled (no glide, ramp or morph) and all run the same number of sections, each section runs over the whole block.
/// While some move (an automated gain glides), the block is run in stretches that end wherever a lane's control period
/// ends: each kernel starts its periods (glide, redesign, coefficient ramp) as it would alone, and every section runs on
/// all lanes with each lane's own coefficient ramp from where it stands (the coefficients reached go back to the
/// kernel), two sections per pass as settled ones; a lane whose band has fewer sections passes those samples through
/// unchanged. Lanes whose kernels' sounding bands are all gain-automated matched bells are held from block to block by
/// the caller's <see cref="EqLaneBells"/> (their period state in the lanes' layout), the same bits with no per-kernel
/// gather or scatter.
/// <para>Threads: construction (allocates the interleave buffer) on the control side; <see cref="RtClear"/>,
/// <see cref="RtAdd"/> and <see cref="RtProcess"/> on the worker that runs the strips; no allocation, lock or throw.</para>
/// </summary>
public sealed partial class EqLanes
{
    /// <summary>Lanes per vector (doubles in a <see cref="Vector256{T}"/>): strips' channels filtered at once.</summary>
    public const int Lanes = 4;

    private readonly ParametricEq[] _eqs = new ParametricEq[Lanes];
    private readonly int[] _channels = new int[Lanes];
    private readonly double[][] _buffers = new double[Lanes][];
    private readonly int[] _stateOffsets = new int[2 * Lanes];
    private readonly double[] _slots = new double[2 * SlotDoubles];
    private readonly double[] _section = new double[EqDesigner.Stride];
    private readonly double[] _keep = new double[2 * Lanes];
    private readonly int[] _periodSections = new int[ParametricEq.MaxBands * EqDesigner.MaxSections];
    private readonly int[] _bellLanes = new int[Lanes * ParametricEq.MaxBands];
    private readonly int[] _bellBands = new int[Lanes * ParametricEq.MaxBands];
    private readonly double[] _bellW0 = new double[Lanes];
    private readonly double[] _bellP0 = new double[Lanes];
    private readonly double[] _bellQ = new double[Lanes];
    private readonly double[] _bellGain = new double[Lanes];
    private readonly bool[] _firstOfKernel = new bool[Lanes];
    private readonly int[] _sectionNumbers = new int[Lanes * SectionsPerKernel];
    private readonly double[] _interleaved;
    private readonly EqLaneCache _cache = new();
    private int _count;
    private int _finiteLanes;
    private long _batchedBlocks;

    private const int SectionsPerKernel = ParametricEq.MaxBands * EqDesigner.MaxSections;

    // A moving section's slot, vectors of the lanes' values: the running coefficients (b0 b1 b2 −a1 −a2), their
    // per-sample deltas (the same order and signs), the filter state (x1 x2 y1 y2). EqLaneBells keeps its bands so.
    internal const int SlotRunAt = 0, SlotDeltaAt = EqDesigner.Stride * Lanes, SlotStateAt = 2 * EqDesigner.Stride * Lanes;
    internal const int SlotDoubles = SlotStateAt + 4 * Lanes;

    /// <summary>Allocates the interleave buffer for blocks of up to <paramref name="maxBlockSize"/> samples; control side.</summary>
    public EqLanes(int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        _interleaved = new double[maxBlockSize * Vector256<double>.Count];
    }

    /// <summary>Lanes filled since the last <see cref="RtClear"/>.</summary>
    public int Count => _count;

    /// <summary>Blocks run vectorised so far (for tests and diagnostics); lock-free read from any thread.</summary>
    public long BatchedBlocks => Interlocked.Read(ref _batchedBlocks);

    /// <summary>
    /// True when lanes <paramref name="first"/> … first + <paramref name="count"/> − 1 of the last <see cref="RtProcess"/>
    /// that returned true hold only finite samples (found while the block was split back into the lanes' buffers, so
    /// the caller need not read them again). Audio thread.
    /// </summary>
    public bool RtLanesFinite(int first, int count)
    {
        int mask = ((1 << count) - 1) << first;
        return (_finiteLanes & mask) == mask;
    }

    /// <summary>Forgets the lanes of the last block. Audio thread.</summary>
    public void RtClear()
    {
        Array.Clear(_eqs);
        Array.Clear(_buffers);
        _count = 0;
    }

    /// <summary>
    /// Adds channel <paramref name="channel"/> of <paramref name="eq"/>, whose samples are <paramref name="samples"/>
    /// (filtered in place), as the next lane; false when all lanes are taken. Audio thread.
    /// </summary>
    public bool RtAdd(ParametricEq eq, int channel, double[] samples)
    {
        if (_count == _eqs.Length || (uint)channel >= (uint)eq.Channels) return false;
        _eqs[_count] = eq;
        _channels[_count] = channel;
        _buffers[_count] = samples;
        _count++;
        return true;
    }

    /// <summary>
    /// Filters the first <paramref name="count"/> samples of every lane in place and returns true, or returns false
    /// without touching anything when a lane's kernel is not settled or the lanes run different numbers of sections.
    /// Settled sections are cached in the lanes' own <see cref="EqLaneCache"/>. Audio thread.
    /// </summary>
    public bool RtProcess(int count) => RtProcess(count, _cache);

    /// <summary>
    /// <see cref="RtProcess(int)"/> with the settled sections kept in <paramref name="cache"/> (the caller's, one per
    /// group of lanes that recurs block after block): a block whose lanes the cache holds unchanged runs from it without
    /// gathering. Audio thread.
    /// </summary>
    public bool RtProcess(int count, EqLaneCache cache)
    {
        if (_count == 0 || (uint)count > (uint)(_interleaved.Length / Lanes)) return false;
        // Each kernel advances once per block, however many of its channels are lanes.
        for (int l = 0; l < _count; l++)
        {
            bool first = true;
            for (int k = 0; k < l; k++) first &= !ReferenceEquals(_eqs[k], _eqs[l]);
            _firstOfKernel[l] = first;
        }
        // Settled lanes the cache holds are held by no bells (a block that bells run or take counts on the kernels).
        bool settled = cache.RtHolds(_eqs, _channels, _count);
        var bells = cache.Bells;
        if (!settled)
        {
            if (bells.RtHolds(_eqs, _channels, _count))
            {
                RunBells(bells, count);
                Interlocked.Increment(ref _batchedBlocks);
                return true;
            }
            // Whatever holds these kernels' bells (these lanes, other lanes) gives them back first.
            bells.RtRelease();
            for (int l = 0; l < _count; l++) _eqs[l].RtReclaim();
            // Each lane's sections are listed once (one walk over its bands), then reached directly.
            int sections = _eqs[0].RtSectionNumbers(_sectionNumbers.AsSpan(0, SectionsPerKernel));
            settled = _eqs[0].RtSettled;
            for (int l = 1; l < _count; l++)
                settled &= _eqs[l].RtSettled && _eqs[l].RtSectionNumbers(_sectionNumbers.AsSpan(l * SectionsPerKernel, SectionsPerKernel)) == sections;
            if (settled) GatherSections(cache, sections);
            else cache.RtForget();
        }
        if (settled)
        {
            LaneInterleave.RtInterleave(_buffers, _count, _interleaved, count);
            int sections = cache.SectionCount;
            int s = 0;
            for (; s + 1 < sections; s += 2) RunSectionPair(cache, s, count);
            if (s < sections) RunSection(cache, s, count);
            _finiteLanes = LaneInterleave.RtDeinterleave(_interleaved, _buffers, _count, count);
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l]) _eqs[l].RtAdvanceSettled(count);
            cache.RtStamp();
        }
        else
        {
            // The moving kernels' period data is asked for before the interleave, so it arrives while that runs.
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l]) _eqs[l].RtPrefetchPeriod(count);
            LaneInterleave.RtInterleave(_buffers, _count, _interleaved, count);
            RunPeriods(0, count);
            _finiteLanes = LaneInterleave.RtDeinterleave(_interleaved, _buffers, _count, count);
            bells.RtTryTake(_eqs, _channels, _count);
        }
        Interlocked.Increment(ref _batchedBlocks);
        return true;
    }

    // Section s of every lane over the block, as the scalar kernel (Section), from the cache.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunSection(EqLaneCache cache, int s, int count)
    {
        ref double at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cache.Sections), s * EqLaneCache.SectionDoubles);
        var b0 = Vector256.LoadUnsafe(ref at, 0 * Lanes);
        var b1 = Vector256.LoadUnsafe(ref at, 1 * Lanes);
        var b2 = Vector256.LoadUnsafe(ref at, 2 * Lanes);
        var n1 = Vector256.LoadUnsafe(ref at, 3 * Lanes);
        var n2 = Vector256.LoadUnsafe(ref at, 4 * Lanes);
        var x1 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt);
        var x2 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + Lanes);
        var y1 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + 2 * Lanes);
        var y2 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + 3 * Lanes);
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)(count * Lanes);
        for (nuint i = 0; i < end; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref inter, i);
            var y = Section(x, x1, x2, y1, y2, b0, b1, b2, n1, n2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            y.StoreUnsafe(ref inter, i);
        }
        StoreState(ref at, x1, x2, y1, y2);
        ScatterState(cache, s);
    }

    // Sections s and s + 1 of every lane in one pass over the block, from the cache: each sample goes through section s,
    // then its output through section s + 1, with RunSection's arithmetic for each. The two recursions are independent
    // from sample to sample, so the processor overlaps them (one section alone waits on its own feedback) and the block
    // is loaded and stored once instead of twice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunSectionPair(EqLaneCache cache, int s, int count)
    {
        ref double at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(cache.Sections), s * EqLaneCache.SectionDoubles);
        ref double next = ref Unsafe.Add(ref at, EqLaneCache.SectionDoubles);
        var b0 = Vector256.LoadUnsafe(ref at, 0 * Lanes);
        var b1 = Vector256.LoadUnsafe(ref at, 1 * Lanes);
        var b2 = Vector256.LoadUnsafe(ref at, 2 * Lanes);
        var n1 = Vector256.LoadUnsafe(ref at, 3 * Lanes);
        var n2 = Vector256.LoadUnsafe(ref at, 4 * Lanes);
        var c0 = Vector256.LoadUnsafe(ref next, 0 * Lanes);
        var c1 = Vector256.LoadUnsafe(ref next, 1 * Lanes);
        var c2 = Vector256.LoadUnsafe(ref next, 2 * Lanes);
        var m1 = Vector256.LoadUnsafe(ref next, 3 * Lanes);
        var m2 = Vector256.LoadUnsafe(ref next, 4 * Lanes);
        var x1 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt);
        var x2 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + Lanes);
        var y1 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + 2 * Lanes);
        var y2 = Vector256.LoadUnsafe(ref at, EqLaneCache.StateAt + 3 * Lanes);
        var u1 = Vector256.LoadUnsafe(ref next, EqLaneCache.StateAt);
        var u2 = Vector256.LoadUnsafe(ref next, EqLaneCache.StateAt + Lanes);
        var v1 = Vector256.LoadUnsafe(ref next, EqLaneCache.StateAt + 2 * Lanes);
        var v2 = Vector256.LoadUnsafe(ref next, EqLaneCache.StateAt + 3 * Lanes);
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)(count * Lanes);
        for (nuint i = 0; i < end; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref inter, i);
            var y = Section(x, x1, x2, y1, y2, b0, b1, b2, n1, n2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            var v = Section(y, u1, u2, v1, v2, c0, c1, c2, m1, m2);
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            v.StoreUnsafe(ref inter, i);
        }
        StoreState(ref at, x1, x2, y1, y2);
        StoreState(ref next, u1, u2, v1, v2);
        ScatterState(cache, s);
        ScatterState(cache, s + 1);
    }

    // Every section of every lane (the s-th of its listed sections) into the cache, which then holds these lanes
    // (unused lanes 0: they filter zeros).
    private void GatherSections(EqLaneCache cache, int sections)
    {
        var all = cache.Sections;
        for (int s = 0; s < sections; s++)
        {
            var section = all.AsSpan(s * EqLaneCache.SectionDoubles, EqLaneCache.SectionDoubles);
            section.Clear();
            for (int l = 0; l < _count; l++)
            {
                int offset = _eqs[l].RtSectionAt(_sectionNumbers[l * SectionsPerKernel + s], _channels[l], _section);
                cache.StateOffsets[s * Lanes + l] = offset;
                for (int k = 0; k < EqDesigner.Stride; k++) section[k * Lanes + l] = k < 3 ? _section[k] : -_section[k];
                var state = _eqs[l].RtState;
                for (int k = 0; k < 4; k++) section[EqLaneCache.StateAt + k * Lanes + l] = state[offset + k];
            }
        }
        cache.RtTake(_eqs, _channels, _count, sections);
    }

    // Keeps the state a section reached in its cached section.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreState(ref double section, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2)
    {
        x1.StoreUnsafe(ref section, EqLaneCache.StateAt);
        x2.StoreUnsafe(ref section, EqLaneCache.StateAt + Lanes);
        y1.StoreUnsafe(ref section, EqLaneCache.StateAt + 2 * Lanes);
        y2.StoreUnsafe(ref section, EqLaneCache.StateAt + 3 * Lanes);
    }

    // Writes the state cached section s reached back to each lane's kernel.
    private void ScatterState(EqLaneCache cache, int s)
    {
        var states = cache.Sections.AsSpan(s * EqLaneCache.SectionDoubles + EqLaneCache.StateAt, 4 * Lanes);
        for (int l = 0; l < _count; l++)
        {
            var state = _eqs[l].RtState;
            int offset = cache.StateOffsets[s * Lanes + l];
            state[offset] = states[l];
            state[offset + 1] = states[Lanes + l];
            state[offset + 2] = states[2 * Lanes + l];
            state[offset + 3] = states[3 * Lanes + l];
        }
    }

    // One sample of a section on every lane, as ParametricEq computes it: y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2 in
    // fused multiply-adds, feed-forward terms first, the feedback terms last (the previous output enters in the last
    // operation only, so one sample waits on the one before for a single fused multiply-add); n1 = −a1, n2 = −a2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Section(Vector256<double> x, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2,
        Vector256<double> b0, Vector256<double> b1, Vector256<double> b2, Vector256<double> n1, Vector256<double> n2)
        => Vector256.FusedMultiplyAdd(n1, y1, Vector256.FusedMultiplyAdd(n2, y2, Vector256.FusedMultiplyAdd(b2, x2, Vector256.FusedMultiplyAdd(b1, x1, b0 * x))));

    // Slot `slot` of the gathered moving sections.
    private ref double Slot(int slot) => ref _slots[slot * SlotDoubles];
}
