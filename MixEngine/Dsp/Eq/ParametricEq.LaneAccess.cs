using System.Numerics;
using System.Runtime.CompilerServices;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// What <see cref="EqLanes"/> reads and advances when it runs this kernel's sections as one lane of a vector batch in place
/// of <see cref="RtProcess"/>: the settled cascade's coefficients and state, the control period's phase and, while bands
/// move, each section's coefficient ramp. Threads: the thread that runs the kernel (audio thread or a render worker).
/// </summary>
public sealed partial class ParametricEq
{
    /// <summary>True when no band moves (no glide, ramp or morph pending): the filter is a fixed cascade that <see cref="EqLanes"/> may run in its place. Audio thread.</summary>
    internal bool RtSettled => _idle && !_following;

    /// <summary>Channels the kernel was prepared for.</summary>
    internal int Channels => _spec.Channels;

    /// <summary>Number of second-order sections the settled cascade runs (bands in order, each band's sections in order).</summary>
    internal int RtActiveSections()
    {
        int total = 0;
        for (int sounding = _sounding; sounding != 0; sounding &= sounding - 1) total += _bands[BitOperations.TrailingZeroCount(sounding)].Sections;
        return total;
    }

    /// <summary>
    /// Writes the numbers of the settled cascade's sections, in the order they run, into <paramref name="sections"/> (at
    /// least <c>MaxBands × EqDesigner.MaxSections</c> long) and returns how many there are (<see cref="RtActiveSections"/>):
    /// one walk over the bands, where <see cref="RtSectionAt"/> then reaches each section directly. Audio thread.
    /// </summary>
    internal int RtSectionNumbers(Span<int> sections)
    {
        int total = 0;
        for (int sounding = _sounding; sounding != 0; sounding &= sounding - 1)
        {
            int b = BitOperations.TrailingZeroCount(sounding);
            int count = _bands[b].Sections;
            for (int s = 0; s < count; s++) sections[total++] = b * SectionsPerBand + s;
        }
        return total;
    }

    /// <summary>
    /// Copies the coefficients (b0 b1 b2 a1 a2) of section number <paramref name="section"/> (from
    /// <see cref="RtSectionNumbers"/>) into <paramref name="coefficients"/> and returns where that section's state
    /// (x1 x2 y1 y2) of <paramref name="channel"/> starts in <see cref="RtState"/>. Audio thread.
    /// </summary>
    internal int RtSectionAt(int section, int channel, Span<double> coefficients)
    {
        _coefficients.AsSpan(section * SectionStride + EndAt, Stride).CopyTo(coefficients);
        return (section * _spec.Channels + channel) * 4;
    }

    /// <summary>The filter state (x1 x2 y1 y2 per section and channel) that <see cref="EqLanes"/> runs on in place of <see cref="RtProcess"/>.</summary>
    internal double[] RtState => _state;

    /// <summary>
    /// Counts the sets, resets and filtered stretches (by <see cref="RtProcess"/> or by any <see cref="EqLanes"/>) of
    /// the kernel: an <see cref="EqLaneCache"/> that left the kernel at this number still holds its coefficients,
    /// sections and state. (Coefficients and sections change only while a set is pending, settling included, which
    /// takes a set first; <see cref="Follow"/> comes before processing.) Audio thread.
    /// </summary>
    internal long RtVersion => _version;

    /// <summary>Accounts for <paramref name="count"/> samples that <see cref="EqLanes"/> filtered while settled (keeps the control period's phase). Audio thread.</summary>
    internal void RtAdvanceSettled(int count)
    {
        _version++;
        _phase = ((_phase - count) % ControlPeriod + ControlPeriod) % ControlPeriod;
        _clock += count;
    }

    /// <summary>Samples left in the current control period (0: a period starts at the next sample). Audio thread.</summary>
    internal int RtPhase => _phase;

    /// <summary>Bands that run at least one section in the current control period, one bit per band (bit b: band b). Audio thread.</summary>
    internal int RtSoundingBands => _sounding;

    /// <summary>Number of sections band <paramref name="band"/> runs in the current control period. Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RtBandSections(int band) => _bands[band].Sections;

