using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// The gain-automated bells of one fixed group of lanes (a track batch's part: up to <see cref="EqLanes.Lanes"/> mono
/// kernels whose sounding bands are all matched bells following gain curves, <see cref="ParametricEq.RtFollowedBells"/>),
/// held across blocks in the lanes' vector layout: per band, each lane's coefficient ramp, filter state, period end
/// design, gain target and glide stages, and corner side by side. A control period then reads the curves, glides,
/// designs and ramps the band on all lanes at once and the section loops run straight from here, with no per-kernel
/// gather or scatter: a period of a 128-strip reel touches a dozen cache lines per band for four kernels instead of
/// a few dozen per kernel. Every step is the kernel's own operation on each lane (the same glide, the same vector design
/// as <see cref="EqDesigner.MatchedBells"/>, the same ramp and section arithmetic as <see cref="EqLanes"/>), so the
/// output is bit-identical to <see cref="ParametricEq.RtProcess"/>. While held, the kernels' band records, coefficient
/// rows and states are stale; anything else that runs or changes a kernel first has the bells given back
/// (<see cref="ParametricEq.RtReclaim"/> → <see cref="RtRelease"/>), and a period that would leave the pattern (a gain
/// arriving at exactly 0 dB, which the kernel designs another way) gives them back and runs as <see cref="EqLanes"/> would.
/// <para>Threads: construction on the control side (allocates); the rest on the thread running the lanes, or, for
/// <see cref="RtRelease"/>, whichever thread reclaims a kernel between blocks. No allocation, lock or throw.</para>
/// </summary>
public sealed class EqLaneBells
{
    private const int L = EqLanes.Lanes;

    /// <summary>Where a band's period end design (b0 b1 b2 a1 a2, one vector each) starts, after its <see cref="EqLanes"/> slot.</summary>
    internal const int EndAt = EqLanes.SlotDoubles;

    /// <summary>Where a band's gain targets (dB), gains and first glide stages start.</summary>
    internal const int TargetAt = EndAt + EqDesigner.Stride * L, GainAt = TargetAt + L, StageAt = GainAt + L;

    /// <summary>Where a band's corner (w0, sin²(w0/2), Q) starts.</summary>
    internal const int W0At = StageAt + L, P0At = W0At + L, QAt = P0At + L;

    private const int BandDoubles = QAt + L;
    private const int CacheLine = 64;

    private readonly ParametricEq?[] _eqs = new ParametricEq?[L];
    private readonly IControlCurve?[] _curves = new IControlCurve?[L * ParametricEq.MaxBands];
    private readonly long[] _clocks = new long[L];
    private readonly double[] _glide = new double[L];
    private readonly int[] _bandNumbers = new int[ParametricEq.MaxBands];
    private readonly double[] _data = new double[ParametricEq.MaxBands * BandDoubles];
    private readonly int[] _dirty = new int[ParametricEq.MaxBands];
    private readonly int[] _ramping = new int[ParametricEq.MaxBands];
    private readonly double[] _targets = new double[ParametricEq.MaxBands * L];
    private readonly double[] _gains = new double[ParametricEq.MaxBands * 2 * L];
    private readonly int[] _arrived = new int[ParametricEq.MaxBands];
    private readonly int[] _dirtyNext = new int[ParametricEq.MaxBands];
    private int _count;
    private int _bands;
    private readonly int[] _phases = new int[L];
    private int _backoff;

    /// <summary>Number of bands held (0 while nothing is held).</summary>
    internal int Bands => _count == 0 ? 0 : _bands;

    /// <summary>The held lanes whose control period starts at the next sample, one bit per lane. Rt.</summary>
    internal int RtOpening()
    {
        int open = 0;
        for (int l = 0; l < _count; l++)
            if (_phases[l] == 0) open |= 1 << l;
        return open;
    }

    /// <summary>Samples until the next held lane's control period starts (after <see cref="RtTick"/> at any opening). Rt.</summary>
    internal int RtStretch()
    {
        int n = int.MaxValue;
        for (int l = 0; l < _count; l++) n = Math.Min(n, _phases[l]);
        return n;
    }

    /// <summary>Blocks run from the held bells (for tests and diagnostics); the thread running the lanes.</summary>
    public long Blocks { get; private set; }

    /// <summary>Band <paramref name="j"/> held (its <see cref="EqLanes"/> slot first).</summary>
    internal ref double Band(int j) => ref _data[j * BandDoubles];

