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

    private readonly EqBand[] _targets = new EqBand[MaxBands];
    private readonly EqBand[] _shapes = new EqBand[MaxBands];
    private readonly double[] _gainDb = new double[MaxBands];
    private readonly double[] _octaves = new double[MaxBands];
    private readonly double[] _qOctaves = new double[MaxBands];
    private readonly double[] _gainStage = new double[MaxBands];
    private readonly double[] _octaveStage = new double[MaxBands];
    private readonly double[] _qStage = new double[MaxBands];
    private readonly double[] _targetOctaves = new double[MaxBands];
    private readonly double[] _targetQOctaves = new double[MaxBands];
    private readonly double[] _designOctaves = new double[MaxBands];
    private readonly double[] _designQOctaves = new double[MaxBands];
    private readonly double[] _designHz = new double[MaxBands];
    private readonly double[] _designQ = new double[MaxBands];
    private readonly bool[] _dirty = new bool[MaxBands];
    private readonly bool[] _ramping = new bool[MaxBands];
    private readonly int[] _morphLeft = new int[MaxBands];
    private readonly int[] _sections = new int[MaxBands];
    private readonly int[] _designed = new int[MaxBands];
    private readonly double[] _start = new double[MaxBands * BandCoefficients];
    private readonly double[] _end = new double[MaxBands * BandCoefficients];
    private readonly double[] _delta = new double[MaxBands * BandCoefficients];
    private readonly double[] _running = new double[MaxBands * BandCoefficients];
    private readonly double[] _design = new double[BandCoefficients];
    private double[] _state = [];
    private ProcessSpec _spec;
    private double _glide;
    private double _gainGlide;
    private int _period = ControlPeriod;
    private int _morphSamples;
    private int _phase;
    private bool _idle;

    /// <summary>Creates a kernel with every band off; call <see cref="Prepare"/> before processing.</summary>
    public ParametricEq()
    {
        Array.Fill(_shapes, EqBand.Off);
        Array.Fill(_designOctaves, double.NaN);
        for (int b = 0; b < MaxBands; b++)
        {
            SetTarget(b, EqBand.Off);
            SnapParameters(b);
        }
    }

    /// <summary>Samples of delay the kernel adds (0: no oversampling, no look-ahead).</summary>
    public int LatencySamples => 0;

    /// <summary>Prepares for <paramref name="spec"/> (Channels = channels processed with the same settings); control side, allocates.</summary>
    public void Prepare(ProcessSpec spec)
    {
        spec.Validate();
        _spec = spec;
        _state = new double[MaxBands * SectionsPerBand * spec.Channels * 4];
        Array.Fill(_designOctaves, double.NaN);
        _glide = 1.0 - Math.Exp(-ControlPeriod * 1000.0 / (SmoothingMs * spec.SampleRate));
        _gainGlide = 1.0 - Math.Exp(-GainPeriod * 1000.0 / (SmoothingMs * spec.SampleRate));
        _morphSamples = (int)Math.Ceiling(MorphMs * spec.SampleRate / 1000.0 / ControlPeriod) * ControlPeriod;
        Reset();
    }

    /// <summary>Clears the filter state and jumps every band to its set values without a glide; recovers from NaN (audio or control thread).</summary>
    public void Reset()
    {
        Array.Clear(_state);
        _phase = 0;
        _period = ControlPeriod;
        if (_spec.SampleRate <= 0) return;
        for (int b = 0; b < MaxBands; b++) RtSnapBand(b);
        _idle = true;
    }

    /// <summary>
    /// Jumps every band that is still gliding, ramping or morphing to its set values, keeping the filter state (sections
    /// a band gains start from silence): for values set while no audio runs (the transport stopped), so the next sample
    /// processed already has them. Audio thread; never allocates.
    /// </summary>
    public void RtSettle()
    {
        if (_idle || _spec.SampleRate <= 0) return;
        for (int b = 0; b < MaxBands; b++)
        {
            if (!_dirty[b] && !_ramping[b] && _morphLeft[b] == 0 && _sections[b] == _designed[b]) continue;
            int before = _sections[b];
            int count = RtSnapBand(b);
            for (int s = before; s < count; s++)
                _state.AsSpan((b * SectionsPerBand + s) * _spec.Channels * 4, _spec.Channels * 4).Clear();
        }
        _idle = true;
    }

    /// <summary>
    /// Puts band <paramref name="b"/> at its set values at once: shape, parameters and coefficients, no glide, ramp or
    /// morph left; returns its section count. Filter state is the caller's business. Audio thread; never allocates.
    /// </summary>
    private int RtSnapBand(int b)
    {
        _shapes[b] = _targets[b];
        SnapParameters(b);
        int count = DesignBand(b);
        var end = _end.AsSpan(b * BandCoefficients, BandCoefficients);
        _design.CopyTo(end);
        end.CopyTo(_start.AsSpan(b * BandCoefficients, BandCoefficients));
        _delta.AsSpan(b * BandCoefficients, BandCoefficients).Clear();
        _sections[b] = _designed[b] = count;
        _dirty[b] = _ramping[b] = false;
        _morphLeft[b] = 0;
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
        if (target == _targets[index]) return;
        SetTarget(index, target);
        _dirty[index] = true;
        _idle = false;
    }

    /// <summary>
    /// Filters <paramref name="count"/> frames of the planar <paramref name="channels"/> in place (the first
    /// <see cref="ProcessSpec.Channels"/> of them). Audio thread; never allocates or throws.
    /// </summary>
    public void RtProcess(double[][] channels, int count)
    {
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
                _clock += n;
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
        for (int b = 0; b < MaxBands; b++)
        {
            for (int s = 0; s < _sections[b]; s++)
            {
                int c = (b * SectionsPerBand + s) * Stride;
                int stateBase = (b * SectionsPerBand + s) * _spec.Channels * 4;
                for (int ch = 0; ch < channelCount; ch++)
                {
                    var state = _state.AsSpan(stateBase + ch * 4, 4);
                    var samples = channels[ch].AsSpan(done, n);
                    if (_ramping[b]) RampSection(samples, state, c, ch == channelCount - 1);
                    else StaticSection(samples, state, c);
                }
            }
        }
    }

    private void StaticSection(Span<double> samples, Span<double> state, int c)
    {
        double b0 = _end[c], b1 = _end[c + 1], b2 = _end[c + 2], a1 = _end[c + 3], a2 = _end[c + 4];
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < samples.Length; i++)
        {
            double x = samples[i];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
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
    // additions, ≈ period × 2⁻⁵³ relative, which the next period starts from exactly). The coefficients reached are
    // kept (`_running`) once the last channel has run, so a period may be filtered in any number of stretches.
    private void RampSection(Span<double> samples, Span<double> state, int c, bool last)
    {
        double r0 = _running[c], r1 = _running[c + 1], r2 = _running[c + 2], r3 = _running[c + 3], r4 = _running[c + 4];
        double d0 = _delta[c], d1 = _delta[c + 1], d2 = _delta[c + 2], d3 = _delta[c + 3], d4 = _delta[c + 4];
        double x1 = state[0], x2 = state[1], y1 = state[2], y2 = state[3];
        for (int i = 0; i < samples.Length; i++)
        {
            r0 += d0;
            r1 += d1;
            r2 += d2;
            r3 += d3;
            r4 += d4;
            double x = samples[i];
            double y = r0 * x + r1 * x1 + r2 * x2 - r3 * y1 - r4 * y2;
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
        _running[c] = r0;
        _running[c + 1] = r1;
        _running[c + 2] = r2;
        _running[c + 3] = r3;
        _running[c + 4] = r4;
    }

    // Once per control period: each band that is still moving advances its glide, is redesigned, and gets the linear
    // coefficient ramp from where the last period ended to this period's end point.
    private void ControlTick()
    {
        if (_following) RtReadCurves();
        // A long period when every band that moves glides its gain alone (its frequency and Q are where they are set and
        // no morph runs): a gain-only design needs no finer steps to stay smooth.
        bool gainOnly = true;
        for (int b = 0; b < MaxBands; b++)
            gainOnly &= !_dirty[b] || (_morphLeft[b] == 0 && SameShape(_targets[b], _shapes[b])
                && _octaves[b] == _targetOctaves[b] && _octaveStage[b] == _targetOctaves[b]
                && _qOctaves[b] == _targetQOctaves[b] && _qStage[b] == _targetQOctaves[b]);
        int period = gainOnly ? GainPeriod : ControlPeriod;
        double glide = gainOnly ? _gainGlide : _glide;
        for (int b = 0; b < MaxBands; b++)
        {
            int offset = b * BandCoefficients;
            if (!_dirty[b])
            {
                // A band at rest holds _start = _end (sections past _sections[b] are wires in both), so only a ramp
                // that just ended has anything to settle.
                if (_ramping[b])
                {
                    int used = _sections[b] * Stride;
                    _end.AsSpan(offset, used).CopyTo(_start.AsSpan(offset, used));
                    _delta.AsSpan(offset, used).Clear();
                }
                _ramping[b] = false;
                _sections[b] = _designed[b];
                continue;
            }
            var target = _targets[b];
            bool settled;
            if (!SameShape(target, _shapes[b]))
            {
                _shapes[b] = target;
                SnapParameters(b);
                _morphLeft[b] = _morphSamples;
                settled = true;
            }
            else
            {
                settled = Glide(b, glide);
            }
            int count = DesignBand(b);
            int span = Math.Max(period, _morphLeft[b]);
            int active = Math.Max(_sections[b], count);
            for (int s = _sections[b]; s < active; s++)
                _state.AsSpan((b * SectionsPerBand + s) * _spec.Channels * 4, _spec.Channels * 4).Clear();
            // Sections from `active` on are wires in the old coefficients and in the design alike: nothing to ramp there.
            int coefficients = active * Stride;
            _end.AsSpan(offset, coefficients).CopyTo(_start.AsSpan(offset, coefficients));
            bool moving = false;
            for (int i = 0; i < coefficients; i++)
            {
                double start = _start[offset + i];
                double end = span == period ? _design[i] : start + (_design[i] - start) * period / span;
                _end[offset + i] = end;
                double delta = (end - start) / period;
                _delta[offset + i] = delta;
                moving |= delta != 0.0;
            }
            _start.AsSpan(offset, coefficients).CopyTo(_running.AsSpan(offset, coefficients));
            _ramping[b] = moving;
            _sections[b] = active;
            _designed[b] = count;
            _morphLeft[b] = Math.Max(0, _morphLeft[b] - period);
            if (settled && span == period) _dirty[b] = false;
        }
        bool idle = true;
        for (int b = 0; b < MaxBands; b++) idle &= !_dirty[b] && !_ramping[b] && _sections[b] == _designed[b];
        _idle = idle;
        _period = idle ? (_following ? GainPeriod : ControlPeriod) : period;
    }

    private static bool SameShape(in EqBand a, in EqBand b)
        => a.Type == b.Type && a.Enabled == b.Enabled && a.Design == b.Design
           && (a.Type is not (EqBandType.HighPass or EqBandType.LowPass) || a.SlopeDbPerOctave == b.SlopeDbPerOctave);

    // One glide step of gain, frequency and Q towards the set values through two one-poles in series (the glide starts
    // and ends with zero speed, so even a jump of several octaves sweeps instead of lurching); true once arrived.
    private bool Glide(int b, double glide)
    {
        double gain = _targets[b].GainDb, octaves = _targetOctaves[b], q = _targetQOctaves[b];
        _gainStage[b] += (gain - _gainStage[b]) * glide;
        _octaveStage[b] += (octaves - _octaveStage[b]) * glide;
        _qStage[b] += (q - _qStage[b]) * glide;
        _gainDb[b] += (_gainStage[b] - _gainDb[b]) * glide;
        _octaves[b] += (_octaveStage[b] - _octaves[b]) * glide;
        _qOctaves[b] += (_qStage[b] - _qOctaves[b]) * glide;
        bool arrived = Math.Abs(gain - _gainDb[b]) < 1e-4 && Math.Abs(gain - _gainStage[b]) < 1e-4
            && Math.Abs(octaves - _octaves[b]) < 1e-6 && Math.Abs(octaves - _octaveStage[b]) < 1e-6
            && Math.Abs(q - _qOctaves[b]) < 1e-6 && Math.Abs(q - _qStage[b]) < 1e-6;
        if (arrived) SnapParameters(b);
        return arrived;
    }

    private void SnapParameters(int b)
    {
        _gainDb[b] = _gainStage[b] = _targets[b].GainDb;
        _octaves[b] = _octaveStage[b] = _targetOctaves[b];
        _qOctaves[b] = _qStage[b] = _targetQOctaves[b];
    }

    // The glide works in octaves: the logarithms of a target are taken once, when it is set.
    private void SetTarget(int b, in EqBand band)
    {
        if (band.FrequencyHz != _targets[b].FrequencyHz) _targetOctaves[b] = Math.Log2(band.FrequencyHz);
        if (band.Q != _targets[b].Q) _targetQOctaves[b] = Math.Log2(band.Q);
        _targets[b] = band;
    }

    // Designs band b at its current (gliding) parameters into _design, unused sections as wires (1, 0, 0, 0, 0).
    private int DesignBand(int b)
    {
        var shape = _shapes[b];
        var design = _design.AsSpan();
        int count = 0;
        if (shape.Enabled)
        {
            // Frequency and Q hold while only the gain glides (automated gains): their powers are kept, not retaken.
            if (_octaves[b] != _designOctaves[b] || _qOctaves[b] != _designQOctaves[b])
            {
                _designOctaves[b] = _octaves[b];
                _designQOctaves[b] = _qOctaves[b];
                _designHz[b] = Math.Min(double.Exp2(_octaves[b]), 0.49 * _spec.SampleRate);
                _designQ[b] = double.Exp2(_qOctaves[b]);
            }
            count = EqDesigner.Design(shape.Type, shape.Design, shape.Order, _designHz[b], _gainDb[b], _designQ[b], _spec.SampleRate, design);
        }
        design[(count * Stride)..].Clear();
        for (int s = count; s < SectionsPerBand; s++) design[s * Stride] = 1.0;
        return count;
    }
}