    /// <summary>
    /// What <see cref="RtProcess"/> does where a control period starts, for <see cref="EqLanes"/> running the kernel in its
    /// place, first half: a moving kernel reads its curves and takes its glide steps, and returns true with the matched
    /// bells it has to design in <see cref="RtPeriodBells"/>; the caller then designs them (<see cref="RtBellCorner"/>,
    /// <see cref="RtSetBellDesign"/>) and calls <see cref="RtClosePeriod"/>. A settled kernel has nothing to do (false).
    /// Call at <see cref="RtPhase"/> 0 only, then <see cref="RtAdvancePeriod"/> as samples are filtered. Audio thread.
    /// </summary>
    internal bool RtOpenPeriod()
    {
        if (_idle && !_following)
        {
            _phase = _period;
            return false;
        }
        BeginTick();
        return true;
    }

    /// <summary>The matched bells the period opened by <see cref="RtOpenPeriod"/> has to design, one bit per band. Audio thread.</summary>
    internal int RtPeriodBells => _tickBells;

    /// <summary>What bell <paramref name="band"/> of <see cref="RtPeriodBells"/> is designed from: its corner and its gain. Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RtBellCorner(int band, out double w0, out double halfSinSquared, out double q, out double gainDb)
    {
        ref var control = ref _bands[band];
        w0 = control.Corner.W0;
        halfSinSquared = control.Corner.HalfSinSquared;
        q = control.Corner.Q;
        gainDb = control.GainDb;
    }

    /// <summary>Hands bell <paramref name="band"/> of <see cref="RtPeriodBells"/> its design (b0 b1 b2 a1 a2, from <see cref="EqDesigner.MatchedBells"/>). Audio thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RtSetBellDesign(int band, double b0, double b1, double b2, double a1, double a2)
    {
        var design = _bellDesigns.AsSpan(band * Stride, Stride);
        design[0] = b0;
        design[1] = b1;
        design[2] = b2;
        design[3] = a1;
        design[4] = a2;
    }

    /// <summary>The second half of <see cref="RtOpenPeriod"/>, once every bell of <see cref="RtPeriodBells"/> has its design: the other bands' designs and every moving band's ramp. Audio thread.</summary>
    internal void RtClosePeriod()
    {
        EndTick();
        _phase = _period;
    }

    /// <summary>Accounts for <paramref name="count"/> samples (at most <see cref="RtPhase"/>) that <see cref="EqLanes"/> filtered in this period. Audio thread.</summary>
    internal void RtAdvancePeriod(int count)
    {
        _version++;
        _phase -= count;
        _clock += count;
    }

    /// <summary>Where a coefficient row holds the ramp's running coefficients (<see cref="RtSectionRow"/>).</summary>
    internal const int RowRunningAt = RunningAt;

    /// <summary>Where a coefficient row holds the ramp's per-sample deltas (<see cref="RtSectionRow"/>).</summary>
    internal const int RowDeltaAt = DeltaAt;

    /// <summary>
    /// The coefficient row of section <paramref name="section"/> of band <paramref name="band"/>, for <see cref="EqLanes"/>
    /// running this control period in the kernel's place: the design the period ends on (b0 b1 b2 a1 a2) at its start,
    /// and, while the band ramps (<paramref name="ramping"/>), the ramp's running coefficients at <see cref="RowRunningAt"/>
    /// (the coefficients of the next sample are running + delta, of the one after that (running + delta) + delta, and
    /// so on, as <see cref="RtProcess"/> runs them) and its deltas at <see cref="RowDeltaAt"/>. A holding band runs its end
    /// design. After filtering, the running coefficients reached go back into the row. Audio thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref double RtSectionRow(int band, int section, out bool ramping)
    {
        ramping = _bands[band].Ramping;
        return ref _coefficients[(band * SectionsPerBand + section) * SectionStride];
    }

    /// <summary>Where the state of section <paramref name="section"/> of band <paramref name="band"/> for <paramref name="channel"/> starts in <see cref="RtState"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RtStateOffset(int band, int section, int channel) => ((band * SectionsPerBand + section) * _spec.Channels + channel) * 4;
}