    /// <summary>True when the bells of lanes 0 … <paramref name="count"/> − 1 (kernels <paramref name="eqs"/>) are held here, as they are. Rt.</summary>
    internal bool RtHolds(ParametricEq[] eqs, int[] channels, int count)
    {
        if (_count == 0 || count != _count) return false;
        for (int l = 0; l < count; l++)
            if (!ReferenceEquals(eqs[l], _eqs[l]) || channels[l] != 0) return false;
        return true;
    }

    /// <summary>
    /// Takes the bells of lanes 0 … <paramref name="count"/> − 1 when every lane is a distinct mono kernel with the same
    /// followed bells (<see cref="ParametricEq.RtFollowedBells"/>); after a refusal the next few
    /// blocks do not look again (the check reads each kernel's band records). Rt, between blocks of the lanes.
    /// </summary>
    internal void RtTryTake(ParametricEq[] eqs, int[] channels, int count)
    {
        if (_count != 0) return;
        if (_backoff > 0)
        {
            _backoff--;
            return;
        }
        int bands = eqs[0].RtFollowedBells();
        bool fits = bands != 0;
        for (int l = 0; fits && l < count; l++)
        {
            fits = channels[l] == 0 && (l == 0 || eqs[l].RtFollowedBells() == bands);
            for (int k = 0; k < l; k++) fits &= !ReferenceEquals(eqs[k], eqs[l]);
        }
        if (!fits)
        {
            _backoff = 32;
            return;
        }
        _bands = 0;
        for (int m = bands; m != 0; m &= m - 1) _bandNumbers[_bands++] = BitOperations.TrailingZeroCount(m);
        Array.Clear(_data, 0, _bands * BandDoubles);
        for (int j = 0; j < _bands; j++)
        {
            int b = _bandNumbers[j];
            int dirty = 0, ramping = 0;
            ref double band = ref Band(j);
            for (int l = 0; l < count; l++)
            {
                eqs[l].RtLendBell(b, ref band, l, out bool d, out bool r);
                if (d) dirty |= 1 << l;
                if (r) ramping |= 1 << l;
                _curves[l * ParametricEq.MaxBands + j] = eqs[l].RtGainCurve(b);
            }
            // Spare lanes design lane 0's bell (never used): a zero corner would send the design down its slow path.
            for (int l = count; l < L; l++)
                foreach (int at in (ReadOnlySpan<int>)[TargetAt, GainAt, StageAt, W0At, P0At, QAt])
                    Unsafe.Add(ref band, at + l) = Unsafe.Add(ref band, at);
            _dirty[j] = dirty;
            _ramping[j] = ramping;
        }
        for (int l = 0; l < L; l++)
        {
            _glide[l] = eqs[Math.Min(l, count - 1)].RtGainGlide;
            _eqs[l] = l < count ? eqs[l] : null;
        }
        for (int l = 0; l < count; l++)
        {
            eqs[l].RtLaneBells = this;
            _phases[l] = eqs[l].RtPhase;
        }
        _count = count;
    }

    /// <summary>
    /// Gives every held band back to its kernel (records, coefficient rows, states) and holds nothing; nothing when
    /// nothing is held. Rt: between blocks, or within one after <see cref="RtEndStretch"/>.
    /// </summary>
    internal void RtRelease()
    {
        int count = _count;
        if (count == 0) return;
        _count = 0;
        for (int l = 0; l < count; l++)
        {
            var eq = _eqs[l]!;
            eq.RtLaneBells = null;
            for (int j = 0; j < _bands; j++)
                eq.RtTakeBellBack(_bandNumbers[j], ref Band(j), l, (_dirty[j] & (1 << l)) != 0, (_ramping[j] & (1 << l)) != 0);
            _eqs[l] = null;
        }
        Array.Clear(_curves);
    }

    /// <summary>Reads the held kernels' positions (set for this block) and asks the processor for the held bands' lines. Rt, at a block start.</summary>
    internal unsafe void RtBeginBlock()
    {
        for (int l = 0; l < _count; l++) _clocks[l] = _eqs[l]!.RtClock;
        Blocks++;
        if (!Sse.IsSupported) return;
        byte* first = (byte*)Unsafe.AsPointer(ref Unsafe.As<double, byte>(ref _data[0]));
        byte* end = first + _bands * BandDoubles * sizeof(double);
        for (byte* line = (byte*)((nuint)first & ~(nuint)(CacheLine - 1)); line < end; line += CacheLine) Sse.Prefetch0(line);
    }

    /// <summary>Accounts for <paramref name="count"/> samples filtered in the current period. Rt.</summary>
    internal void RtAdvance(int count)
    {
        for (int l = 0; l < _count; l++)
        {
            _phases[l] -= count;
            _clocks[l] += count;
        }
    }

