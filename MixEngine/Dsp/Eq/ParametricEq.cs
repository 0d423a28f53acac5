using System.Numerics;
using System.Runtime.CompilerServices;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// Multichannel parametric EQ of up to <see cref="MaxBands"/> switchable bands (high/low-pass 6–48 dB/oct, shelves,
/// bells, notch, band-pass), every prepared channel processed with the same settings. Each band is a cascade of
/// second-order sections in direct form I (state = past inputs and outputs, so coefficients may move while audio
/// runs). Changes are smoothed inside the kernel: gain (dB), frequency (octaves) and Q (octaves) glide through two 10 ms
/// one-poles in series, the band is redesigned every <see cref="ControlPeriod"/> samples (every
/// <see cref="GainPeriod"/> samples while the moving bands move only their gains) and the coefficients move linearly from one design
/// to the next sample by sample (each sample adds a per-period delta); a change of type, slope, design or on/off
/// cross-morphs the coefficients over 20 ms (a missing section counts as a wire). A set takes effect at the next
/// control period (≤ 32 samples; ≤ 512 while gains alone glide or a band follows a curve: ParametricEq.Lanes.cs).
/// Threads: Prepare on the control side; RtSetBand, Reset and RtProcess on the audio thread (no allocation, lock or
/// throw). Output is identical for any block size. Non-finite input poisons the state; the owner checks its output
/// and calls <see cref="Reset"/>, as with the dynamics kernels. Latency: 0 samples.
/// </summary>
public sealed partial class ParametricEq
{
    /// <summary>Bands per kernel.</summary>
    public const int MaxBands = 8;

    /// <summary>Samples between two designs of a moving band.</summary>
    public const int ControlPeriod = 32;

    /// <summary>
    /// Length of a control period while every moving band moves its gain alone (frequency and Q hold, no morph: gain
    /// automation): the bands are redesigned every this many samples (10.7 ms at 48 kHz, about the glide's time
    /// constant), and the coefficients still move sample by sample in straight lines from one design to the next.
    /// </summary>
    public const int GainPeriod = 16 * ControlPeriod;

    private const double SmoothingMs = 10.0;
    private const double MorphMs = 20.0;
    private const int Stride = EqDesigner.Stride;
    private const int SectionsPerBand = EqDesigner.MaxSections;
    private const int BandCoefficients = SectionsPerBand * Stride;

    // Coefficients, section by section (band-major): the design reached at the period's end, the ramp's running values
    // and its per-sample delta side by side, so one section's coefficients share two cache lines.
    private const int SectionStride = 16;
    private const int EndAt = 0, RunningAt = Stride, DeltaAt = 2 * Stride;

    // One band's control state, kept together: a control tick of a moving band touches its few cache lines only (the
    // kernels of a 128-track reel do not stay in cache from one period to the next).
    private struct BandControl
    {
        public EqBand Target, Shape;
        public double GainDb, Octaves, QOctaves, GainStage, OctaveStage, QStage, TargetOctaves, TargetQOctaves;
        public double DesignOctaves, DesignQOctaves, DesignHz, DesignQ;
        public DesignCorner Corner;
        public int MorphLeft, Sections, Designed;
        public bool Dirty, Ramping;
    }

    private readonly BandControl[] _bands = new BandControl[MaxBands];
    private readonly double[] _coefficients = new double[MaxBands * SectionsPerBand * SectionStride];
    private readonly double[] _design = new double[BandCoefficients];
    private double[] _state = [];
    private ProcessSpec _spec;
    private double _glide;
    private double _gainGlide;
    private int _period = ControlPeriod;
    private int _morphSamples;
    private int _phase;
    private int _busy;
    private int _sounding;
    private bool _idle;
    private long _version;

    /// <summary>Creates a kernel with every band off; call <see cref="Prepare"/> before processing.</summary>
    public ParametricEq()
    {
        for (int b = 0; b < MaxBands; b++)
        {
            ref var band = ref _bands[b];
            band.Shape = EqBand.Off;
            band.DesignOctaves = double.NaN;
            SetTarget(ref band, EqBand.Off);
            SnapParameters(ref band);
        }
    }

    /// <summary>Samples of delay the kernel adds (0: no oversampling, no look-ahead).</summary>
    public int LatencySamples => 0;

    /// <summary>Prepares for <paramref name="spec"/> (Channels = channels processed with the same settings); control side, allocates.</summary>
    public void Prepare(ProcessSpec spec)
    {
        spec.Validate();
        RtReclaim();
        _spec = spec;
        _state = new double[MaxBands * SectionsPerBand * spec.Channels * 4];
        for (int b = 0; b < MaxBands; b++)
        {
            _bands[b].DesignOctaves = double.NaN;
            _bands[b].Corner = default;
        }
        _glide = 1.0 - Math.Exp(-ControlPeriod * 1000.0 / (SmoothingMs * spec.SampleRate));
        _gainGlide = 1.0 - Math.Exp(-GainPeriod * 1000.0 / (SmoothingMs * spec.SampleRate));
        _morphSamples = (int)Math.Ceiling(MorphMs * spec.SampleRate / 1000.0 / ControlPeriod) * ControlPeriod;
        Reset();
    }

