using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MixEngine.Dsp;

namespace MixEngine.Automation;

/// <summary>
/// The per-sample gains of a level lane (fader, trim, VCA fader): 10^(v/20) of the lane's value v at every sample,
/// computed in runs that never cross a breakpoint or a <see cref="GainGrid"/> multiple of the timeline (a
/// <see cref="PowerGrid"/> multiple on the power path; flat runs end at breakpoints only), so the path taken and every
/// value depend on the sample position alone (any block split renders the same bits). Accuracy against the exact
/// formula (<see cref="RtValueAt"/> then <see cref="Decibels.ToGain"/>), documented in docs/automation.md: flat
/// stretches are exact; a dB-linear stretch of the main curve alone, inside the range, is within 240 × 2⁻⁵³ ≈ 2.7e-14
/// relative; every other stretch (S-curves, main plus trim, clamped stretches, −∞ ends) within 2e-14 relative.
/// <para>Thread rules: <c>Rt*</c> members run on the thread that renders the lane's strip (the driver or one render
/// worker, one at a time) and never allocate, lock or throw.</para>
/// </summary>
public sealed partial class RtLaneCursor
{
    /// <summary>Samples between the anchors of a gain run (see <see cref="RtFillGain"/>): runs start at multiples of it or at breakpoints.</summary>
    public const int GainGrid = 64;

    /// <summary>
    /// Samples between the anchors of a run on the power path (a dB-linear stretch of the main curve alone, inside the
    /// range): one exact gain per this many samples, the rest products of it and powers of the segment's ratio (geometric chains).
    /// </summary>
    public const int PowerGrid = 1024;

    // On the power path the gains are ChainStep interleaved geometric chains (four vectors of four lanes): sample
    // m = ChainStep·h + l of a run's anchor is (anchor × ratio^l) × step^h, ratio^l (l < ChainStep) by repeated
    // multiplication and step = ratio^ChainStep by one Math.Pow, both once per segment; every sample is within
    // 240 roundings of the exact gain (docs/automation.md).
    private const int ChainStep = 16;

    private readonly double[] _chainGroup = new double[ChainStep];
    private readonly GainSegment _mainSegment = new(), _trimSegment = new();
    private readonly double[] _mainValues = new double[GainGrid + 4], _trimValues = new double[GainGrid + 4];

    // Everything a gain run reads, side by side in the cursor itself (a lane's cells read it every 256 samples, long
    // after the cache lost it; a block's start asks for its lines: RtPrefetch).
    private RunState _run = new() { From = long.MaxValue, To = long.MinValue, ChainAt = long.MinValue, PowersOf = -1 };

    /// <summary>
    /// The stretch between breakpoints (of either curve) that the last run lay in, [From, To), with what the runs inside
    /// it need: which path they take and its constants (the flat gain; the power path's segment end points), so runs
    /// inside it (every cell of a segment) touch the cursor alone, not the point arrays. Inside: the power path's segment
    /// lies inside the range with a margin far above the interpolation's rounding, so no cell of it needs the per-cell
    /// range check (which would pass). The power path's constants: the four vectors of ratio^l (l &lt; ChainStep) and
    /// step = ratio^ChainStep, made for main segment PowersOf. ChainAt: where the last run on the power path stopped,
    /// when it stopped at the end of a group inside its cell (the sample after it), with the four chains as the next
    /// group starts them (anchor × ratio^l × step^h), so the run that starts there (the next block's) continues them
    /// instead of taking the anchor's power and replaying the steps: the same products in the same order, so the same bits.
    /// </summary>
    private struct RunState
    {
        public long From, To, ChainAt;
        public AutomationPoint PowerStart, PowerEnd;
        public double Gain, ChainStep;
        public int Main, Trim, PowersOf;
        public RunPath Path;
        public bool Inside;
        public Vector256<double> Low0, Low1, Low2, Low3, Chain0, Chain1, Chain2, Chain3;
    }

    /// <summary>How the runs of the cached stretch are filled.</summary>
    private enum RunPath
    {
        /// <summary>One gain (neither curve moves).</summary>
        Flat,