    /// <summary>Writes the period counters reached back to the held kernels (at a block's end, or before giving the bells back within one). Rt.</summary>
    internal void RtEndStretch()
    {
        for (int l = 0; l < _count; l++) _eqs[l]!.RtLanesRan(_clocks[l], _phases[l]);
    }

    /// <summary>
    /// Starts a control period on the held kernels of lanes <paramref name="open"/> (one bit per lane: those at phase 0),
    /// as <see cref="ParametricEq"/>'s tick would for each: the gain curves read at the period's first sample (clamped,
    /// non-finite values ignored, a new value marks the band), each marked band's glide step, its matched bell designed
    /// and the coefficient ramp to it over a gain period, and a ramp that ended stopped; the other lanes go on as they
    /// are. Returns false, having changed nothing, when a band's gain would arrive at exactly 0 dB (the kernel then
    /// designs no matched bell): the caller gives the bells back and runs the period as <see cref="EqLanes"/> does. Rt.
    /// </summary>
    internal bool RtTick(int open)
    {
        int bands = _bands, count = _count;
        var glide = Vector256.Create(_glide.AsSpan());
        var threshold = Vector256.Create(1e-4);
        ref double targets = ref MemoryMarshal.GetArrayDataReference(_targets);
        ref double gains = ref MemoryMarshal.GetArrayDataReference(_gains);
        for (int j = 0; j < bands; j++)
        {
            ref double band = ref Band(j);
            int dirty = _dirty[j];
            for (int l = 0; l < L; l++)
            {
                double t = Unsafe.Add(ref band, TargetAt + l);
                if ((open & (1 << l)) != 0)
                {
                    double v = _curves[l * ParametricEq.MaxBands + j]!.RtValueAt(_clocks[l]);
                    if (double.IsFinite(v))
                    {
                        double g = Math.Clamp(v, -EqBand.MaxGainDb, EqBand.MaxGainDb);
                        if (g != t)
                        {
                            t = g;
                            dirty |= 1 << l;
                        }
                    }
                }
                Unsafe.Add(ref targets, j * L + l) = t;
            }
            _dirtyNext[j] = dirty;
            int stepping = dirty & open;
            _arrived[j] = 0;
            if (stepping == 0) continue;
            // The glide step (ParametricEq.Glide: the frequency and Q stand at their targets, so only the gain moves).
            var target = Vector256.LoadUnsafe(ref targets, (nuint)(j * L));
            var stage = Vector256.LoadUnsafe(ref band, StageAt);
            var gain = Vector256.LoadUnsafe(ref band, GainAt);
            var nextStage = stage + (target - stage) * glide;
            var nextGain = gain + (nextStage - gain) * glide;
            var arrived = Vector256.LessThan(Vector256.Abs(target - nextGain), threshold) & Vector256.LessThan(Vector256.Abs(target - nextStage), threshold);
            nextGain = Vector256.ConditionalSelect(arrived, target, nextGain);
            nextStage = Vector256.ConditionalSelect(arrived, target, nextStage);
            var marked = Mask(stepping);
            nextGain = Vector256.ConditionalSelect(marked, nextGain, gain);
            nextStage = Vector256.ConditionalSelect(marked, nextStage, stage);
            if ((Vector256.Equals(nextGain, Vector256<double>.Zero) & marked) != Vector256<double>.Zero) return false;
            nextGain.StoreUnsafe(ref gains, (nuint)(j * 2 * L));
            nextStage.StoreUnsafe(ref gains, (nuint)(j * 2 * L + L));
            _arrived[j] = (int)arrived.ExtractMostSignificantBits() & stepping;
        }
        const double perSample = 1.0 / ParametricEq.GainPeriod; // exact: a power of two, as in ParametricEq.Ramp
        var perSamples = Vector256.Create(perSample);
        var opening = Mask(open);
        for (int j = 0; j < bands; j++)
        {
            ref double band = ref Band(j);
            Vector256.LoadUnsafe(ref targets, (nuint)(j * L)).StoreUnsafe(ref band, TargetAt);
            int dirty = _dirtyNext[j], stepping = dirty & open;
            _dirty[j] = dirty;
            // An opening lane at rest holds its end design (ParametricEq.EndTick: a ramp that just ended only stops).
            if (stepping == 0 && (_ramping[j] & open) == 0) continue;
            Vector256<double> b0, b1, b2, a1, a2;
            var marked = Mask(stepping);
            if (stepping != 0)
            {
                var gain = Vector256.LoadUnsafe(ref gains, (nuint)(j * 2 * L));
                gain.StoreUnsafe(ref band, GainAt);
                Vector256.LoadUnsafe(ref gains, (nuint)(j * 2 * L + L)).StoreUnsafe(ref band, StageAt);
                EqDesigner.MatchedBells(Vector256.LoadUnsafe(ref band, W0At), Vector256.LoadUnsafe(ref band, P0At), Vector256.LoadUnsafe(ref band, QAt), gain,
                    out b0, out b1, out b2, out a1, out a2);
            }
            else b0 = b1 = b2 = a1 = a2 = default;
            var moving = Vector256<double>.Zero;
            moving |= Ramp(ref band, 0, b0, perSamples, marked, out var d0, out var s0);
            moving |= Ramp(ref band, 1, b1, perSamples, marked, out var d1, out var s1);
            moving |= Ramp(ref band, 2, b2, perSamples, marked, out var d2, out var s2);
            moving |= Ramp(ref band, 3, a1, perSamples, marked, out var d3, out var s3);
            moving |= Ramp(ref band, 4, a2, perSamples, marked, out var d4, out var s4);
            var ramping = marked & moving;
            Start(ref band, 0, s0, d0, ramping, opening);
            Start(ref band, 1, s1, d1, ramping, opening);
            Start(ref band, 2, s2, d2, ramping, opening);
            Start(ref band, 3, s3, d3, ramping, opening);
            Start(ref band, 4, s4, d4, ramping, opening);
            _ramping[j] = (_ramping[j] & ~open) | ((int)ramping.ExtractMostSignificantBits() & stepping);
            _dirty[j] = dirty & ~_arrived[j];
        }
        for (int l = 0; l < count; l++)
        {
            if ((open & (1 << l)) == 0) continue;
            int busy = 0;
            for (int j = 0; j < bands; j++)
                if (((_dirty[j] | _ramping[j]) & (1 << l)) != 0) busy |= 1 << _bandNumbers[j];
            _eqs[l]!.RtLanesTicked(busy);
            _phases[l] = ParametricEq.GainPeriod;
        }
        return true;
    }