    /// <summary>Clears the filter state and jumps every band to its set values without a glide; recovers from NaN (audio or control thread).</summary>
    public void Reset()
    {
        RtReclaim();
        _version++;
        Array.Clear(_state);
        _phase = 0;
        _period = ControlPeriod;
        if (_spec.SampleRate <= 0) return;
        for (int b = 0; b < MaxBands; b++) RtSnapBand(b);
        _busy = 0;
        _idle = true;
    }

    /// <summary>
    /// Jumps every band that is still gliding, ramping or morphing to its set values, keeping the filter state (sections
    /// a band gains start from silence): for values set while no audio runs (the transport stopped), so the next sample
    /// processed already has them. Audio thread; never allocates.
    /// </summary>
    public void RtSettle()
    {
        RtReclaim();
        if (_idle || _spec.SampleRate <= 0) return;
        for (int b = 0; b < MaxBands; b++)
        {
            if ((_busy & (1 << b)) == 0) continue;
            int before = _bands[b].Sections;
            int count = RtSnapBand(b);
            for (int s = before; s < count; s++) SectionState(b, s).Clear();
        }
        _busy = 0;
        _idle = true;
    }

    /// <summary>
    /// Puts band <paramref name="b"/> at its set values at once: shape, parameters and coefficients, no glide, ramp or
    /// morph left; returns its section count. Filter state is the caller's business. Audio thread; never allocates.
    /// </summary>
    private int RtSnapBand(int b)
    {
        ref var band = ref _bands[b];
        band.Shape = band.Target;
        SnapParameters(ref band);
        int count = DesignBand(ref band);
        for (int s = 0; s < SectionsPerBand; s++)
        {
            var section = _coefficients.AsSpan((b * SectionsPerBand + s) * SectionStride, SectionStride);
            _design.AsSpan(s * Stride, Stride).CopyTo(section[EndAt..]);
            section.Slice(DeltaAt, Stride).Clear();
        }
        band.Designed = count;
        SetSections(b, ref band, count);
        band.Dirty = band.Ramping = false;
        band.MorphLeft = 0;
        return count;
    }

    /// <summary>
    /// Sets band <paramref name="index"/> (0..7) from a control move or automation (audio thread; the change glides, see the
    /// class summary). Out-of-range numbers are clamped to the <see cref="EqBand"/> ranges; a non-finite number, an
    /// unknown type or an index outside 0..7 leaves the band unchanged.
    /// </summary>
    public void RtSetBand(int index, in EqBand band)
    {
        if ((uint)index >= MaxBands) return;
        if (!double.IsFinite(band.FrequencyHz) || !double.IsFinite(band.GainDb) || !double.IsFinite(band.Q)) return;
        if ((uint)band.Type > (uint)EqBandType.BandPass || (uint)band.Design > (uint)EqDesign.Bilinear) return;
        int slope = band.SlopeDbPerOctave;
        int order = Math.Clamp((slope + 3) / 6, 1, 8);
        if (order is 5 or 7) order++;
        var target = band with
        {
            FrequencyHz = Math.Clamp(band.FrequencyHz, EqBand.MinFrequencyHz, EqBand.MaxFrequencyHz),
            GainDb = Math.Clamp(band.GainDb, -EqBand.MaxGainDb, EqBand.MaxGainDb),
            Q = Math.Clamp(band.Q, EqBand.MinQ, EqBand.MaxQ),
            SlopeDbPerOctave = order * 6,
        };
        RtReclaim();
        ref var control = ref _bands[index];
        if (target == control.Target) return;
        SetTarget(ref control, target);
        MarkDirty(index, ref control);
    }

