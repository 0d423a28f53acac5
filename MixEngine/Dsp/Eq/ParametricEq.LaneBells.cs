using System.Numerics;
using System.Runtime.CompilerServices;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// What <see cref="EqLaneBells"/> takes from, and gives back to, a kernel whose sounding bands are all matched bells
/// that follow gain curves alone (gain automation): while the lanes hold the kernel, those bands' glide, design inputs,
/// coefficient ramps and filter states live in the lanes' vector layout, and the kernel's own copies of them are stale.
/// Every entry point that reads or changes them (<see cref="RtProcess"/>, <see cref="RtSetBand"/>, <see cref="Reset"/>,
/// <see cref="RtSettle"/>, <see cref="Prepare"/>, <see cref="Follow"/>, and <see cref="EqLanes"/> before running the kernel
/// otherwise) first has the lanes give everything back (<see cref="RtReclaim"/>). The kernel's period counters (phase,
/// clock, busy mask, period, version) stay current throughout. Threads: the thread that runs the kernel.
/// </summary>
public sealed partial class ParametricEq
{
    private EqLaneBells? _laneBells;

    /// <summary>The lanes that hold the kernel's followed bells, or null. Audio thread.</summary>
    internal EqLaneBells? RtLaneBells
    {
        get => _laneBells;
        set => _laneBells = value;
    }

    /// <summary>Has the lanes that hold the kernel's followed bells (if any) give them back, so the kernel's own state is current. Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RtReclaim()
    {
        if (_laneBells is { } lanes) lanes.RtRelease();
    }

    /// <summary>
    /// The bands <see cref="EqLaneBells"/> may hold (one bit per band), or 0: a mono kernel that follows curves, whose
    /// sounding bands are exactly its followed ones and the only ones that move, each an enabled matched bell of one
    /// section with a non-zero gain that follows a gain curve alone, with no morph, its frequency and Q where they are set
    /// and its corner current (so a period only glides the gain, designs the bell and ramps to it). Audio thread.
    /// </summary>
    internal int RtFollowedBells()
    {
        int bands = _sounding;
        if (!_following || _laneBells is not null || _spec.Channels != 1 || bands == 0 || _followers != bands || (_busy & ~bands) != 0) return 0;
        for (int m = bands; m != 0; m &= m - 1)
        {
            int b = BitOperations.TrailingZeroCount(m);
            if (_curves[b * 3 + (int)EqParameter.Gain] is null || _curves[b * 3 + (int)EqParameter.Frequency] is not null
                || _curves[b * 3 + (int)EqParameter.Q] is not null) return 0;
            ref var band = ref _bands[b];
            if (band.Shape is not { Enabled: true, Type: EqBandType.Bell, Design: EqDesign.Matched } || !SameShape(band.Target, band.Shape)
                || band.MorphLeft != 0 || band.Sections != 1 || band.Designed != 1 || band.GainDb == 0.0
                || band.Octaves != band.TargetOctaves || band.OctaveStage != band.TargetOctaves
                || band.QOctaves != band.TargetQOctaves || band.QStage != band.TargetQOctaves
                || band.Octaves != band.DesignOctaves || band.QOctaves != band.DesignQOctaves
                || !band.Corner.Serves(EqBandType.Bell, EqDesign.Matched, band.DesignHz, band.DesignQ)) return 0;
        }
        return bands;
    }

    /// <summary>The gain curve band <paramref name="band"/> follows. Audio thread.</summary>
    internal IControlCurve RtGainCurve(int band) => _curves[band * 3 + (int)EqParameter.Gain]!;

    /// <summary>The glide factor of a gain period. Audio thread.</summary>
    internal double RtGainGlide => _gainGlide;

    /// <summary>The timeline position of the next sample (set by <see cref="RtSetPosition"/>). Audio thread.</summary>
    internal long RtClock => _clock;

