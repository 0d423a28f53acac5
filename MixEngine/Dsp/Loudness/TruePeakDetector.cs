using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixEngine.Dsp.Loudness;

/// <summary>
/// True-peak detection per ITU-R BS.1770 Annex 2 for one channel: oversample (4× below 88.2 kHz, 2× below 176.4 kHz,
/// none above), interpolate with a low-pass FIR and take the largest magnitude. The interpolator is a Kaiser-windowed
/// sinc of 32 taps per phase (flatter than the Annex's 12-tap example, whose phases over-read near fs/4 by ≈0.2 dB,
/// loudness-dsp.md §3); the result is max(true peak, sample peak), as libebur128 reports it.
/// Interpolation is skipped, exactly, for stretches that cannot raise the peak: no interpolated value can exceed the
/// largest input magnitude in its window times the largest sum of absolute coefficients of a phase, so a stretch whose
/// bound stays below the peak found so far is only copied into the history. Inside a stretch that stays, four output
/// samples at a time (<see cref="Vector256{T}"/> lanes = consecutive samples) are bounded per pair of mirrored phases
/// (p and factor − 1 − p) over the 4 consecutive taps of largest magnitude (<see cref="PairBound"/>: the larger of the
/// two phases' partial sums is |Σ e·x| + |Σ f·x| with e, f their half sum and half difference, taken over the sums and
/// differences of the samples mirrored about the window's centre, two products per phase instead of four) plus the other
/// taps' absolute sum times the stretch's largest input (rounded up by a relative 1e-9, far above the rounding of any
/// sum), and the few groups that pass, again with 8 taps; only a group whose bounds both exceed the peak is interpolated
/// in full, each lane doing the products and sums of <see cref="RtPush"/> in the same order. The peak starts each chunk from the chunk's largest
/// sample magnitude (part of the result anyway), so after a restart of the peak (a live meter's reading) the bounds are
/// tried against a high peak at once (a quarter fewer groups interpolated in full on pink noise read every 1600
/// samples). Each of the three steps runs as a pass over the chunk's groups that decides for every group without a
/// branch (a mask bit per group: on noise about seven in ten groups stop at the coarse bound, at random, and a branch per
/// group mispredicted that often), all against the peak the chunk starts with: a group left out cannot raise that peak,
/// let alone the final one. So the peak is bit-identical to feeding the samples one by one, at a small fraction of the work on noise.
/// Construct on the control side; <see cref="RtProcess"/> never allocates.
/// </summary>
public sealed class TruePeakDetector
{
    /// <summary>Taps per polyphase branch.</summary>
    public const int TapsPerPhase = 32;

    private const double KaiserBeta = 8.0;
    private const int Stretch = 32;
    private const int Chunk = 8 * Stretch;
    private const int CoarseTaps = 4;
    private const int CentreTaps = 8;
    private const double BoundMargin = 1.0 + 1e-9;

    private readonly double[][] _phases; // each reversed, so a dot product with the chronological history applies it
    private readonly Vector256<double>[] _taps; // _phases[p][k] broadcast, at p * TapsPerPhase + k
    private readonly double[] _history = new double[2 * TapsPerPhase];
    // The chunk being measured after the TapsPerPhase − 1 samples before it, zero-padded to whole stretches plus one.
    private readonly double[] _line = new double[TapsPerPhase - 1 + Chunk + Stretch + 1];
    private readonly double[] _stretchMax = new double[Chunk / Stretch + 2]; // largest magnitude of each Stretch of _line
    private readonly double _gainBound;
    private readonly PairBound _coarse; // over CoarseTaps taps (null without oversampling)
    private readonly PairBound _fine;   // over CentreTaps taps
    private int _position;
    private double _peak;

    // The interpolator and its bounds per oversampling factor (1, 2, 4 at index log2), designed once per process and
    // shared read-only by every detector: a render meters ten channels of each of its prints.
    private static readonly Lazy<Interpolator>[] Interpolators = [new(() => new Interpolator(1)), new(() => new Interpolator(2)), new(() => new Interpolator(4))];