        /// <summary>A dB-linear main segment, no trim: the power path per cell, when the cell is inside the range.</summary>
        Power,

        /// <summary>The lane's formula four samples at a time.</summary>
        Vector,
    }

    /// <summary>
    /// Fills <paramref name="gains"/> with the linear gain 10^(dB/20) of the lane's level for samples
    /// <paramref name="position"/> onwards. On a dB-linear stretch of the main curve (no trim, inside the range) the
    /// gain is exponential in position, so it is computed exactly at the start of each <see cref="PowerGrid"/>-sample cell
    /// of the timeline (or at the breakpoint, when later) and multiplied, sample m of the cell, by the m-th power of the
    /// constant ratio 10^(slope/20) (sixteen geometric chains from it, see <see cref="ChainStep"/>): within 240 × 2⁻⁵³ ≈ 2.7e-14
    /// relative of the exact gain.
    /// Flat stretches compute one gain. Every other stretch (S-curves, trim, clamping, −∞ ends) evaluates the lane's formula four samples at a time (<see cref="Vector256"/> arithmetic, with
    /// <see cref="Vector256.Exp(Vector256{double})"/> for 10^(dB/20), or, in a cell whose dB values stay within 2⁻⁶ neper
    /// of its first, one exact gain times a short series, and the S-curve's cosine rotated from an exact value at the cell
    /// start): within 2e-14 relative. While a live value overrides the lane, samples follow
    /// <see cref="RtValueAt"/> one by one. Thread that renders the lane's strip.
    /// </summary>
    public void RtFillGain(long position, Span<double> gains) => RtGain(position, default, gains, false);

    /// <summary>
    /// Writes <paramref name="source"/> × the gains <see cref="RtFillGain"/> fills for samples <paramref name="position"/>
    /// onwards into <paramref name="destination"/> (same length; they may be the same span), without a gain buffer: each
    /// sample is one IEEE product with the same gain, so the result is bit-identical to filling the gains and multiplying.
    /// Thread that renders the lane's strip.
    /// </summary>
    public void RtApplyGain(long position, ReadOnlySpan<double> source, Span<double> destination) => RtGain(position, source, destination, true);

    private void RtGain(long position, ReadOnlySpan<double> source, Span<double> output, bool apply)
    {
        int i = 0;
        double lastDb = double.NaN, lastGain = 0.0;
        for (; i < output.Length && _read.Hold != LiveHold.Lane; i++)
        {
            double db = RtValueAt(position + i);
            if (db != lastDb)
            {
                lastDb = db;
                lastGain = Decibels.ToGain(db);
            }
            output[i] = apply ? source[i] * lastGain : lastGain;
        }
        while (i < output.Length) i += RtGainRun(position + i, apply ? source[i..] : default, output[i..], apply);
    }

    // Fills (or applies) the run from p to the next breakpoint (of either curve), grid multiple or the end of the span;
    // returns its length. A flat run ends at the breakpoint; the power path's runs at PowerGrid multiples, decided per
    // PowerGrid cell (so by position alone); every other run at GainGrid multiples.
    private int RtGainRun(long p, ReadOnlySpan<double> source, Span<double> output, bool apply)
    {
        if (p < _run.From || p >= _run.To) RtTakeRun(p);
        if (_run.Path == RunPath.Flat)
        {
            int flat = (int)Math.Min(output.Length, _run.To - p);
            if (apply) GainStage.RtScale(source[..flat], output[..flat], _run.Gain);
            else output[..flat].Fill(_run.Gain);
            return flat;
        }
        if (_run.Path == RunPath.Power)
        {
            long powerStart = p - (((p % PowerGrid) + PowerGrid) % PowerGrid);
            long powerEnd = Math.Min(powerStart + PowerGrid, _run.To);
            int m = (int)Math.Min(output.Length, powerEnd - p);
            ref double from = ref apply ? ref MemoryMarshal.GetReference(source) : ref Unsafe.NullRef<double>();
            if (p == _run.ChainAt)
            {
                RtFillChains(0.0, -1, ref from, output[..m], p, powerEnd);
                return m;
            }
            long first = Math.Max(powerStart, _run.PowerStart.Position);
            double v0 = AutomationCurve.Interpolate(_run.PowerStart, _run.PowerEnd, first);
            if (_run.Inside || InRange(v0, AutomationCurve.Interpolate(_run.PowerStart, _run.PowerEnd, powerEnd - 1)))
            {
                RtFillChains(Decibels.ToGain(v0), (int)(p - first), ref from, output[..m], p, powerEnd);
                return m;
            }
        }
        // The cell [anchor, cellEnd) is filled whole from its anchor (the later of the grid multiple and the stretch's
        // start), so a run that starts inside it takes the same anchor and the same bits.
        long cellStart = p - (((p % GainGrid) + GainGrid) % GainGrid);
        long anchor = Math.Max(cellStart, _run.From), cellEnd = Math.Min(cellStart + GainGrid, _run.To);
        int n = (int)Math.Min(output.Length, cellEnd - p), skip = (int)(p - anchor);
        RtFillGainVector(anchor, cellStart, _run.Main, _run.Trim, (int)(cellEnd - anchor));
        if (apply) GainStage.RtScale(source[..n], output[..n], _mainValues.AsSpan(skip, n));
        else _mainValues.AsSpan(skip, n).CopyTo(output);
        return n;
    }