    // What RtSetBand does for a set that changes the gain alone (a followed gain lane): the rest of the target is
    // already clamped, so only the gain is checked and clamped.
    private void RtSetGain(int index, double gainDb)
    {
        if (!double.IsFinite(gainDb)) return;
        ref var control = ref _bands[index];
        double gain = Math.Clamp(gainDb, -EqBand.MaxGainDb, EqBand.MaxGainDb);
        if (gain == control.Target.GainDb) return;
        control.Target = control.Target with { GainDb = gain };
        MarkDirty(index, ref control);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkDirty(int index, ref BandControl control)
    {
        _version++;
        control.Dirty = true;
        _busy |= 1 << index;
        _idle = false;
    }

    /// <summary>
    /// Filters <paramref name="count"/> frames of the planar <paramref name="channels"/> in place (the first
    /// <see cref="ProcessSpec.Channels"/> of them). Audio thread; never allocates or throws.
    /// </summary>
    public void RtProcess(double[][] channels, int count)
    {
        RtReclaim();
        _version++;
        int channelCount = Math.Min(channels.Length, _spec.Channels);
        int done = 0;
        while (done < count)
        {
            int n;
            if (_idle && !_following)
            {
                // Nothing moves: the control periods in this stretch would change nothing, so run it whole and keep the
                // period count (output stays independent of the block size).
                n = count - done;
                RtAdvanceSettled(n);
                RunSections(channels, channelCount, done, n);
                done += n;
                continue;
            }
            if (_phase == 0)
            {
                ControlTick();
                _phase = _period;
            }
            n = Math.Min(_phase, count - done);
            RunSections(channels, channelCount, done, n);
            _phase -= n;
            done += n;
            _clock += n;
        }
    }

    private void RunSections(double[][] channels, int channelCount, int done, int n)
    {
        for (int sounding = _sounding; sounding != 0; sounding &= sounding - 1)
        {
            int b = BitOperations.TrailingZeroCount(sounding);
            bool ramping = _bands[b].Ramping;
            for (int s = 0; s < _bands[b].Sections; s++)
            {
                int c = (b * SectionsPerBand + s) * SectionStride;
                for (int ch = 0; ch < channelCount; ch++)
                {
                    var state = SectionState(b, s).Slice(ch * 4, 4);
                    var samples = channels[ch].AsSpan(done, n);
                    if (ramping) RampSection(samples, state, c, ch == channelCount - 1);
                    else StaticSection(samples, state, c);
                }
            }
        }
    }

    // The filter state (x1 x2 y1 y2 per channel) of section s of band b.
    private Span<double> SectionState(int b, int s) => _state.AsSpan((b * SectionsPerBand + s) * _spec.Channels * 4, _spec.Channels * 4);

    // A section with fixed coefficients: y = b0·x + b1·x1 + b2·x2 − a1·y1 − a2·y2 as fused multiply-adds, the feedback
    // terms last, so a sample waits on the previous output for one fused multiply-add (EqLanes runs the same operations).
    private void StaticSection(Span<double> samples, Span<double> state, int c)
    {
        double b0 = _coefficients[c], b1 = _coefficients[c + 1], b2 = _coefficients[c + 2], a1 = _coefficients[c + 3], a2 = _coefficients[c + 4];
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            double y = Math.FusedMultiplyAdd(-a1, y1, Math.FusedMultiplyAdd(-a2, y2, Math.FusedMultiplyAdd(b2, x2, Math.FusedMultiplyAdd(b1, x1, b0 * x))));
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            samples[i] = y;
        }
        state[0] = x1;
        state[1] = x2;
        state[2] = y1;
        state[3] = y2;
    }

