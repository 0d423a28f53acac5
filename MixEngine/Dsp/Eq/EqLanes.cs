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
/// unchanged.
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
    private readonly double[] _coefficients = new double[2 * EqDesigner.Stride * Lanes];
    private readonly double[] _section = new double[EqDesigner.Stride];
    private readonly double[] _states = new double[2 * 4 * Lanes];
    private readonly double[] _deltas = new double[2 * EqDesigner.Stride * Lanes];
    private readonly double[] _keep = new double[2 * Lanes];
    private readonly int[] _periodSections = new int[ParametricEq.MaxBands * EqDesigner.MaxSections];
    private readonly bool[] _firstOfKernel = new bool[Lanes];
    private readonly int[] _sectionNumbers = new int[Lanes * SectionsPerKernel];
    private readonly double[] _interleaved;
    private int _count;
    private int _finiteLanes;
    private long _batchedBlocks;

    private const int SectionsPerKernel = ParametricEq.MaxBands * EqDesigner.MaxSections;

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
    /// Audio thread.
    /// </summary>
    public bool RtProcess(int count)
    {
        if (_count == 0 || (uint)count > (uint)(_interleaved.Length / Lanes)) return false;
        // Each kernel advances once per block, however many of its channels are lanes.
        for (int l = 0; l < _count; l++)
        {
            bool first = true;
            for (int k = 0; k < l; k++) first &= !ReferenceEquals(_eqs[k], _eqs[l]);
            _firstOfKernel[l] = first;
        }
        // Each lane's sections are listed once per block (one walk over its bands), then reached directly.
        int sections = _eqs[0].RtSectionNumbers(_sectionNumbers.AsSpan(0, SectionsPerKernel));
        bool settled = _eqs[0].RtSettled;
        for (int l = 1; l < _count; l++)
            settled &= _eqs[l].RtSettled && _eqs[l].RtSectionNumbers(_sectionNumbers.AsSpan(l * SectionsPerKernel, SectionsPerKernel)) == sections;
        if (settled)
        {
            LaneInterleave.RtInterleave(_buffers, _count, _interleaved, count);
            int s = 0;
            for (; s + 1 < sections; s += 2) RunSectionPair(s, count);
            if (s < sections) RunSection(s, count);
            _finiteLanes = LaneInterleave.RtDeinterleave(_interleaved, _buffers, _count, count);
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l]) _eqs[l].RtAdvanceSettled(count);
        }
        else
        {
            // The moving kernels' period data is asked for before the interleave, so it arrives while that runs.
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l]) _eqs[l].RtPrefetchPeriod(count);
            LaneInterleave.RtInterleave(_buffers, _count, _interleaved, count);
            RunPeriods(count);
            _finiteLanes = LaneInterleave.RtDeinterleave(_interleaved, _buffers, _count, count);
        }
        Interlocked.Increment(ref _batchedBlocks);
        return true;
    }

    // Section s of every lane over the block, as the scalar kernel (Section).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunSection(int s, int count)
    {
        GatherSection(s, 0);
        var b0 = Coefficient(0, 0);
        var b1 = Coefficient(0, 1);
        var b2 = Coefficient(0, 2);
        var n1 = Coefficient(0, 3);
        var n2 = Coefficient(0, 4);
        var x1 = State(0, 0);
        var x2 = State(0, 1);
        var y1 = State(0, 2);
        var y2 = State(0, 3);
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
        ScatterState(0, x1, x2, y1, y2);
    }

    // Sections s and s + 1 of every lane in one pass over the block: each sample goes through section s, then its output
    // through section s + 1, with RunSection's arithmetic for each. The two recursions are independent from sample to
    // sample, so the processor overlaps them (one section alone waits on its own feedback) and the block is loaded and
    // stored once instead of twice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunSectionPair(int s, int count)
    {
        GatherSection(s, 0);
        GatherSection(s + 1, 1);
        var b0 = Coefficient(0, 0);
        var b1 = Coefficient(0, 1);
        var b2 = Coefficient(0, 2);
        var n1 = Coefficient(0, 3);
        var n2 = Coefficient(0, 4);
        var c0 = Coefficient(1, 0);
        var c1 = Coefficient(1, 1);
        var c2 = Coefficient(1, 2);
        var m1 = Coefficient(1, 3);
        var m2 = Coefficient(1, 4);
        var x1 = State(0, 0);
        var x2 = State(0, 1);
        var y1 = State(0, 2);
        var y2 = State(0, 3);
        var u1 = State(1, 0);
        var u2 = State(1, 1);
        var v1 = State(1, 2);
        var v2 = State(1, 3);
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
        ScatterState(0, x1, x2, y1, y2);
        ScatterState(1, u1, u2, v1, v2);
    }

    // Section s of every lane (the s-th of its listed sections) into slot `slot` of the gathered coefficients and states (unused lanes 0).
    private void GatherSection(int s, int slot)
    {
        int lanes = Lanes;
        var coefficients = _coefficients.AsSpan(slot * EqDesigner.Stride * lanes, EqDesigner.Stride * lanes);
        var states = _states.AsSpan(slot * 4 * lanes, 4 * lanes);
        coefficients.Clear();
        states.Clear();
        for (int l = 0; l < _count; l++)
        {
            int offset = _eqs[l].RtSectionAt(_sectionNumbers[l * SectionsPerKernel + s], _channels[l], _section);
            _stateOffsets[slot * lanes + l] = offset;
            for (int k = 0; k < EqDesigner.Stride; k++) coefficients[k * lanes + l] = k < 3 ? _section[k] : -_section[k];
            var state = _eqs[l].RtState;
            for (int k = 0; k < 4; k++) states[k * lanes + l] = state[offset + k];
        }
    }

    // One sample of a section on every lane, as ParametricEq computes it: y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2 in
    // fused multiply-adds, feed-forward terms first, the feedback terms last (the previous output enters in the last
    // operation only, so one sample waits on the one before for a single fused multiply-add); n1 = −a1, n2 = −a2.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Section(Vector256<double> x, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2,
        Vector256<double> b0, Vector256<double> b1, Vector256<double> b2, Vector256<double> n1, Vector256<double> n2)
        => Vector256.FusedMultiplyAdd(n1, y1, Vector256.FusedMultiplyAdd(n2, y2, Vector256.FusedMultiplyAdd(b2, x2, Vector256.FusedMultiplyAdd(b1, x1, b0 * x))));

    private Vector256<double> Coefficient(int slot, int k) => Vector256.Create(_coefficients.AsSpan((slot * EqDesigner.Stride + k) * Lanes, Lanes));

    private Vector256<double> State(int slot, int k) => Vector256.Create(_states.AsSpan((slot * 4 + k) * Lanes, Lanes));

    // Writes the state a section of slot `slot` reached back to each lane's kernel.
    private void ScatterState(int slot, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2)
    {
        for (int l = 0; l < _count; l++)
        {
            var state = _eqs[l].RtState;
            int offset = _stateOffsets[slot * Lanes + l];
            state[offset] = x1[l];
            state[offset + 1] = x2[l];
            state[offset + 2] = y1[l];
            state[offset + 3] = y2[l];
        }
    }
}