    // Finds the stretch holding p (the segments of both curves there) and takes its path and constants. The curves'
    // lengths come from the read state (not the arrays' headers: a line and a page of their own).
    private void RtTakeRun(long p)
    {
        _run.ChainAt = long.MinValue;
        int mainCount = _read.Count, trimCount = _read.HasTrim ? _trim.Length : 0;
        int k = mainCount == 0 ? -1 : RtSegment(_main, mainCount, ref _read.At, p);
        int j = trimCount == 0 ? -1 : RtSegment(_trim, trimCount, ref _trimAt, p);
        _run.Main = k;
        _run.Trim = j;
        _run.From = Math.Max(k >= 0 ? _main[k].Position : long.MinValue, j >= 0 ? _trim[j].Position : long.MinValue);
        _run.To = Math.Min(mainCount > 0 ? NextPosition(_main, mainCount, k) : long.MaxValue, trimCount > 0 ? NextPosition(_trim, trimCount, j) : long.MaxValue);
        if (!Moves(_main, mainCount, k) && !Moves(_trim, trimCount, j))
        {
            double trim = trimCount == 0 ? 0.0 : _trim[Math.Max(j, 0)].Value;
            double v = mainCount == 0 ? trim : Clamp(_main[Math.Max(k, 0)].Value + trim);
            _run.Path = RunPath.Flat;
            _run.Gain = Decibels.ToGain(v);
            return;
        }
        _run.Path = RunPath.Vector;
        if (trimCount != 0) return;
        ref readonly var a = ref _main[k];
        ref readonly var b = ref _main[k + 1];
        if (a.Shape != SegmentShape.Linear || !double.IsFinite(a.Value) || !double.IsFinite(b.Value)) return;
        _run.Path = RunPath.Power;
        _run.PowerStart = a;
        _run.PowerEnd = b;
        double margin = 1e-9 * (1.0 + Math.Max(Math.Abs(a.Value), Math.Abs(b.Value)));
        _run.Inside = Math.Min(a.Value, b.Value) - margin > _read.Minimum && Math.Max(a.Value, b.Value) + margin < _read.Maximum;
        if (_run.PowersOf == k) return;
        double slope = (b.Value - a.Value) / (b.Position - a.Position);
        double ratio = Decibels.ToGain(slope);
        Span<double> low = stackalloc double[ChainStep];
        double power = 1.0;
        for (int l = 0; l < ChainStep; l++)
        {
            low[l] = power;
            power *= ratio;
        }
        _run.Low0 = Vector256.Create(low[..4]);
        _run.Low1 = Vector256.Create(low[4..8]);
        _run.Low2 = Vector256.Create(low[8..12]);
        _run.Low3 = Vector256.Create(low[12..]);
        _run.ChainStep = Decibels.ToGain(slope * ChainStep);
        _run.PowersOf = k;
    }