    // The period's ramp: every sample adds delta to each coefficient before filtering (five additions instead of a
    // multiply-add per coefficient), so the period's last sample runs the next design (to within the rounding of the
    // additions, ≈ period × 2⁻⁵³ relative, which the next period starts from exactly), and filters as StaticSection
    // does (on processors whose adders and multipliers are separate units the additions overlap the fused
    // multiply-adds, so a moving section costs little more than a fixed one). The coefficients reached are
    // kept (the running values) once the last channel has run, so a period may be filtered in any number of stretches.
    private void RampSection(Span<double> samples, Span<double> state, int c, bool last)
    {
        var k = _coefficients.AsSpan(c, SectionStride);
        double r0 = k[RunningAt], r1 = k[RunningAt + 1], r2 = k[RunningAt + 2], r3 = k[RunningAt + 3], r4 = k[RunningAt + 4];
        double d0 = k[DeltaAt], d1 = k[DeltaAt + 1], d2 = k[DeltaAt + 2], d3 = k[DeltaAt + 3], d4 = k[DeltaAt + 4];
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < samples.Length; i++)
        {
            r0 += d0;
            r1 += d1;
            r2 += d2;
            r3 += d3;
            r4 += d4;
            double x = samples[i];
            double y = Math.FusedMultiplyAdd(-r3, y1, Math.FusedMultiplyAdd(-r4, y2, Math.FusedMultiplyAdd(r2, x2, Math.FusedMultiplyAdd(r1, x1, r0 * x))));
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            samples[i] = y;
        }
        state[0] = x1;
        state[1] = x2;
        state[2] = y1;
        state[3] = y2;
        if (!last) return;
        k[RunningAt] = r0;
        k[RunningAt + 1] = r1;
        k[RunningAt + 2] = r2;
        k[RunningAt + 3] = r3;
        k[RunningAt + 4] = r4;
    }

    // Sets the number of sections band b runs, and its bit in the mask of bands that run any: the loops over a kernel's
    // sections visit those bands only (the control records of the others, a cache line each, stay untouched).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetSections(int b, ref BandControl band, int count)
    {
        band.Sections = count;
        if (count > 0) _sounding |= 1 << b;
        else _sounding &= ~(1 << b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameShape(in EqBand a, in EqBand b)
        => a.Type == b.Type && a.Enabled == b.Enabled && a.Design == b.Design
           && (a.Type is not (EqBandType.HighPass or EqBandType.LowPass) || a.SlopeDbPerOctave == b.SlopeDbPerOctave);

    // One glide step of gain, frequency and Q towards the set values through two one-poles in series (the glide starts
    // and ends with zero speed, so even a jump of several octaves sweeps instead of lurching); true once arrived. A
    // frequency or Q whose stages both stand at the set value is left as it is (the step would add exactly 0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Glide(ref BandControl band, double glide)
    {
        double gain = band.Target.GainDb, octaves = band.TargetOctaves, q = band.TargetQOctaves;
        band.GainStage += (gain - band.GainStage) * glide;
        band.GainDb += (band.GainStage - band.GainDb) * glide;
        if (band.OctaveStage != octaves || band.Octaves != octaves)
        {
            band.OctaveStage += (octaves - band.OctaveStage) * glide;
            band.Octaves += (band.OctaveStage - band.Octaves) * glide;
        }
        if (band.QStage != q || band.QOctaves != q)
        {
            band.QStage += (q - band.QStage) * glide;
            band.QOctaves += (band.QStage - band.QOctaves) * glide;
        }
        bool arrived = Math.Abs(gain - band.GainDb) < 1e-4 && Math.Abs(gain - band.GainStage) < 1e-4
            && Math.Abs(octaves - band.Octaves) < 1e-6 && Math.Abs(octaves - band.OctaveStage) < 1e-6
            && Math.Abs(q - band.QOctaves) < 1e-6 && Math.Abs(q - band.QStage) < 1e-6;
        if (arrived) SnapParameters(ref band);
        return arrived;
    }

    private static void SnapParameters(ref BandControl band)
    {
        band.GainDb = band.GainStage = band.Target.GainDb;
        band.Octaves = band.OctaveStage = band.TargetOctaves;
        band.QOctaves = band.QStage = band.TargetQOctaves;
    }

    // The glide works in octaves: the logarithms of a target are taken once, when it is set.
    private static void SetTarget(ref BandControl control, in EqBand band)
    {
        if (band.FrequencyHz != control.Target.FrequencyHz) control.TargetOctaves = Math.Log2(band.FrequencyHz);
        if (band.Q != control.Target.Q) control.TargetQOctaves = Math.Log2(band.Q);
        control.Target = band;
    }

    // Designs the band at its current (gliding) parameters into _design, unused sections as wires (1, 0, 0, 0, 0).
    private int DesignBand(ref BandControl band)
    {
        var shape = band.Shape;
        var design = _design.AsSpan();
        int count = UpdateCorner(ref band) ? EqDesigner.Design(shape.Type, shape.Design, shape.Order, band.Corner, band.GainDb, design) : 0;
        design[(count * Stride)..].Clear();
        for (int s = count; s < SectionsPerBand; s++) design[s * Stride] = 1.0;
        return count;
    }

    // Brings the band's corner (its frequency and Q terms) to its current parameters; false when the band is off.
    // Frequency and Q hold while only the gain glides (automated gains): their powers and the design's terms of them
    // are kept, not retaken.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool UpdateCorner(ref BandControl band)
    {
        if (!band.Shape.Enabled) return false;
        if (band.Octaves != band.DesignOctaves || band.QOctaves != band.DesignQOctaves
            || !band.Corner.Serves(band.Shape.Type, band.Shape.Design, band.DesignHz, band.DesignQ)) Retune(ref band);
        return true;
    }

    // UpdateCorner's work when the corner changed.
    private void Retune(ref BandControl band)
    {
        var shape = band.Shape;
        if (band.Octaves != band.DesignOctaves || band.QOctaves != band.DesignQOctaves)
        {
            band.DesignOctaves = band.Octaves;
            band.DesignQOctaves = band.QOctaves;
            band.DesignHz = Math.Min(double.Exp2(band.Octaves), 0.49 * _spec.SampleRate);
            band.DesignQ = double.Exp2(band.QOctaves);
        }
        if (!band.Corner.Serves(shape.Type, shape.Design, band.DesignHz, band.DesignQ))
            band.Corner = new DesignCorner(shape.Type, shape.Design, band.DesignHz, band.DesignQ, _spec.SampleRate);
    }
}