    // Coefficient k of a band's marked lanes moves to `design` (ParametricEq.Ramp): the end design is replaced, the delta
    // per sample is (design − start)·perSample from the old end (`start`); returns the lanes whose delta is not 0 (NaN
    // counts as moving, as in the kernel). Which lanes ramp is left to Start, which needs every coefficient's delta.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Ramp(ref double band, int k, Vector256<double> design, Vector256<double> perSamples, Vector256<double> marked,
        out Vector256<double> delta, out Vector256<double> start)
    {
        start = Vector256.LoadUnsafe(ref band, (nuint)(EndAt + k * L));
        delta = (design - start) * perSamples;
        Vector256.ConditionalSelect(marked, design, start).StoreUnsafe(ref band, (nuint)(EndAt + k * L));
        return ~Vector256.Equals(delta, Vector256<double>.Zero);
    }

    // Coefficient k's run and delta in EqLanes' slot layout (feedback terms negated) for the opening lanes: a ramping
    // lane runs from the old end with its delta, any other holds its end design with delta 0; other lanes go on.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Start(ref double band, int k, Vector256<double> start, Vector256<double> delta, Vector256<double> ramping, Vector256<double> opening)
    {
        var end = Vector256.LoadUnsafe(ref band, (nuint)(EndAt + k * L));
        var run = Vector256.ConditionalSelect(ramping, start, end);
        var step = Vector256.ConditionalSelect(ramping, delta, Vector256<double>.Zero);
        if (k >= 3)
        {
            run = -run;
            step = -step;
        }
        Vector256.ConditionalSelect(opening, run, Vector256.LoadUnsafe(ref band, (nuint)(EqLanes.SlotRunAt + k * L))).StoreUnsafe(ref band, (nuint)(EqLanes.SlotRunAt + k * L));
        Vector256.ConditionalSelect(opening, step, Vector256.LoadUnsafe(ref band, (nuint)(EqLanes.SlotDeltaAt + k * L))).StoreUnsafe(ref band, (nuint)(EqLanes.SlotDeltaAt + k * L));
    }

    // All ones in the lanes whose bit is set.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Mask(int bits)
        => Vector256.Create((bits & 1) != 0 ? -1L : 0L, (bits & 2) != 0 ? -1L : 0L, (bits & 4) != 0 ? -1L : 0L, (bits & 8) != 0 ? -1L : 0L).AsDouble();
}
