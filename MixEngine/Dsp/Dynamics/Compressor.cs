using System.Runtime.Intrinsics;
using System.Threading;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Feed-forward log-domain compressor (loudness-dsp.md §7, Giannoulis/Massberg/Reiss 2012): linked level detection
/// (peak or RMS) over all prepared channels or an external key, optional sidechain high-pass, soft-knee gain computer,
/// smooth decoupled attack/release on the gain reduction in dB, makeup gain. Threads: Prepare on the control side;
/// Rt* setters and RtProcess on the audio thread; GainReductionDb readable from any thread without locks.
/// Time constants: a step in the requested gain reduction covers 1 − 1/e of its way in the attack (or release) time.
/// </summary>
public sealed class Compressor
{
    private const double ParameterSmoothingMs = 10.0;

    private readonly SidechainHighPass _keyFilter = new();
    private ProcessSpec _spec;
    private CompressorState _s = new() { ThresholdTarget = -20.0, Threshold = -20.0, Ratio = 4.0, Knee = 6.0 };
    private double _attackMs = 10.0, _releaseMs = 100.0, _rmsWindowMs = 10.0, _sidechainHz;
    private double _lastBlockReduction; // one atomic 64-bit load or store (Volatile), no locked instruction on the audio thread
    private int _detectorCapacity;
    private bool _laneReady; // RtLaneReady, kept with the settings it follows (the filter is an object of its own, a cache line the lanes need not touch)
    private double[] _levels = [];
    private double[] _gains = [];

    /// <summary>Level detection mode; set on any thread between blocks (takes effect at the next sample).</summary>
    public DynamicsDetection Detection { get; private set; } = DynamicsDetection.Peak;

    /// <summary>Samples of delay the kernel adds (0: the compressor has no look-ahead).</summary>
    public int LatencySamples => 0;

    /// <summary>Largest gain reduction in dB (≥ 0) during the last processed block; lock-free read from any thread.</summary>
    public double GainReductionDb => Volatile.Read(ref _lastBlockReduction);

    /// <summary>The settings and running state one pass over a block reads and advances (for <see cref="CompressorLanes"/>). Audio thread.</summary>
    internal ref CompressorState RtState => ref _s;

    /// <summary>True when one lane of <see cref="CompressorLanes"/> can run this compressor: one linked channel, no sidechain filter. Audio thread.</summary>
    internal bool RtLaneReady => _laneReady;

    /// <summary>Publishes the largest gain reduction of a block a <see cref="CompressorLanes"/> ran (<see cref="GainReductionDb"/>). Audio thread.</summary>
    internal void RtPublishReduction(double maxReduction) =>
        Volatile.Write(ref _lastBlockReduction, maxReduction);