    private double Clamp(double v) => v < _read.Minimum ? _read.Minimum : v > _read.Maximum ? _read.Maximum : v;

    // True when the power path's cell from v0 to v1 lies inside the range.
    private bool InRange(double v0, double v1) => Math.Min(v0, v1) >= _read.Minimum && Math.Max(v0, v1) <= _read.Maximum;

    private static long NextPosition(AutomationPoint[] points, int count, int k) => k + 1 < count ? Point(points, k + 1).Position : long.MaxValue;

    // True when segment k of the curve changes value (not before the first point, after the last, a step or level).
    private static bool Moves(AutomationPoint[] points, int count, int k) =>
        k >= 0 && k + 1 < count && Point(points, k).Shape != SegmentShape.Step && Point(points, k).Value != Point(points, k + 1).Value;

    // Writes anchor × ratio^m for m = offset … offset + run.Length − 1 (m counted from the anchor), or, when `source` is
    // not a null reference, source[i] × that: four vectors hold the ChainStep samples of one group,
    // (anchor × ratio^l) × step^h for group h, each multiplied by step once per group, so a value depends on m alone (a
    // run that starts inside a cell replays the groups before it) and the four chains are independent (no latency chain
    // from sample to sample). With offset −1 the run continues the chains kept at _run.ChainAt. The run starts at timeline
    // sample p inside the cell ending at cellEnd; one that ends at the end of a group before the cell's end keeps the
    // chains for the run that starts there (_run.ChainAt).
    private void RtFillChains(double anchor, int offset, ref double source, Span<double> run, long p, long cellEnd)
    {
        const int lanes = 4;
        bool apply = !Unsafe.IsNullRef(ref source);
        var step = Vector256.Create(_run.ChainStep);
        Vector256<double> c0, c1, c2, c3;
        int skip = 0;
        if (offset < 0) (c0, c1, c2, c3) = (_run.Chain0, _run.Chain1, _run.Chain2, _run.Chain3);
        else
        {
            var scale = Vector256.Create(anchor);
            c0 = scale * _run.Low0;
            c1 = scale * _run.Low1;
            c2 = scale * _run.Low2;
            c3 = scale * _run.Low3;
            for (int h = offset / ChainStep; h > 0; h--)
            {
                c0 *= step;
                c1 *= step;
                c2 *= step;
                c3 *= step;
            }
            skip = offset % ChainStep;
        }
        int done = 0, count = run.Length;
        bool groupEnd = true;
        ref double output = ref MemoryMarshal.GetReference(run);
        while (done < count)
        {
            if (skip == 0 && count - done >= ChainStep)
            {
                if (apply)
                {
                    (Vector256.LoadUnsafe(ref source, (nuint)done) * c0).StoreUnsafe(ref output, (nuint)done);
                    (Vector256.LoadUnsafe(ref source, (nuint)(done + lanes)) * c1).StoreUnsafe(ref output, (nuint)(done + lanes));
                    (Vector256.LoadUnsafe(ref source, (nuint)(done + 2 * lanes)) * c2).StoreUnsafe(ref output, (nuint)(done + 2 * lanes));
                    (Vector256.LoadUnsafe(ref source, (nuint)(done + 3 * lanes)) * c3).StoreUnsafe(ref output, (nuint)(done + 3 * lanes));
                }
                else
                {
                    c0.StoreUnsafe(ref output, (nuint)done);
                    c1.StoreUnsafe(ref output, (nuint)(done + lanes));
                    c2.StoreUnsafe(ref output, (nuint)(done + 2 * lanes));
                    c3.StoreUnsafe(ref output, (nuint)(done + 3 * lanes));
                }
                groupEnd = true;
                done += ChainStep;
            }
            else
            {
                ref double whole = ref _chainGroup[0];
                c0.StoreUnsafe(ref whole, 0);
                c1.StoreUnsafe(ref whole, lanes);
                c2.StoreUnsafe(ref whole, 2 * lanes);
                c3.StoreUnsafe(ref whole, 3 * lanes);
                int n = Math.Min(ChainStep - skip, count - done);
                for (int x = 0; x < n; x++)
                {
                    double g = Unsafe.Add(ref whole, skip + x);
                    Unsafe.Add(ref output, done + x) = apply ? Unsafe.Add(ref source, done + x) * g : g;
                }
                groupEnd = skip + n == ChainStep;
                done += n;
                skip = 0;
            }
            c0 *= step;
            c1 *= step;
            c2 *= step;
            c3 *= step;
        }
        long end = p + count;
        if (groupEnd && end < cellEnd)
        {
            (_run.Chain0, _run.Chain1, _run.Chain2, _run.Chain3) = (c0, c1, c2, c3);
            _run.ChainAt = end;
        }
        else _run.ChainAt = long.MinValue;
    }