    /// <summary>
    /// Copies band <paramref name="band"/> (one of <see cref="RtFollowedBells"/>) into lane <paramref name="lane"/> of
    /// <paramref name="slot"/> (<see cref="EqLaneBells"/>' band layout): the ramp where it stands (as
    /// <see cref="EqLanes"/> gathers it), the state, the period's end design, the gain's target and glide stages, and the
    /// corner. Returns its Dirty and Ramping flags. Audio thread.
    /// </summary>
    internal void RtLendBell(int band, ref double slot, int lane, out bool dirty, out bool ramping)
    {
        const int L = EqLanes.Lanes;
        ref var control = ref _bands[band];
        dirty = control.Dirty;
        ramping = control.Ramping;
        ref double row = ref _coefficients[band * SectionsPerBand * SectionStride];
        ref double start = ref ramping ? ref Unsafe.Add(ref row, RunningAt) : ref row;
        for (int k = 0; k < Stride; k++)
        {
            Unsafe.Add(ref slot, EqLanes.SlotRunAt + k * L + lane) = k < 3 ? Unsafe.Add(ref start, k) : -Unsafe.Add(ref start, k);
            double delta = ramping ? Unsafe.Add(ref row, DeltaAt + k) : 0.0;
            Unsafe.Add(ref slot, EqLanes.SlotDeltaAt + k * L + lane) = k < 3 ? delta : -delta;
            Unsafe.Add(ref slot, EqLaneBells.EndAt + k * L + lane) = Unsafe.Add(ref row, EndAt + k);
        }
        int state = band * SectionsPerBand * 4;
        for (int k = 0; k < 4; k++) Unsafe.Add(ref slot, EqLanes.SlotStateAt + k * L + lane) = _state[state + k];
        Unsafe.Add(ref slot, EqLaneBells.TargetAt + lane) = control.Target.GainDb;
        Unsafe.Add(ref slot, EqLaneBells.GainAt + lane) = control.GainDb;
        Unsafe.Add(ref slot, EqLaneBells.StageAt + lane) = control.GainStage;
        Unsafe.Add(ref slot, EqLaneBells.W0At + lane) = control.Corner.W0;
        Unsafe.Add(ref slot, EqLaneBells.P0At + lane) = control.Corner.HalfSinSquared;
        Unsafe.Add(ref slot, EqLaneBells.QAt + lane) = control.Corner.Q;
    }

    /// <summary>
    /// Takes band <paramref name="band"/> back from lane <paramref name="lane"/> of <paramref name="slot"/> (the inverse of
    /// <see cref="RtLendBell"/>, with the flags the lanes reached). Audio thread.
    /// </summary>
    internal void RtTakeBellBack(int band, ref double slot, int lane, bool dirty, bool ramping)
    {
        const int L = EqLanes.Lanes;
        ref var control = ref _bands[band];
        control.Dirty = dirty;
        control.Ramping = ramping;
        double target = Unsafe.Add(ref slot, EqLaneBells.TargetAt + lane);
        if (target != control.Target.GainDb) control.Target = control.Target with { GainDb = target };
        control.GainDb = Unsafe.Add(ref slot, EqLaneBells.GainAt + lane);
        control.GainStage = Unsafe.Add(ref slot, EqLaneBells.StageAt + lane);
        ref double row = ref _coefficients[band * SectionsPerBand * SectionStride];
        for (int k = 0; k < Stride; k++)
        {
            double run = Unsafe.Add(ref slot, EqLanes.SlotRunAt + k * L + lane);
            double delta = Unsafe.Add(ref slot, EqLanes.SlotDeltaAt + k * L + lane);
            Unsafe.Add(ref row, RunningAt + k) = k < 3 ? run : -run;
            Unsafe.Add(ref row, DeltaAt + k) = k < 3 ? delta : -delta;
            Unsafe.Add(ref row, EndAt + k) = Unsafe.Add(ref slot, EqLaneBells.EndAt + k * L + lane);
        }
        int state = band * SectionsPerBand * 4;
        for (int k = 0; k < 4; k++) _state[state + k] = Unsafe.Add(ref slot, EqLanes.SlotStateAt + k * L + lane);
    }

    /// <summary>Brings the position of the next sample and the samples left in the period up to where <see cref="EqLaneBells"/> ran the kernel. Audio thread.</summary>
    internal void RtLanesRan(long clock, int phase)
    {
        _version++;
        _clock = clock;
        _phase = phase;
    }

    /// <summary>Takes the bands still moving after a control period <see cref="EqLaneBells"/> started (one bit per band); the next period is a gain period. Audio thread.</summary>
    internal void RtLanesTicked(int busy)
    {
        _busy = busy;
        _idle = busy == 0;
        _period = GainPeriod;
    }
}
