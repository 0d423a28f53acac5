using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Eq;

// The moving kernels' path of EqLanes (a block in which some lane's kernel glides, ramps or morphs): the block in
// stretches that end at the lanes' control periods, each section from where each lane's coefficient ramp stands.
public sealed partial class EqLanes
{
    // The moving kernels' way through a block: period by period, as ParametricEq.RtProcess runs it. Within a stretch the
    // sections that any lane runs (bands in order, each band's sections in order) go two per pass over the stretch.
    private void RunPeriods(int done, int count)
    {
        while (done < count)
        {
            int n = count - done;
            int opened = 0;
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l] && _eqs[l].RtPhase == 0 && _eqs[l].RtOpenPeriod()) opened |= 1 << l;
            if (opened != 0) DesignPeriodBells(opened);
            for (int l = 0; l < _count; l++)
            {
                if ((opened & (1 << l)) != 0) _eqs[l].RtClosePeriod();
                n = Math.Min(n, _eqs[l].RtPhase);
            }
            int sections = 0, sounding = 0;
            for (int l = 0; l < _count; l++) sounding |= _eqs[l].RtSoundingBands;
            for (; sounding != 0; sounding &= sounding - 1)
            {
                int b = BitOperations.TrailingZeroCount(sounding);
                int most = 0;
                for (int l = 0; l < _count; l++) most = Math.Max(most, _eqs[l].RtBandSections(b));
                for (int s = 0; s < most; s++) _periodSections[sections++] = b * EqDesigner.MaxSections + s;
            }
            int k = 0;
            for (; k + 1 < sections; k += 2) RunPeriodSectionPair(_periodSections[k], _periodSections[k + 1], done, n);
            if (k < sections) RunPeriodSection(_periodSections[k], done, n);
            for (int l = 0; l < _count; l++)
                if (_firstOfKernel[l]) _eqs[l].RtAdvancePeriod(n);
            done += n;
        }
    }

    // The block from bells that hold the lanes' kernels (EqLaneBells): in stretches that end where a lane's control period
    // ends, as RunPeriods, the periods that start together started on their lanes at once and the bands run from where
    // the bells keep them, two per pass. A period the bells cannot
    // start gives them back and the rest of the block runs as RunPeriods.
    private void RunBells(EqLaneBells bells, int count)
    {
        bells.RtBeginBlock();
        LaneInterleave.RtInterleave(_buffers, _count, _interleaved, count);
        int done = 0;
        while (done < count)
        {
            int open = bells.RtOpening();
            if (open != 0 && !bells.RtTick(open))
            {
                bells.RtEndStretch();
                bells.RtRelease();
                RunPeriods(done, count);
                break;
            }
            int n = Math.Min(bells.RtStretch(), count - done);
            int bands = bells.Bands, j = 0;
            for (; j + 1 < bands; j += 2) RunPeriodPairLoop<AllLanes>(ref bells.Band(j), ref bells.Band(j + 1), default, default, done, n);
            if (j < bands) RunPeriodLoop(ref bells.Band(j), default, false, done, n);
            bells.RtAdvance(n);
            done += n;
        }
        _finiteLanes = LaneInterleave.RtDeinterleave(_interleaved, _buffers, _count, count);
        bells.RtEndStretch();
    }

    // The matched bells of every kernel whose period opened (lanes `opened`, one bit per lane), four per vector pass
    // whichever kernels they belong to: a kernel of a gain-automated strip has one or two, so kernel by kernel the
    // vector would run half empty. Each lane's coefficients are those the kernel would design alone (the lanes of
    // EqDesigner.MatchedBells are independent), so the output stays bit-identical to ParametricEq.RtProcess.
    private void DesignPeriodBells(int opened)
    {
        int n = 0;
        for (; opened != 0; opened &= opened - 1)
        {
            int l = BitOperations.TrailingZeroCount(opened);
            for (int bells = _eqs[l].RtPeriodBells; bells != 0; bells &= bells - 1)
            {
                _bellLanes[n] = l;
                _bellBands[n++] = BitOperations.TrailingZeroCount(bells);
            }
        }
        for (int first = 0; first < n; first += Lanes)
        {
            for (int j = 0; j < Lanes; j++)
            {
                // A pass with fewer bells repeats its first one in the spare lanes (their results are not read).
                int at = first + j < n ? first + j : first;
                _eqs[_bellLanes[at]].RtBellCorner(_bellBands[at], out _bellW0[j], out _bellP0[j], out _bellQ[j], out _bellGain[j]);
            }
            EqDesigner.MatchedBells(Vector256.Create(_bellW0), Vector256.Create(_bellP0), Vector256.Create(_bellQ), Vector256.Create(_bellGain),
                out var b0, out var b1, out var b2, out var a1, out var a2);
            for (int j = 0; j < Lanes && first + j < n; j++)
                _eqs[_bellLanes[first + j]].RtSetBellDesign(_bellBands[first + j], b0[j], b1[j], b2[j], a1[j], a2[j]);
        }
    }

    // Section `section` (band × MaxSections + section in the band) over samples [done, done + n), each lane from where
    // its ramp stands: every sample adds the lane's delta to its coefficients before filtering, as
    // ParametricEq.RampSection does (a holding band has delta 0, and c + 0 is c exactly), and filters with RampSection's
    // fused multiply-adds, the feedback terms last; the coefficients reached go back to the kernel. The feedback
    // coefficients run negated (−a1 − d1 − d1 … is exactly −(a1 + d1 + d1 …)), so each of their terms is one fused
    // multiply-add. Lanes without the section keep their input.
    private void RunPeriodSection(int section, int done, int n)
    {
        bool allActive = GatherPeriodSection(section, 0);
        RunPeriodLoop(ref Slot(0), allActive ? Vector256<double>.Zero : Vector256.Create(_keep.AsSpan(0, Lanes)), !allActive, done, n);
        ScatterPeriodSection(section, 0);
    }

    // The loop of RunPeriodSection over one slot (a gathered section, or a band of EqLaneBells): lanes whose `keep` is
    // all ones keep their input when `masked`.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunPeriodLoop(ref double slot, Vector256<double> keep, bool masked, int done, int n)
    {
        var r0 = Vector256.LoadUnsafe(ref slot, SlotRunAt + 0 * Lanes);
        var r1 = Vector256.LoadUnsafe(ref slot, SlotRunAt + 1 * Lanes);
        var r2 = Vector256.LoadUnsafe(ref slot, SlotRunAt + 2 * Lanes);
        var n1 = Vector256.LoadUnsafe(ref slot, SlotRunAt + 3 * Lanes);
        var n2 = Vector256.LoadUnsafe(ref slot, SlotRunAt + 4 * Lanes);
        var x1 = Vector256.LoadUnsafe(ref slot, SlotStateAt + 0 * Lanes);
        var x2 = Vector256.LoadUnsafe(ref slot, SlotStateAt + 1 * Lanes);
        var y1 = Vector256.LoadUnsafe(ref slot, SlotStateAt + 2 * Lanes);
        var y2 = Vector256.LoadUnsafe(ref slot, SlotStateAt + 3 * Lanes);
        // The deltas are read from memory at each sample (folded into the additions): in registers they would push
        // the running coefficients and the state out of them.
        ref double delta = ref Unsafe.Add(ref slot, SlotDeltaAt);
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)((done + n) * Lanes);
        for (nuint i = (nuint)(done * Lanes); i < end; i += Lanes)
        {
            r0 += Vector256.LoadUnsafe(ref delta, 0 * Lanes);
            r1 += Vector256.LoadUnsafe(ref delta, 1 * Lanes);
            r2 += Vector256.LoadUnsafe(ref delta, 2 * Lanes);
            n1 += Vector256.LoadUnsafe(ref delta, 3 * Lanes);
            n2 += Vector256.LoadUnsafe(ref delta, 4 * Lanes);
            var x = Vector256.LoadUnsafe(ref inter, i);
            var y = Section(x, x1, x2, y1, y2, r0, r1, r2, n1, n2);
            if (masked) y = Vector256.ConditionalSelect(keep, x, y);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            y.StoreUnsafe(ref inter, i);
        }
        Keep(ref slot, x1, x2, y1, y2, r0, r1, r2, n1, n2);
    }

    // Sections `first` and `second` (as RunPeriodSection numbers them, `second` after `first` in the cascade) in one
    // pass over the stretch: each sample goes through the first, its output through the second, each with
    // RunPeriodSection's arithmetic (ramp additions, then the filter), so every lane computes what two passes would,
    // bit for bit. The two feedback recursions overlap in the processor, as the settled pair's do (RunSectionPair), and
    // the ramp additions run on the adders beside the fused multiply-adds. Lanes without a section keep that section's
    // input (a mask of all ones); when every lane runs both sections (the usual case: strips with the same bands) the
    // pass selects nothing, so no select sits in the feedback path (the select with an all-zero mask would return the
    // filter's own output, bit for bit).
    private void RunPeriodSectionPair(int first, int second, int done, int n)
    {
        bool allActive = GatherPeriodSection(first, 0);
        allActive &= GatherPeriodSection(second, 1);
        if (allActive) RunPeriodPairLoop<AllLanes>(ref Slot(0), ref Slot(1), default, default, done, n);
        else RunPeriodPairLoop<MaskedLanes>(ref Slot(0), ref Slot(1), Vector256.Create(_keep.AsSpan(0, Lanes)), Vector256.Create(_keep.AsSpan(Lanes, Lanes)), done, n);
        ScatterPeriodSection(first, 0);
        ScatterPeriodSection(second, 1);
    }

    // The loop of RunPeriodSectionPair over two slots (gathered sections, or two bands of EqLaneBells), specialised by
    // how lanes without a section are treated (TLanes). The ten deltas and both keep masks stay in registers (AVX-512
    // processors have 32 vector registers; with 16 the JIT keeps some on the stack, the same loads as reading them
    // from memory).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block: no slow tier-0 code while the JIT tiers up
    private void RunPeriodPairLoop<TLanes>(ref double first, ref double second, Vector256<double> keepFirst, Vector256<double> keepSecond, int done, int n)
        where TLanes : struct, ILaneSelect
    {
        var r0 = Vector256.LoadUnsafe(ref first, SlotRunAt + 0 * Lanes);
        var r1 = Vector256.LoadUnsafe(ref first, SlotRunAt + 1 * Lanes);
        var r2 = Vector256.LoadUnsafe(ref first, SlotRunAt + 2 * Lanes);
        var n1 = Vector256.LoadUnsafe(ref first, SlotRunAt + 3 * Lanes);
        var n2 = Vector256.LoadUnsafe(ref first, SlotRunAt + 4 * Lanes);
        var q0 = Vector256.LoadUnsafe(ref second, SlotRunAt + 0 * Lanes);
        var q1 = Vector256.LoadUnsafe(ref second, SlotRunAt + 1 * Lanes);
        var q2 = Vector256.LoadUnsafe(ref second, SlotRunAt + 2 * Lanes);
        var m1 = Vector256.LoadUnsafe(ref second, SlotRunAt + 3 * Lanes);
        var m2 = Vector256.LoadUnsafe(ref second, SlotRunAt + 4 * Lanes);
        var x1 = Vector256.LoadUnsafe(ref first, SlotStateAt + 0 * Lanes);
        var x2 = Vector256.LoadUnsafe(ref first, SlotStateAt + 1 * Lanes);
        var y1 = Vector256.LoadUnsafe(ref first, SlotStateAt + 2 * Lanes);
        var y2 = Vector256.LoadUnsafe(ref first, SlotStateAt + 3 * Lanes);
        var u1 = Vector256.LoadUnsafe(ref second, SlotStateAt + 0 * Lanes);
        var u2 = Vector256.LoadUnsafe(ref second, SlotStateAt + 1 * Lanes);
        var v1 = Vector256.LoadUnsafe(ref second, SlotStateAt + 2 * Lanes);
        var v2 = Vector256.LoadUnsafe(ref second, SlotStateAt + 3 * Lanes);
        var d0 = Vector256.LoadUnsafe(ref first, SlotDeltaAt + 0 * Lanes);
        var d1 = Vector256.LoadUnsafe(ref first, SlotDeltaAt + 1 * Lanes);
        var d2 = Vector256.LoadUnsafe(ref first, SlotDeltaAt + 2 * Lanes);
        var d3 = Vector256.LoadUnsafe(ref first, SlotDeltaAt + 3 * Lanes);
        var d4 = Vector256.LoadUnsafe(ref first, SlotDeltaAt + 4 * Lanes);
        var e0 = Vector256.LoadUnsafe(ref second, SlotDeltaAt + 0 * Lanes);
        var e1 = Vector256.LoadUnsafe(ref second, SlotDeltaAt + 1 * Lanes);
        var e2 = Vector256.LoadUnsafe(ref second, SlotDeltaAt + 2 * Lanes);
        var e3 = Vector256.LoadUnsafe(ref second, SlotDeltaAt + 3 * Lanes);
        var e4 = Vector256.LoadUnsafe(ref second, SlotDeltaAt + 4 * Lanes);
        ref double inter = ref MemoryMarshal.GetArrayDataReference(_interleaved);
        nuint end = (nuint)((done + n) * Lanes);
        for (nuint i = (nuint)(done * Lanes); i < end; i += Lanes)
        {
            r0 += d0;
            r1 += d1;
            r2 += d2;
            n1 += d3;
            n2 += d4;
            var x = Vector256.LoadUnsafe(ref inter, i);
            var y = TLanes.Select(keepFirst, x, Section(x, x1, x2, y1, y2, r0, r1, r2, n1, n2));
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            q0 += e0;
            q1 += e1;
            q2 += e2;
            m1 += e3;
            m2 += e4;
            var v = TLanes.Select(keepSecond, y, Section(y, u1, u2, v1, v2, q0, q1, q2, m1, m2));
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            v.StoreUnsafe(ref inter, i);
        }
        Keep(ref first, x1, x2, y1, y2, r0, r1, r2, n1, n2);
        Keep(ref second, u1, u2, v1, v2, q0, q1, q2, m1, m2);
    }

    // How a period pass treats lanes without a section: keep their input (MaskedLanes) or, when every lane runs the
    // section, take the filter's output as it is (AllLanes). Value types, so each pass is compiled for one of them.
    private interface ILaneSelect
    {
        static abstract Vector256<double> Select(Vector256<double> keep, Vector256<double> input, Vector256<double> output);
    }

    private readonly struct AllLanes : ILaneSelect
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Select(Vector256<double> keep, Vector256<double> input, Vector256<double> output) => output;
    }

    private readonly struct MaskedLanes : ILaneSelect
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Select(Vector256<double> keep, Vector256<double> input, Vector256<double> output)
            => Vector256.ConditionalSelect(keep, input, output);
    }

    // Section `section` of every lane where its ramp stands into slot `slot` of the gathered coefficients, deltas (both
    // with the feedback terms negated; a holding band's deltas are 0, its feedback deltas −0), states and keep mask (all
    // ones for a lane without the section; unused lanes 0); true when every lane in use runs the section (unused lanes
    // filter zeros with zero coefficients, and their output is never read). Read straight from each kernel's
    // coefficient row and state.
    private bool GatherPeriodSection(int section, int slot)
    {
        int b = section / EqDesigner.MaxSections, s = section % EqDesigner.MaxSections;
        ref double coefficients = ref Unsafe.Add(ref Slot(slot), SlotRunAt);
        ref double deltas = ref Unsafe.Add(ref Slot(slot), SlotDeltaAt);
        ref double states = ref Unsafe.Add(ref Slot(slot), SlotStateAt);
        bool allActive = true;
        for (int l = 0; l < Lanes; l++)
        {
            bool used = l < _count;
            if (!used || s >= _eqs[l].RtBandSections(b))
            {
                for (int k = 0; k < EqDesigner.Stride; k++) Unsafe.Add(ref coefficients, k * Lanes + l) = Unsafe.Add(ref deltas, k * Lanes + l) = 0.0;
                for (int k = 0; k < 4; k++) Unsafe.Add(ref states, k * Lanes + l) = 0.0;
                _keep[slot * Lanes + l] = used ? BitConverter.Int64BitsToDouble(-1L) : 0.0;
                _stateOffsets[slot * Lanes + l] = -1;
                allActive &= !used;
                continue;
            }
            var eq = _eqs[l];
            ref double row = ref eq.RtSectionRow(b, s, out bool ramping);
            ref double start = ref ramping ? ref Unsafe.Add(ref row, ParametricEq.RowRunningAt) : ref row;
            Unsafe.Add(ref coefficients, l) = start;
            Unsafe.Add(ref coefficients, Lanes + l) = Unsafe.Add(ref start, 1);
            Unsafe.Add(ref coefficients, 2 * Lanes + l) = Unsafe.Add(ref start, 2);
            Unsafe.Add(ref coefficients, 3 * Lanes + l) = -Unsafe.Add(ref start, 3);
            Unsafe.Add(ref coefficients, 4 * Lanes + l) = -Unsafe.Add(ref start, 4);
            ref double delta = ref Unsafe.Add(ref row, ParametricEq.RowDeltaAt);
            Unsafe.Add(ref deltas, l) = ramping ? delta : 0.0;
            Unsafe.Add(ref deltas, Lanes + l) = ramping ? Unsafe.Add(ref delta, 1) : 0.0;
            Unsafe.Add(ref deltas, 2 * Lanes + l) = ramping ? Unsafe.Add(ref delta, 2) : 0.0;
            Unsafe.Add(ref deltas, 3 * Lanes + l) = -(ramping ? Unsafe.Add(ref delta, 3) : 0.0);
            Unsafe.Add(ref deltas, 4 * Lanes + l) = -(ramping ? Unsafe.Add(ref delta, 4) : 0.0);
            _keep[slot * Lanes + l] = 0.0;
            int offset = eq.RtStateOffset(b, s, _channels[l]);
            _stateOffsets[slot * Lanes + l] = offset;
            var state = eq.RtState;
            for (int k = 0; k < 4; k++) Unsafe.Add(ref states, k * Lanes + l) = state[offset + k];
        }
        return allActive;
    }

    // Stores the state and the coefficients a period section reached into its slot (in place: vectors passed to a
    // call would be kept in memory through the whole loop).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(ref double slot, Vector256<double> x1, Vector256<double> x2, Vector256<double> y1, Vector256<double> y2,
        Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> n1, Vector256<double> n2)
    {
        x1.StoreUnsafe(ref slot, SlotStateAt);
        x2.StoreUnsafe(ref slot, SlotStateAt + Lanes);
        y1.StoreUnsafe(ref slot, SlotStateAt + 2 * Lanes);
        y2.StoreUnsafe(ref slot, SlotStateAt + 3 * Lanes);
        r0.StoreUnsafe(ref slot, SlotRunAt);
        r1.StoreUnsafe(ref slot, SlotRunAt + Lanes);
        r2.StoreUnsafe(ref slot, SlotRunAt + 2 * Lanes);
        n1.StoreUnsafe(ref slot, SlotRunAt + 3 * Lanes);
        n2.StoreUnsafe(ref slot, SlotRunAt + 4 * Lanes);
    }

    // Writes the state of slot `slot` (stored by Keep) back to each lane's kernel, and the coefficients its ramp reached
    // (the feedback terms negated back) into each ramping kernel's row once (its first lane).
    private void ScatterPeriodSection(int section, int slot)
    {
        int b = section / EqDesigner.MaxSections, s = section % EqDesigner.MaxSections;
        ref double coefficients = ref Unsafe.Add(ref Slot(slot), SlotRunAt);
        ref double states = ref Unsafe.Add(ref Slot(slot), SlotStateAt);
        for (int l = 0; l < _count; l++)
        {
            int offset = _stateOffsets[slot * Lanes + l];
            if (offset < 0) continue;
            var eq = _eqs[l];
            var state = eq.RtState;
            for (int k = 0; k < 4; k++) state[offset + k] = Unsafe.Add(ref states, k * Lanes + l);
            if (!_firstOfKernel[l]) continue;
            ref double row = ref eq.RtSectionRow(b, s, out bool ramping);
            if (!ramping) continue;
            ref double running = ref Unsafe.Add(ref row, ParametricEq.RowRunningAt);
            running = Unsafe.Add(ref coefficients, l);
            Unsafe.Add(ref running, 1) = Unsafe.Add(ref coefficients, Lanes + l);
            Unsafe.Add(ref running, 2) = Unsafe.Add(ref coefficients, 2 * Lanes + l);
            Unsafe.Add(ref running, 3) = -Unsafe.Add(ref coefficients, 3 * Lanes + l);
            Unsafe.Add(ref running, 4) = -Unsafe.Add(ref coefficients, 4 * Lanes + l);
        }
    }
}