    /// <summary>Prepares for <paramref name="spec"/> (Channels = linked channels) and up to <paramref name="keyChannels"/> key channels; control side, allocates.</summary>
    public void Prepare(ProcessSpec spec, int keyChannels = 0)
    {
        spec.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(keyChannels);
        _spec = spec;
        _detectorCapacity = Math.Max(spec.Channels, keyChannels);
        // Whole vectors: the dB conversions run on the padding too.
        int padded = (spec.MaxBlockSize + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        _levels = new double[padded];
        _gains = new double[padded];
        _keyFilter.Prepare(_detectorCapacity);
        _s.ParamCoef = Coefficient(ParameterSmoothingMs);
        RtSetAttackMs(_attackMs);
        RtSetReleaseMs(_releaseMs);
        RtSetRmsWindowMs(_rmsWindowMs);
        RtSetSidechainHighPassHz(_sidechainHz);
        Reset();
    }

    /// <summary>Clears detector, ballistics and filter state and snaps smoothed parameters to their targets; recovers from NaN (control or audio thread).</summary>
    public void Reset()
    {
        _keyFilter.Clear();
        _s.Reduction = 0.0;
        _s.MeanSquare = 0.0;
        _s.Threshold = _s.ThresholdTarget;
        _s.Makeup = _s.MakeupTarget;
        Volatile.Write(ref _lastBlockReduction, 0.0);
    }

    /// <summary>Jumps the gliding threshold and makeup to their set values, keeping the detector state (values set while no audio runs). Audio thread.</summary>
    public void RtSettle()
    {
        _s.Threshold = _s.ThresholdTarget;
        _s.Makeup = _s.MakeupTarget;
    }

    /// <summary>Threshold in dBFS; glides over 10 ms (audio thread).</summary>
    public void RtSetThresholdDb(double db) { if (double.IsFinite(db)) _s.ThresholdTarget = db; }

    /// <summary>Ratio (≥ 1; ∞ allowed for a brick wall) (audio thread).</summary>
    public void RtSetRatio(double ratio) { if (ratio >= 1.0) _s.Ratio = ratio; }

    /// <summary>Soft-knee width in dB (0 = hard knee) (audio thread).</summary>
    public void RtSetKneeDb(double db) { if (db >= 0.0 && double.IsFinite(db)) _s.Knee = db; }

    /// <summary>Attack time in ms (1 − 1/e definition, see the class summary) (audio thread).</summary>
    public void RtSetAttackMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _attackMs = ms; _s.Attack = Coefficient(ms); } }

    /// <summary>Release time in ms (1 − 1/e definition) (audio thread).</summary>
    public void RtSetReleaseMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _releaseMs = ms; _s.Release = Coefficient(ms); } }

    /// <summary>Makeup gain in dB; glides over 10 ms (audio thread).</summary>
    public void RtSetMakeupDb(double db) { if (double.IsFinite(db)) _s.MakeupTarget = db; }

    /// <summary>Selects peak or RMS detection (audio thread).</summary>
    public void RtSetDetection(DynamicsDetection detection) => Detection = detection;

    /// <summary>RMS averaging time constant in ms (audio thread).</summary>
    public void RtSetRmsWindowMs(double ms) { if (ms > 0.0 && double.IsFinite(ms)) { _rmsWindowMs = ms; _s.RmsCoef = Coefficient(ms); } }

    /// <summary>Sidechain high-pass cutoff in Hz, 0 = off (audio thread).</summary>
    public void RtSetSidechainHighPassHz(double hz)
    {
        _sidechainHz = double.IsFinite(hz) ? Math.Max(0.0, hz) : 0.0;
        if (_spec.SampleRate > 0) _keyFilter.RtSetCutoff(_sidechainHz, _spec.SampleRate);
        _laneReady = _spec.Channels == 1 && !_keyFilter.Enabled;
    }

    /// <summary>
    /// Compresses <paramref name="count"/> frames of the planar <paramref name="channels"/> in place, detecting on them or
    /// on the external <paramref name="key"/> (any channel count, linked) when given. Audio thread; never allocates or throws.
    /// </summary>
    public void RtProcess(double[][] channels, int count, double[][]? key = null)
    {
        double maxReduction = 0.0;
        for (int done = 0; done < count; done += _spec.MaxBlockSize)
            maxReduction = Math.Max(maxReduction, RtProcessPart(channels, done, Math.Min(_spec.MaxBlockSize, count - done), key));
        RtPublishReduction(maxReduction);
    }

    // Up to one prepared block from frame offset on; returns its largest reduction.
    private double RtProcessPart(double[][] channels, int offset, int count, double[][]? key)
    {
        int linked = Math.Min(channels.Length, _spec.Channels);
        double[][] detector = key ?? channels;
        int detectorChannels = Math.Min(detector.Length, key is null ? linked : _detectorCapacity);
        var levels = _levels.AsSpan(0, count);
        RtDetect(detector, detectorChannels, offset, levels);
        // Whole vectors: the padding past count is converted and ignored, so every sample goes through the same function whatever the block size.
        int padded = (count + Vector256<double>.Count - 1) & ~(Vector256<double>.Count - 1);
        double skipBelow = _s.SkipBelow(out double standInDb);
        CompressorState.RtPowersToDb(_levels.AsSpan(0, padded), Vector256.Create(skipBelow), Vector256.Create(standInDb));
        double maxReduction = 0.0;
        double state = _s.Reduction, threshold = _s.Threshold, makeup = _s.Makeup;
        double ratio = _s.Ratio, knee = _s.Knee, attack = _s.Attack, release = _s.Release, pc = _s.ParamCoef;
        var gains = _gains.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            threshold += (_s.ThresholdTarget - threshold) * pc;
            makeup += (_s.MakeupTarget - makeup) * pc;
            double inputDb = levels[i];
            double target = inputDb > threshold - 0.5 * knee ? CompressorCurve.ReductionDb(inputDb, threshold, ratio, knee) : 0.0;
            double coef = target > state ? attack : release;
            state = coef * state + (1.0 - coef) * target;
            if (state < 1e-12) state = 0.0;
            if (state > maxReduction) maxReduction = state;
            gains[i] = makeup - state;
        }
        if (CompressorState.RtDbToGains(_gains.AsSpan(0, padded)))
            for (int c = 0; c < linked; c++) RtApply(channels[c].AsSpan(offset, count), gains);
        _s.Reduction = state;
        _s.Threshold = threshold;
        _s.Makeup = makeup;
        return maxReduction;
    }

    // The detector's power per sample into _levels: the largest square across the channels (peak) or its mean square
    // averaged by the RMS one-pole, after the optional sidechain high-pass.
    private void RtDetect(double[][] detector, int detectorChannels, int offset, Span<double> levels)
    {
        bool filter = _keyFilter.Enabled;
        if (Detection == DynamicsDetection.Rms)
        {
            double meanSquare = _s.MeanSquare, rmsCoef = _s.RmsCoef;
            for (int i = 0; i < levels.Length; i++)
            {
                double sum = 0.0;
                for (int c = 0; c < detectorChannels; c++)
                {
                    double x = filter ? _keyFilter.RtTick(c, detector[c][offset + i]) : detector[c][offset + i];
                    sum += x * x;
                }
                meanSquare = rmsCoef * meanSquare + (1.0 - rmsCoef) * (detectorChannels > 0 ? sum / detectorChannels : 0.0);
                levels[i] = meanSquare;
            }
            _s.MeanSquare = meanSquare;
            return;
        }
        if (!filter && detectorChannels == 1)
        {
            var x = detector[0].AsSpan(offset, levels.Length);
            for (int i = 0; i < levels.Length; i++) levels[i] = x[i] * x[i];
            return;
        }
        for (int i = 0; i < levels.Length; i++)
        {
            double level = 0.0;
            for (int c = 0; c < detectorChannels; c++)
            {
                double x = filter ? _keyFilter.RtTick(c, detector[c][offset + i]) : detector[c][offset + i];
                double m = x * x;
                if (m > level) level = m;
            }
            levels[i] = level;
        }
    }

    private static void RtApply(Span<double> samples, ReadOnlySpan<double> gains)
    {
        int i = 0;
        for (; i <= samples.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            (Vector256.Create(samples.Slice(i, Vector256<double>.Count)) * Vector256.Create(gains.Slice(i, Vector256<double>.Count)))
                .CopyTo(samples.Slice(i, Vector256<double>.Count));
        for (; i < samples.Length; i++) samples[i] *= gains[i];
    }

    private double Coefficient(double ms)
        => ms <= 0.0 || _spec.SampleRate <= 0 ? 0.0 : Math.Exp(-1000.0 / (ms * _spec.SampleRate));
}
