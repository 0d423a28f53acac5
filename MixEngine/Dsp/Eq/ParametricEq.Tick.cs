using System.Numerics;

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
                int count = (bells & (1 << b)) != 0 ? BellDesign(b) : DesignBand(ref band);
                Ramp(b, ref band, count, period, (arrived & (1 << b)) != 0);
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
    private bool Step(ref BandControl band, double glide)
    {
        if (SameShape(band.Target, band.Shape)) return Glide(ref band, glide);
        band.Shape = band.Target;
        SnapParameters(ref band);
        band.MorphLeft = _morphSamples;
        return true;
    }

    // One period of a band that is set or gliding, once designed (`count` sections in _design): the ramp from the end
    // reached to the new design (or, while morphing, to this period's share of the way there). `arrived`: its glide
    // step arrived.
    private void Ramp(int b, ref BandControl band, int count, int period, bool arrived)
    {
        int span = Math.Max(period, band.MorphLeft);
        int active = Math.Max(band.Sections, count);
        for (int s = band.Sections; s < active; s++) SectionState(b, s).Clear();
        // Sections from `active` on are wires in the old coefficients and in the design alike: nothing to ramp there.
        bool moving = false;
        double perSample = 1.0 / period; // exact: both periods are powers of two, so the product is the quotient's bits
        for (int s = 0; s < active; s++)
        {
            var k = _coefficients.AsSpan((b * SectionsPerBand + s) * SectionStride, SectionStride);
            var design = _design.AsSpan(s * Stride, Stride);
            for (int i = 0; i < Stride; i++)
            {
                double start = k[EndAt + i];
                double end = span == period ? design[i] : start + (design[i] - start) * period / span;
                k[EndAt + i] = end;
                k[RunningAt + i] = start;
                double delta = (end - start) * perSample;
                k[DeltaAt + i] = delta;
                moving |= delta != 0.0;
            }
        }
        band.Ramping = moving;
        SetSections(b, ref band, active);
        band.Designed = count;
        band.MorphLeft = Math.Max(0, band.MorphLeft - period);
        if (arrived && span == period) band.Dirty = false;
    }
}