    // The lane's formula four samples at a time into _mainValues[..count]: main (clamped) plus trim in dB, then
    // e^(dB·ln10/20); a curve segment with a −∞ end is interpolated in linear gain and multiplies in (clamped in gain).
    // Every step is elementwise, so a sample's gain does not depend on which samples share its vector.
    private void RtFillGainVector(long p, long cellStart, int k, int j, int count)
    {
        bool hasMain = _main.Length > 0, hasTrim = _trim.Length > 0;
        if (hasMain)
        {
            _mainSegment.RtBeginRun(_main, k, p, cellStart);
            _mainSegment.RtValues(_mainValues, count);
        }
        if (hasTrim)
        {
            _trimSegment.RtBeginRun(_trim, j, p, cellStart);
            _trimSegment.RtValues(_trimValues, count);
        }
        bool mainDb = hasMain && !_mainSegment.InGain, mainGain = hasMain && _mainSegment.InGain;
        bool trimDb = hasTrim && !_trimSegment.InGain, trimGain = hasTrim && _trimSegment.InGain;
        bool anyDb = mainDb || trimDb, anyGain = mainGain || trimGain;
        bool clampDb = hasMain && !anyGain, clampGain = hasMain && anyGain;
        // Where the dB part and the gain part start (main's values, else trim's) and whether trim's add or multiply in.
        ref double db = ref (mainDb ? ref _mainValues[0] : ref _trimValues[0]);
        ref double gain = ref (mainGain ? ref _mainValues[0] : ref _trimValues[0]);
        ref double trim = ref _trimValues[0];
        bool addTrim = mainDb && trimDb, multiplyTrim = mainGain && trimGain;
        var minimum = Vector256.Create(_read.Minimum);
        var maximum = Vector256.Create(_read.Maximum);
        var minimumGain = Vector256.Create(_minimumGain);
        var maximumGain = Vector256.Create(_maximumGain);
        var nepers = Vector256.Create(NepersPerDecibel);
        var lowest = Vector256.Create(-ExponentLimit);
        var highest = Vector256.Create(ExponentLimit);
        var silent = Vector256.Create(double.NegativeInfinity);
        ref double output = ref _mainValues[0];
        int lanes = Vector256<double>.Count;
        if (anyDb && !anyGain)
        {
            // dB values alone: v first, and the widest step from the cell's first value v0.
            var v0 = Vector256.Create(addTrim ? db + trim : db);
            if (clampDb) v0 = Vector256.MinNative(Vector256.MaxNative(v0, minimum), maximum);
            var widest = Vector256<double>.Zero;
            for (int i = 0; i < count; i += lanes)
            {
                var v = Vector256.LoadUnsafe(ref db, (nuint)i);
                if (addTrim) v += Vector256.LoadUnsafe(ref trim, (nuint)i);
                if (clampDb) v = Vector256.MinNative(Vector256.MaxNative(v, minimum), maximum);
                widest = Vector256.MaxNative(widest, Vector256.Abs(v - v0));
                v.StoreUnsafe(ref output, (nuint)i);
            }
            double first = v0.ToScalar();
            if (Math.Abs(first) <= ExponentLimit / NepersPerDecibel && Widest(widest) <= SeriesReach / NepersPerDecibel)
            {
                RtCellSeries(first, count);
                return;
            }
            for (int i = 0; i < count; i += lanes)
            {
                var x = Vector256.LoadUnsafe(ref output, (nuint)i) * nepers;
                Vector256.AndNot(Vector256.Exp(Vector256.Min(Vector256.Max(x, lowest), highest)), Vector256.Equals(x, silent)).StoreUnsafe(ref output, (nuint)i);
            }
            return;
        }
        for (int i = 0; i < count; i += lanes)
        {
            Vector256<double> g = anyGain ? Vector256.LoadUnsafe(ref gain, (nuint)i) : Vector256<double>.One;
            if (multiplyTrim) g *= Vector256.LoadUnsafe(ref trim, (nuint)i);
            if (anyDb)
            {
                var v = Vector256.LoadUnsafe(ref db, (nuint)i);
                if (addTrim) v += Vector256.LoadUnsafe(ref trim, (nuint)i);
                if (clampDb) v = Vector256.Min(Vector256.Max(v, minimum), maximum);
                var x = v * nepers;
                // e^x of an argument kept inside ±700 (e^-700 ≈ 1e-304: dB below −6000 are silent in practice) takes the
                // vector path for every lane; −∞ dB is exactly 0.
                var e = Vector256.AndNot(Vector256.Exp(Vector256.Min(Vector256.Max(x, lowest), highest)), Vector256.Equals(x, silent));
                g = anyGain ? g * e : e;
            }
            if (clampGain) g = Vector256.Min(Vector256.Max(g, minimumGain), maximumGain);
            g.StoreUnsafe(ref output, (nuint)i);
        }
    }

