using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// The control period's tick of <see cref="ParametricEq"/>, in two halves so that <see cref="EqLanes"/> can design the
/// matched bells of all its kernels together between them: glide steps first (<c>BeginTick</c>), then the designs and
/// the coefficient ramps (<c>EndTick</c>). Audio thread; no allocation.
/// </summary>
public sealed partial class ParametricEq
{
    // What the first half of a tick leaves for the second: the matched bells to design (one bit per band), the bands
    // whose glide arrived, the period.
    private int _tickBells;
    private int _tickArrived;
    private int _tickPeriod;

    // Once per control period: each band that is still moving advances its glide, is redesigned, and gets the linear
    // coefficient ramp from where the last period ended to this period's end point. Only the bands marked busy (set,
    // gliding, ramping or shrinking) are visited.
    private void ControlTick()
    {
        BeginTick();
        if (_tickBells != 0) DesignBells(_tickBells);
        EndTick();
    }

    // The first half of a tick: the curves read, the period chosen, every set or gliding band's glide step and corner;
    // the matched bells among them are left in _tickBells for DesignBells (or EqLanes) to design together.
    private void BeginTick()
    {
        if (_following) RtReadCurves();
        // A long period when every band that moves glides its gain alone (its frequency and Q are where they are set and
        // no morph runs): a gain-only design needs no finer steps to stay smooth.
        bool gainOnly = true;
        for (int busy = _busy; busy != 0; busy &= busy - 1)
        {
            ref var band = ref _bands[BitOperations.TrailingZeroCount(busy)];
            gainOnly &= !band.Dirty || (band.MorphLeft == 0 && SameShape(band.Target, band.Shape)
                && band.Octaves == band.TargetOctaves && band.OctaveStage == band.TargetOctaves
                && band.QOctaves == band.TargetQOctaves && band.QStage == band.TargetQOctaves);
        }
        int period = gainOnly ? GainPeriod : ControlPeriod;
        double glide = gainOnly ? _gainGlide : _glide;
        // Every band that is set or gliding takes its glide step first; the matched bells among them are then designed
        // together (DesignBells), the other bands one by one (EndTick), and each gets its ramp.
        int arrived = 0, bells = 0;
        for (int busy = _busy; busy != 0; busy &= busy - 1)
        {
            int b = BitOperations.TrailingZeroCount(busy);
            ref var band = ref _bands[b];
            if (!band.Dirty) continue;
            if (Step(ref band, glide)) arrived |= 1 << b;
            if (IsMatchedBell(band) && UpdateCorner(ref band)) bells |= 1 << b;
        }
        _tickBells = bells;
        _tickArrived = arrived;
        _tickPeriod = period;
    }

    // The second half of a tick, once the bells of _tickBells are designed (in _bellDesigns): the other bands' designs,
    // every moving band's ramp, the busy mask and the next period's length.
    private void EndTick()
    {
        int bells = _tickBells, arrived = _tickArrived, period = _tickPeriod;
        for (int busy = _busy; busy != 0; busy &= busy - 1)
        {
            int b = BitOperations.TrailingZeroCount(busy);
            ref var band = ref _bands[b];
            if (band.Dirty)
            {
                bool last = (arrived & (1 << b)) != 0;
                if ((bells & (1 << b)) != 0) Ramp(b, ref band, _bellDesigns.AsSpan(b * Stride, Stride), 1, period, last);
                else Ramp(b, ref band, _design, DesignBand(ref band), period, last);
            }
            else
            {
                // A band at rest holds its end coefficients (sections past its count are wires), so a ramp that just
                // ended only stops ramping.
                band.Ramping = false;
                SetSections(b, ref band, band.Designed);
            }
            if (!band.Dirty && !band.Ramping && band.Sections == band.Designed) _busy &= ~(1 << b);
        }
        _idle = _busy == 0;
        _period = _idle ? (_following ? GainPeriod : ControlPeriod) : period;
    }

    // The glide step of a band that is set or gliding (or, for a change of shape, the start of its morph); true when
    // its parameters have arrived.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Step(ref BandControl band, double glide)
    {
        if (SameShape(band.Target, band.Shape)) return Glide(ref band, glide);
        band.Shape = band.Target;
        SnapParameters(ref band);
        band.MorphLeft = _morphSamples;
        return true;
    }

    // One period of a band that is set or gliding, once designed (`count` sections in `design`, the sections past them
    // wires): the ramp from the end reached to the new design (or, while morphing, to this period's share of the way
    // there). `arrived`: its glide step arrived. Four of a section's five coefficients go in one vector, each lane with
    // the scalar operations (end, start + (design − start)·period/span while morphing, (end − start)·perSample), so the
    // bits are the same as one by one.
    private void Ramp(int b, ref BandControl band, ReadOnlySpan<double> design, int count, int period, bool arrived)
    {
        int span = Math.Max(period, band.MorphLeft);
        int active = Math.Max(band.Sections, count);
        for (int s = band.Sections; s < active; s++) SectionState(b, s).Clear();
        // Sections from `active` on are wires in the old coefficients and in the design alike: nothing to ramp there.
        bool moving = false;
        double perSample = 1.0 / period; // exact: both periods are powers of two, so the product is the quotient's bits
        var perSamples = Vector256.Create(perSample);
        for (int s = 0; s < active; s++)
        {
            ref double k = ref _coefficients[(b * SectionsPerBand + s) * SectionStride];
            var start = Vector256.LoadUnsafe(ref k, EndAt);
            double start4 = Unsafe.Add(ref k, EndAt + 4);
            Vector256<double> end;
            double end4;
            if (s < count)
            {
                end = Vector256.Create(design.Slice(s * Stride, 4));
                end4 = design[s * Stride + 4];
            }
            else
            {
                end = Vector256.Create(1.0, 0.0, 0.0, 0.0);
                end4 = 0.0;
            }
            if (span != period)
            {
                end = start + (end - start) * Vector256.Create((double)period) / Vector256.Create((double)span);
                end4 = start4 + (end4 - start4) * period / span;
            }
            end.StoreUnsafe(ref k, EndAt);
            Unsafe.Add(ref k, EndAt + 4) = end4;
            start.StoreUnsafe(ref k, RunningAt);
            Unsafe.Add(ref k, RunningAt + 4) = start4;
            var delta = (end - start) * perSamples;
            double delta4 = (end4 - start4) * perSample;
            delta.StoreUnsafe(ref k, DeltaAt);
            Unsafe.Add(ref k, DeltaAt + 4) = delta4;
            moving |= !Vector256.EqualsAll(delta, Vector256<double>.Zero) || delta4 != 0.0;
        }
        band.Ramping = moving;
        SetSections(b, ref band, active);
        band.Designed = count;
        band.MorphLeft = Math.Max(0, band.MorphLeft - period);
        if (arrived && span == period) band.Dirty = false;
    }
}
