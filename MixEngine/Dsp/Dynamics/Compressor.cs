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
    private const double Log2ToDb = 6.020599913279624; // 20·log10(2)
    private const double DbToLog2 = 1.0 / Log2ToDb;
    private const double SilenceDb = -400.0;

    private readonly SidechainHighPass _keyFilter = new();
    private ProcessSpec _spec;
    private double _thresholdTarget = -20.0, _makeupTarget;
    private double _threshold = -20.0, _makeup;
    private double _ratio = 4.0, _knee = 6.0, _attackMs = 10.0, _releaseMs = 100.0, _rmsWindowMs = 10.0, _sidechainHz;
    private double _attackCoef, _releaseCoef, _rmsCoef, _paramCoef;
    private double _reductionState, _meanSquare;
    private long _lastBlockReductionBits;
    private int _detectorCapacity;

    /// <summary>Level detection mode; set on any thread between blocks (takes effect at the next sample).</summary>
    public DynamicsDetection Detection { get; private set; } = DynamicsDetection.Peak;

    /// <summary>Samples of delay the kernel adds (0: the compressor has no look-ahead).</summary>
    public int LatencySamples => 0;

    /// <summary>Largest gain reduction in dB (≥ 0) during the last processed block; lock-free read from any thread.</summary>
    public double GainReductionDb => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _lastBlockReductionBits));

    /// <summary>Prepares for <paramref name="spec"/> (Channels = linked channels) and up to <paramref name="keyChannels"/> key channels; control side, allocates.</summary>
    public void Prepare(ProcessSpec spec, int keyChannels = 0)
    {
        spec.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(keyChannels);
        _spec = spec;
        _detectorCapacity = Math.Max(spec.Channels, keyChannels);
        _keyFilter.Prepare(_detectorCapacity);
        _paramCoef = Coefficient(ParameterSmoothingMs);
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
        _reductionState = 0.0;
        _meanSquare = 0.0;
        _threshold = _thresholdTarget;
        _makeup = _makeupTarget;
        Interlocked.Exchange(ref _lastBlockReductionBits, 0L);
    }

    /// <summary>Threshold in dBFS; glides over 10 ms (audio thread).</summary>
    public void RtSetThresholdDb(double db) { if (double.IsFinite(db)) _thresholdTarget = db; }

    /// <summary>Ratio (≥ 1; ∞ allowed for a brick wall) (audio thread).</summary>
    public void RtSetRatio(double ratio) { if (ratio >= 1.0) _ratio = ratio; }

    /// <summary>Soft-knee width in dB (0 = hard knee) (audio thread).</summary>
    public void RtSetKneeDb(double db) { if (db >= 0.0 && double.IsFinite(db)) _knee = db; }

    /// <summary>Attack time in ms (1 − 1/e definition, see the class summary) (audio thread).</summary>
    public void RtSetAttackMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _attackMs = ms; _attackCoef = Coefficient(ms); } }

    /// <summary>Release time in ms (1 − 1/e definition) (audio thread).</summary>
    public void RtSetReleaseMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _releaseMs = ms; _releaseCoef = Coefficient(ms); } }

    /// <summary>Makeup gain in dB; glides over 10 ms (audio thread).</summary>
    public void RtSetMakeupDb(double db) { if (double.IsFinite(db)) _makeupTarget = db; }

    /// <summary>Selects peak or RMS detection (audio thread).</summary>
    public void RtSetDetection(DynamicsDetection detection) => Detection = detection;

    /// <summary>RMS averaging time constant in ms (audio thread).</summary>
    public void RtSetRmsWindowMs(double ms) { if (ms > 0.0 && double.IsFinite(ms)) { _rmsWindowMs = ms; _rmsCoef = Coefficient(ms); } }

    /// <summary>Sidechain high-pass cutoff in Hz, 0 = off (audio thread).</summary>
    public void RtSetSidechainHighPassHz(double hz)
    {
        _sidechainHz = double.IsFinite(hz) ? Math.Max(0.0, hz) : 0.0;
        if (_spec.SampleRate > 0) _keyFilter.RtSetCutoff(_sidechainHz, _spec.SampleRate);
    }

    /// <summary>
    /// Compresses <paramref name="count"/> frames of the planar <paramref name="channels"/> in place, detecting on them or
    /// on the external <paramref name="key"/> (any channel count, linked) when given. Audio thread; never allocates or throws.
    /// </summary>
    public void RtProcess(double[][] channels, int count, double[][]? key = null)
    {
        int linked = Math.Min(channels.Length, _spec.Channels);
        double[][] detector = key ?? channels;
        int detectorChannels = Math.Min(detector.Length, key is null ? linked : _detectorCapacity);
        double maxReduction = 0.0;
        bool rms = Detection == DynamicsDetection.Rms;
        bool filter = _keyFilter.Enabled;
        double state = _reductionState, meanSquare = _meanSquare, threshold = _threshold, makeup = _makeup;
        double ratio = _ratio, knee = _knee, attack = _attackCoef, release = _releaseCoef, rmsCoef = _rmsCoef, pc = _paramCoef;
        for (int i = 0; i < count; i++)
        {
            threshold += (_thresholdTarget - threshold) * pc;
            makeup += (_makeupTarget - makeup) * pc;
            double level = 0.0;
            if (rms)
            {
                double sum = 0.0;
                for (int c = 0; c < detectorChannels; c++)
                {
                    double x = filter ? _keyFilter.RtTick(c, detector[c][i]) : detector[c][i];
                    sum += x * x;
                }
                meanSquare = rmsCoef * meanSquare + (1.0 - rmsCoef) * (detectorChannels > 0 ? sum / detectorChannels : 0.0);
                level = meanSquare;
            }
            else
            {
                for (int c = 0; c < detectorChannels; c++)
                {
                    double x = filter ? _keyFilter.RtTick(c, detector[c][i]) : detector[c][i];
                    double m = x * x;
                    if (m > level) level = m;
                }
            }
            // level is a power here, so 10·log10 = (20·log10 2 / 2)·log2.
            double inputDb = level > 0.0 ? 0.5 * Log2ToDb * Math.Log2(level) : SilenceDb;
            double target = inputDb > threshold - 0.5 * knee ? CompressorCurve.ReductionDb(inputDb, threshold, ratio, knee) : 0.0;
            double coef = target > state ? attack : release;
            state = coef * state + (1.0 - coef) * target;
            if (state < 1e-12) state = 0.0;
            if (state > maxReduction) maxReduction = state;
            double gainDb = makeup - state;
            if (gainDb != 0.0)
            {
                double g = double.Exp2(gainDb * DbToLog2);
                for (int c = 0; c < linked; c++) channels[c][i] *= g;
            }
        }
        _reductionState = state;
        _meanSquare = meanSquare;
        _threshold = threshold;
        _makeup = makeup;
        Interlocked.Exchange(ref _lastBlockReductionBits, BitConverter.DoubleToInt64Bits(maxReduction));
    }

    private double Coefficient(double ms)
        => ms <= 0.0 || _spec.SampleRate <= 0 ? 0.0 : Math.Exp(-1000.0 / (ms * _spec.SampleRate));
}