    // The cell's dB values v in _mainValues[..count] (their first v0, every |v − v0| ≤ SeriesReach nepers) to gains:
    // 10^(v0/20) × e^x, x = (v − v0)·ln10/20, e^x by its Taylor series to x⁶ (Horner, fused): one Math.Exp per cell and
    // seven vector operations per four samples instead of Vector256.Exp's argument reduction. The series leaves out
    // |x|⁷/7! × e^|x| < 4.6e-17 relative; v − v0 and the products round within a few 2⁻⁵³ (docs/automation.md).
    private void RtCellSeries(double v0, int count)
    {
        var scale = Vector256.Create(Math.Exp(v0 * NepersPerDecibel));
        var first = Vector256.Create(v0);
        var nepers = Vector256.Create(NepersPerDecibel);
        var c2 = Vector256.Create(1.0 / 2);
        var c3 = Vector256.Create(1.0 / 6);
        var c4 = Vector256.Create(1.0 / 24);
        var c5 = Vector256.Create(1.0 / 120);
        var c6 = Vector256.Create(1.0 / 720);
        var one = Vector256<double>.One;
        ref double values = ref _mainValues[0];
        for (int i = 0; i < count; i += Vector256<double>.Count)
        {
            var x = (Vector256.LoadUnsafe(ref values, (nuint)i) - first) * nepers;
            var e = Vector256.FusedMultiplyAdd(c6, x, c5);
            e = Vector256.FusedMultiplyAdd(e, x, c4);
            e = Vector256.FusedMultiplyAdd(e, x, c3);
            e = Vector256.FusedMultiplyAdd(e, x, c2);
            e = Vector256.FusedMultiplyAdd(e, x, one);
            e = Vector256.FusedMultiplyAdd(e, x, one);
            (scale * e).StoreUnsafe(ref values, (nuint)i);
        }
    }

    private static double Widest(Vector256<double> w) => Math.Max(Math.Max(w[0], w[1]), Math.Max(w[2], w[3]));

    /// <summary>Widest |x| (nepers) from a cell's first value for which <see cref="RtCellSeries"/> takes e^x by its series: 2⁻⁶ (0.136 dB).</summary>
    private const double SeriesReach = 1.0 / 64;

    /// <summary>Largest |x| passed to e^x: inside the range where <see cref="Vector256.Exp(Vector256{double})"/> stays on its vector path.</summary>
    private const double ExponentLimit = 700;

    /// <summary>ln(10)/20: 10^(dB/20) = e^(dB × this).</summary>
    private const double NepersPerDecibel = 0.11512925464970228420089957273422;
}