    /// <summary>Sets up the interpolator for <paramref name="sampleRate"/> Hz.</summary>
    public TruePeakDetector(double sampleRate)
    {
        Oversampling = sampleRate < 88200 ? 4 : sampleRate < 176400 ? 2 : 1;
        var design = Interpolators[System.Numerics.BitOperations.Log2((uint)Oversampling)].Value;
        _phases = design.Phases;
        _gainBound = design.GainBound;
        _taps = design.Taps;
        (_coarse, _fine) = (design.Coarse, design.Fine);
    }

    /// <summary>The oversampling factor in use (4, 2 or 1).</summary>
    public int Oversampling { get; }

    /// <summary>Largest magnitude seen since the last reset (linear, full scale = 1.0).</summary>
    public double Peak => _peak;

    /// <summary>Clears the history and the peak; control side or between renders.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _position = 0;
        _peak = 0;
    }

    /// <summary>Starts a new peak interval (the peak reads 0) and keeps the interpolation history, so a live meter can read the peak per interval without a seam. Audio thread.</summary>
    public void RtResetPeak() => _peak = 0;

    /// <summary>Feeds samples; any thread, one at a time.</summary>
    public void RtProcess(ReadOnlySpan<double> input)
    {
        if (_phases.Length == 1)
        {
            _peak = Math.Max(_peak, MaxAbs(input));
            return;
        }
        const int past = TapsPerPhase - 1;
        for (int start = 0; start < input.Length; start += Chunk)
        {
            var chunk = input.Slice(start, Math.Min(Chunk, input.Length - start));
            int n = chunk.Length;
            _history.AsSpan(_position + 1, past).CopyTo(_line);
            chunk.CopyTo(_line.AsSpan(past));
            int stretches = (n + Stretch - 1) / Stretch;
            _line.AsSpan(past + n, (stretches + 1) * Stretch - past - n).Clear();
            for (int b = 0; b <= stretches; b++) _stretchMax[b] = MaxAbs(_line.AsSpan(b * Stretch, Stretch));
            // Every sample's own magnitude is part of the peak, so it starts from the chunk's largest (after a restart of
            // the peak, far above 0). A NaN compares false and is left out, as the groups leave it out.
            double samplePeak = MaxAbs(chunk);
            if (samplePeak > _peak) _peak = samplePeak;
            Interpolate(n, stretches);
            // The history becomes the last TapsPerPhase samples, in order from position 0.
            var window = _line.AsSpan(n - 1, TapsPerPhase);
            window.CopyTo(_history);
            window.CopyTo(_history.AsSpan(TapsPerPhase));
            _position = 0;
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> x)
    {
        ref double r = ref MemoryMarshal.GetReference(x);
        var acc = Vector256<double>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            acc = Vector256.MaxNative(acc, Vector256.Abs(Vector256.LoadUnsafe(ref r, (nuint)i)));
        double max = Math.Max(Math.Max(acc.GetElement(0), acc.GetElement(1)), Math.Max(acc.GetElement(2), acc.GetElement(3)));
        for (; i < x.Length; i++) max = Math.Max(max, Math.Abs(Unsafe.Add(ref r, i)));
        return max;
    }

    // Interpolates the n samples at _line[past …] (after the TapsPerPhase − 1 before them) where they could raise the
    // peak, in groups of four outputs (group g: samples 4g … 4g + 3; a chunk's 64 groups, a bit each in a ulong), in
    // three passes that each decide for every group without a branch: the coarse bound (class summary) of every group of
    // every stretch whose windows' largest input times the gain bound exceeds the peak, the fine bound of the groups whose
    // coarse bound exceeds it, and in full the groups whose fine bound exceeds it. The bounds are tried against the peak
    // the chunk starts with, which holds every sample of the chunk already (no sample can exceed it), so a group is left
    // out only when it cannot raise that peak, let alone the final one.
    // In full, lane j of accumulator a (0…3) sums taps a, a + 4, … in order, as Dot's vector lane a does for each sample
    // alone, and the four accumulators are added as Dot's HorizontalSum adds its lanes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop from the first block
    private void Interpolate(int n, int stretches)
    {
        const int past = TapsPerPhase - 1;
        const int groupsPerStretch = Stretch / 4;
        ref double line = ref MemoryMarshal.GetArrayDataReference(_line);
        double peak = _peak;
        var peakV = Vector256.Create(peak);
        ulong coarse = 0, full = 0;
        for (int s = 0; s < stretches; s++)
        {
            // Stretch s's windows lie in _line[s·Stretch, s·Stretch + past + Stretch), inside stretches s and s + 1.
            var windowMax = Vector256.Create(Math.Max(_stretchMax[s], _stretchMax[s + 1]));
            if (!(windowMax.GetElement(0) * _gainBound > peak)) continue;
            int groups = Math.Min(groupsPerStretch, (n - s * Stretch + 3) / 4);
            for (int g = 0; g < groups; g++)
            {
                int group = s * groupsPerStretch + g;
                ref double window = ref Unsafe.Add(ref line, 4 * group);
                coarse |= Any(Vector256.GreaterThan(RtBound(ref window, windowMax, _coarse) * Vector256.Create(BoundMargin), peakV)) << group;
            }
        }
        for (; coarse != 0; coarse &= coarse - 1)
        {
            int group = System.Numerics.BitOperations.TrailingZeroCount(coarse);
            int s = group / groupsPerStretch;
            var windowMax = Vector256.Create(Math.Max(_stretchMax[s], _stretchMax[s + 1]));
            ref double window = ref Unsafe.Add(ref line, 4 * group);
            full |= Any(Vector256.GreaterThan(RtBound(ref window, windowMax, _fine) * Vector256.Create(BoundMargin), peakV)) << group;
        }
        for (; full != 0; full &= full - 1)
        {
            int group = System.Numerics.BitOperations.TrailingZeroCount(full);
            ref double window = ref Unsafe.Add(ref line, 4 * group);
            var best = RtInterpolateGroup(ref window, Vector256.Abs(Vector256.LoadUnsafe(ref window, past)));
            for (int j = 0; j < Vector256<double>.Count && 4 * group + j < n; j++)
            {
                double y = best.GetElement(j);
                if (y > peak) peak = y;
            }
        }
        _peak = peak;
    }

    // 1 when some lane of the comparison is set, else 0, without a branch.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Any(Vector256<double> comparison) => (comparison.ExtractMostSignificantBits() + 15) >> 4;

    // True when, for some pair of phases, a lane's bound |Σ e·u| + |Σ f·v| + tail × windowMax exceeds the peak, where u and
    // v are the sums and differences of the window's samples mirrored about its centre (PairBound). Every pair is
    // bounded before the one comparison. The sums' order differs from RtInterpolateGroup's, which BoundMargin covers.
    internal static bool RtBoundExceeds(ref double window, Vector256<double> windowMax, Vector256<double> peak, PairBound bound)
        => Vector256.GreaterThanAny(RtBound(ref window, windowMax, bound) * Vector256.Create(BoundMargin), peak);

    // Per lane, the largest over the phase pairs of |Σ e·u| + |Σ f·v| + tail × windowMax (RtBoundExceeds before its margin).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RtBound(ref double window, Vector256<double> windowMax, PairBound bound)
    {
        ref double x = ref Unsafe.Add(ref window, bound.Start);
        ref Vector256<double> even = ref MemoryMarshal.GetArrayDataReference(bound.Even);
        ref Vector256<double> odd = ref MemoryMarshal.GetArrayDataReference(bound.Odd);
        int half = bound.Half, last = 2 * half - 1;
        var worst = Vector256<double>.Zero;
        if (half == 2)
        {
            // The coarse bound (every group the stretch test lets through), unrolled.
            var x0 = Vector256.LoadUnsafe(ref x, 0);
            var x1 = Vector256.LoadUnsafe(ref x, 1);
            var x2 = Vector256.LoadUnsafe(ref x, 2);
            var x3 = Vector256.LoadUnsafe(ref x, 3);
            var (u0, u1, v0, v1) = (x0 + x3, x1 + x2, x0 - x3, x1 - x2);
            for (int j = 0; j < bound.Tail.Length; j++)
            {
                var a = Unsafe.Add(ref even, 2 * j) * u0 + Unsafe.Add(ref even, 2 * j + 1) * u1;
                var b = Unsafe.Add(ref odd, 2 * j) * v0 + Unsafe.Add(ref odd, 2 * j + 1) * v1;
                worst = Vector256.Max(worst, Vector256.Abs(a) + Vector256.Abs(b) + Vector256.Create(bound.Tail[j]) * windowMax);
            }
        }
        else
        {
            for (int j = 0; j < bound.Tail.Length; j++)
            {
                var a = Vector256<double>.Zero;
                var b = Vector256<double>.Zero;
                for (int m = 0; m < half; m++)
                {
                    var first = Vector256.LoadUnsafe(ref x, (nuint)m);
                    var second = Vector256.LoadUnsafe(ref x, (nuint)(last - m));
                    a += Unsafe.Add(ref even, j * half + m) * (first + second);
                    b += Unsafe.Add(ref odd, j * half + m) * (first - second);
                }
                worst = Vector256.Max(worst, Vector256.Abs(a) + Vector256.Abs(b) + Vector256.Create(bound.Tail[j]) * windowMax);
            }
        }
        return worst;
    }

    // The largest of the four samples' magnitudes and their interpolated sub-samples, per lane, exactly as RtPush.
    private Vector256<double> RtInterpolateGroup(ref double window, Vector256<double> samples)
    {
        ref Vector256<double> taps = ref MemoryMarshal.GetArrayDataReference(_taps);
        var best = samples;
        for (int p = 0; p < _phases.Length; p++)
        {
            ref Vector256<double> c = ref Unsafe.Add(ref taps, p * TapsPerPhase);
            var a0 = c * Vector256.LoadUnsafe(ref window, 0);
            var a1 = Unsafe.Add(ref c, 1) * Vector256.LoadUnsafe(ref window, 1);
            var a2 = Unsafe.Add(ref c, 2) * Vector256.LoadUnsafe(ref window, 2);
            var a3 = Unsafe.Add(ref c, 3) * Vector256.LoadUnsafe(ref window, 3);
            for (nuint k = 4; k < TapsPerPhase; k += 4)
            {
                a0 += Unsafe.Add(ref c, k) * Vector256.LoadUnsafe(ref window, k);
                a1 += Unsafe.Add(ref c, k + 1) * Vector256.LoadUnsafe(ref window, k + 1);
                a2 += Unsafe.Add(ref c, k + 2) * Vector256.LoadUnsafe(ref window, k + 2);
                a3 += Unsafe.Add(ref c, k + 3) * Vector256.LoadUnsafe(ref window, k + 3);
            }
            var y = Vector256.Abs((a0 + a1) + (a2 + a3));
            best = Vector256.ConditionalSelect(Vector256.GreaterThan(y, best), y, best);
        }
        return best;
    }

    /// <summary>
    /// Feeds <paramref name="input"/> as <see cref="RtPush"/> would sample by sample, writing into
    /// <paramref name="peaks"/> (same length) what each push would return wherever that exceeds
    /// <paramref name="threshold"/>, and elsewhere a value at most <paramref name="threshold"/> (the sample's magnitude):
    /// a stretch whose windows' largest input times the interpolator's gain bound stays at or below the threshold is not
    /// interpolated. The rest is computed in groups of four outputs exactly as <see cref="RtPush"/> sums them. Does not
    /// touch <see cref="Peak"/>. Audio thread: the true-peak limiter's block detector (it needs exact peaks only above its
    /// ceiling).
    /// </summary>
    public void RtPeaksAbove(ReadOnlySpan<double> input, Span<double> peaks, double threshold)
    {
        if (_phases.Length == 1)
        {
            for (int i = 0; i < input.Length; i++) peaks[i] = Math.Abs(input[i]);
            return;
        }
        const int past = TapsPerPhase - 1;
        for (int start = 0; start < input.Length; start += Chunk)
        {
            var chunk = input.Slice(start, Math.Min(Chunk, input.Length - start));
            var output = peaks.Slice(start, chunk.Length);
            int n = chunk.Length;
            _history.AsSpan(_position + 1, past).CopyTo(_line);
            chunk.CopyTo(_line.AsSpan(past));
            int stretches = (n + Stretch - 1) / Stretch;
            _line.AsSpan(past + n, (stretches + 1) * Stretch - past - n).Clear();
            for (int b = 0; b <= stretches; b++) _stretchMax[b] = MaxAbs(_line.AsSpan(b * Stretch, Stretch));
            for (int s = 0; s < stretches; s++)
            {
                int first = s * Stretch, length = Math.Min(Stretch, n - first);
                double windowMax = Math.Max(_stretchMax[s], _stretchMax[s + 1]);
                if (windowMax * _gainBound * BoundMargin > threshold) RtInterpolateAll(first, output.Slice(first, length));
                else
                    for (int i = 0; i < length; i++) output[first + i] = Math.Abs(chunk[first + i]);
            }
            var window = _line.AsSpan(n - 1, TapsPerPhase);
            window.CopyTo(_history);
            window.CopyTo(_history.AsSpan(TapsPerPhase));
            _position = 0;
        }
    }

    // What RtPush returns for each of the output.Length samples at _line[past + first …], four at a time.
    private void RtInterpolateAll(int first, Span<double> output)
    {
        const int past = TapsPerPhase - 1;
        ref double line = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_line), first);
        for (int i = 0; i < output.Length; i += Vector256<double>.Count)
        {
            ref double window = ref Unsafe.Add(ref line, i);
            var best = RtInterpolateGroup(ref window, Vector256.Abs(Vector256.LoadUnsafe(ref window, past)));
            for (int j = 0; j < Vector256<double>.Count && i + j < output.Length; j++) output[i + j] = best.GetElement(j);
        }
    }

    /// <summary>
    /// Feeds one sample and returns the largest of |x| and the magnitudes of the interpolated sub-samples this sample
    /// completes (which lie about <see cref="TapsPerPhase"/>/2 input samples in the past); does not touch
    /// <see cref="Peak"/>. Audio thread: the true-peak limiter's per-sample detector.
    /// </summary>
    public double RtPush(double x)
    {
        double peak = Math.Abs(x);
        if (_phases.Length == 1) return peak;
        _history[_position] = x;
        _history[_position + TapsPerPhase] = x;
        _position = _position + 1 == TapsPerPhase ? 0 : _position + 1;
        var window = new ReadOnlySpan<double>(_history, _position, TapsPerPhase);
        for (int p = 0; p < _phases.Length; p++)
        {
            double y = Math.Abs(Dot(_phases[p], window));
            if (y > peak) peak = y;
        }
        return peak;
    }

    // The phase's products summed in four lanes (lane j: taps j, j + 4, …, in order), then the lanes as (0 + 1) + (2 + 3).
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        var acc = Vector256.LoadUnsafe(ref ra) * Vector256.LoadUnsafe(ref rb);
        for (nuint i = 4; i < TapsPerPhase; i += 4) acc += Vector256.LoadUnsafe(ref ra, i) * Vector256.LoadUnsafe(ref rb, i);
        return HorizontalSum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double HorizontalSum(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));

    /// <summary>The polyphase interpolator of one oversampling factor with the bounds the skip uses; immutable once built.</summary>
    private sealed class Interpolator
    {
        public Interpolator(int factor)
        {
            Phases = Design(factor);
            GainBound = Phases.Max(c => c.Sum(Math.Abs));
            Taps = Phases.SelectMany(c => c.Select(Vector256.Create)).ToArray();
            // (Without oversampling the single phase is a wire of one tap and none of this is used.)
            if (factor == 1) return;
            Coarse = new PairBound(Phases, CoarseTaps);
            Fine = new PairBound(Phases, CentreTaps);
        }

        public double[][] Phases { get; }
        public Vector256<double>[] Taps { get; }
        public double GainBound { get; }
        public PairBound Coarse { get; } = null!;
        public PairBound Fine { get; } = null!;
    }

    /// <summary>
    /// The bound of one group of outputs over <c>2·Half</c> consecutive taps from <see cref="Start"/> (the window of
    /// largest magnitude sum over all phases), per pair of phases p and q = factor − 1 − p (mirror images of each other
    /// for the symmetric interpolator). With e = (c_p + c_q)/2 and f = (c_p − c_q)/2, the two partial sums are
    /// Σe·x ± Σf·x, so the larger magnitude is |Σe·x| + |Σf·x|. The taps k and k' mirrored about the window's centre are
    /// taken together: e_k·x_k + e_k'·x_k' = ē·(x_k + x_k') + ê·(x_k − x_k') with ē, ê their half sum and half difference,
    /// and likewise for f; <see cref="Even"/> holds ē and <see cref="Odd"/> the f half difference, and what is left (ê and
    /// the f half sum, 0 for exactly mirrored phases, each at most twice the window's largest input in magnitude) goes into
    /// <see cref="Tail"/> with the magnitude sums of the other taps (the larger of the two phases'), rounded up by BoundMargin.
    /// </summary>
    internal sealed class PairBound
    {
        public PairBound(double[][] phases, int taps)
        {
            Half = taps / 2;
            Start = Enumerable.Range(0, TapsPerPhase - taps + 1)
                .MaxBy(k => phases.Sum(c => c.Skip(k).Take(taps).Sum(Math.Abs)));
            int pairs = phases.Length / 2;
            Even = new Vector256<double>[pairs * Half];
            Odd = new Vector256<double>[pairs * Half];
            Tail = new double[pairs];
            for (int j = 0; j < pairs; j++)
            {
                double[] p = phases[j], q = phases[phases.Length - 1 - j];
                double rest = 0;
                for (int m = 0; m < Half; m++)
                {
                    int k = Start + m, mirror = Start + taps - 1 - m;
                    double ek = (p[k] + q[k]) / 2, em = (p[mirror] + q[mirror]) / 2;
                    double fk = (p[k] - q[k]) / 2, fm = (p[mirror] - q[mirror]) / 2;
                    Even[j * Half + m] = Vector256.Create((ek + em) / 2);
                    Odd[j * Half + m] = Vector256.Create((fk - fm) / 2);
                    rest += Math.Abs(ek - em) + Math.Abs(fk + fm);
                }
                bool outside(int k) => k < Start || k >= Start + taps;
                double tail = Math.Max(p.Where((_, k) => outside(k)).Sum(Math.Abs), q.Where((_, k) => outside(k)).Sum(Math.Abs));
                Tail[j] = (tail + rest) * BoundMargin;
            }
        }

        /// <summary>First tap of the window.</summary>
        public int Start { get; }

        /// <summary>Half the window's taps (pairs of mirrored taps).</summary>
        public int Half { get; }

        /// <summary>Per phase pair and mirrored tap pair, the coefficient of the samples' sum, broadcast.</summary>
        public Vector256<double>[] Even { get; }

        /// <summary>Per phase pair and mirrored tap pair, the coefficient of the samples' difference, broadcast.</summary>
        public Vector256<double>[] Odd { get; }

        /// <summary>Per phase pair, the factor of the window's largest input bounding everything else.</summary>
        public double[] Tail { get; }
    }

    private static double[][] Design(int factor)
    {
        if (factor == 1) return [[1.0]];
        int length = factor * TapsPerPhase;
        double centre = (length - 1) / 2.0;
        var h = new double[length];
        for (int n = 0; n < length; n++)
        {
            // Cut-off at half the input rate, expressed at the oversampled rate: sinc((n − centre)/factor).
            double t = (n - centre) / factor;
            double sinc = t == 0 ? 1 : Math.Sin(Math.PI * t) / (Math.PI * t);
            double r = (n - centre) / centre;
            h[n] = sinc * BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - r * r))) / BesselI0(KaiserBeta);
        }
        var phases = new double[factor][];
        for (int p = 0; p < factor; p++)
        {
            var c = new double[TapsPerPhase];
            double dc = 0;
            for (int k = 0; k < TapsPerPhase; k++) dc += h[k * factor + p];
            // Each branch normalised to unity DC gain, so a constant signal reads exactly its level.
            for (int k = 0; k < TapsPerPhase; k++) c[TapsPerPhase - 1 - k] = h[k * factor + p] / dc;
            phases[p] = c;
        }
        return phases;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 64 && term > 1e-17 * sum; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
        }
        return sum;
    }
}
