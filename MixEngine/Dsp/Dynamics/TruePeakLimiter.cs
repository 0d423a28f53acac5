using System.Threading;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Look-ahead true-peak limiter (loudness-dsp.md §7.4): per-sample true peak from the shared 4× interpolator
/// (<see cref="TruePeakDetector.RtPeaksAbove"/>: what <see cref="TruePeakDetector.RtPush"/> gives per sample, computed
/// block-wise, and exactly only where it can exceed the ceiling, since below it the required gain is 1 whatever the
/// peak), linked across channels; required gain min(1, ceiling/peak); sliding minimum
/// over the look-ahead plus a guard; box average over the look-ahead (so the gain is down before the peak arrives);
/// exponential release; audio delayed by <see cref="LatencySamples"/>. Threads: Prepare on the control side; Rt*
/// setters and RtProcess on the audio thread; GainReductionDb readable from any thread without locks.
/// </summary>
public sealed class TruePeakLimiter
{
    /// <summary>Internal margin below the ceiling (dB) covering the gain modulation's own inter-sample overshoot.</summary>
    public const double SafetyDb = 0.2;

    // Extra samples of minimum-hold either side of the peak's position, and the interpolator's delay (TapsPerPhase/2).
    private const int Guard = 8;
    private const int DetectorDelay = TruePeakDetector.TapsPerPhase / 2;
    // Frames detected per pass (the scratch of per-sample peaks); longer calls run in several passes.
    private const int Pass = 256;

    private TruePeakDetector[] _detectors = [];
    private double[][] _delay = [];
    private double[][] _peaks = [];
    private double[] _minValues = [];
    private long[] _minIndex = [];
    private double[] _box = [];
    private ProcessSpec _spec;
    private double _ceilingDb = -1.0, _releaseMs = 50.0, _lookaheadMs = 2.0;
    private double _ceilingTarget, _ceiling, _releaseCoef;
    private int _lookahead, _minLength, _delayLength;
    private long _time;
    private int _delayPos, _boxPos, _minHead, _minCount;
    private double _boxSum, _gain;
    private long _lastBlockReductionBits;

    /// <summary>Samples of delay the limiter adds (look-ahead + detector delay + guard); fixed at Prepare.</summary>
    public int LatencySamples { get; private set; }

    /// <summary>Largest gain reduction in dB (≥ 0) during the last processed block; lock-free read from any thread.</summary>
    public double GainReductionDb => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _lastBlockReductionBits));

    /// <summary>Sets the look-ahead in ms (1–20) before Prepare; it fixes the latency (control side).</summary>
    public void SetLookaheadMs(double ms)
    {
        if (!(ms >= 0.1 && ms <= 20.0)) throw new ArgumentOutOfRangeException(nameof(ms), ms, "the limiter look-ahead must be 0.1–20 ms");
        _lookaheadMs = ms;
    }

    /// <summary>Prepares for <paramref name="spec"/> (Channels = linked channels); control side, allocates.</summary>
    public void Prepare(ProcessSpec spec)
    {
        spec.Validate();
        _spec = spec;
        _lookahead = Math.Max(1, (int)Math.Round(_lookaheadMs * spec.SampleRate / 1000.0));
        _minLength = _lookahead + 2 * Guard;
        LatencySamples = _lookahead + DetectorDelay + 2 * Guard;
        _delayLength = LatencySamples + 1;
        _detectors = new TruePeakDetector[spec.Channels];
        _delay = new double[spec.Channels][];
        _peaks = new double[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++)
        {
            _detectors[c] = new TruePeakDetector(spec.SampleRate);
            _delay[c] = new double[_delayLength];
            _peaks[c] = new double[Pass];
        }
        _minValues = new double[_minLength + 1];
        _minIndex = new long[_minLength + 1];
        _box = new double[_lookahead];
        RtSetReleaseMs(_releaseMs);
        RtSetCeilingDb(_ceilingDb);
        Reset();
    }

    /// <summary>Clears detectors, delay line, gain state; snaps the ceiling to its target; recovers from NaN.</summary>
    public void Reset()
    {
        foreach (var d in _detectors) d.Reset();
        foreach (var line in _delay) Array.Clear(line);
        Array.Fill(_box, 1.0);
        _boxSum = _lookahead;
        _boxPos = 0;
        _delayPos = 0;
        _minHead = 0;
        _minCount = 0;
        _time = 0;
        _gain = 1.0;
        _ceiling = _ceilingTarget;
        Interlocked.Exchange(ref _lastBlockReductionBits, 0L);
    }

    /// <summary>Ceiling in dBTP (the output's true peak stays at or below it); glides with the release (audio thread).</summary>
    public void RtSetCeilingDb(double db)
    {
        if (!double.IsFinite(db) || db > 0.0) return;
        _ceilingDb = db;
        _ceilingTarget = Math.Pow(10.0, (db - SafetyDb) / 20.0);
    }

    /// <summary>Jumps the gliding ceiling to its set value, keeping the gain and look-ahead state (values set while no audio runs). Audio thread.</summary>
    public void RtSettle() => _ceiling = _ceilingTarget;

    /// <summary>Release time in ms (1 − 1/e of a gain recovery) (audio thread).</summary>
    public void RtSetReleaseMs(double ms)
    {
        if (!(ms > 0.0) || !double.IsFinite(ms)) return;
        _releaseMs = ms;
        if (_spec.SampleRate > 0) _releaseCoef = Math.Exp(-1000.0 / (ms * _spec.SampleRate));
    }

    /// <summary>Limits <paramref name="count"/> frames of planar <paramref name="channels"/> in place (delayed by LatencySamples). Audio thread; never allocates or throws.</summary>
    public void RtProcess(double[][] channels, int count)
    {
        int linked = Math.Min(channels.Length, _spec.Channels);
        double minGain = 1.0;
        for (int start = 0; start < count; start += Pass)
        {
            int n = Math.Min(Pass, count - start);
            // The ceiling only falls to its target or rises towards it, so no sample of the pass has one below this.
            double lowest = Math.Min(_ceiling, _ceilingTarget);
            for (int c = 0; c < linked; c++) _detectors[c].RtPeaksAbove(channels[c].AsSpan(start, n), _peaks[c].AsSpan(0, n), lowest);
            minGain = Math.Min(minGain, RtLimit(channels, linked, start, n));
        }
        // −20·log10 falls as the gain rises, so the block's largest reduction is the one of its smallest gain.
        double maxReduction = minGain < 1.0 ? -20.0 * Math.Log10(minGain) : 0.0;
        Interlocked.Exchange(ref _lastBlockReductionBits, BitConverter.DoubleToInt64Bits(maxReduction));
    }

    // Frames [start, start + n) with their detected peaks in _peaks[c][0 …]; returns the smallest gain applied.
    private double RtLimit(double[][] channels, int linked, int start, int n)
    {
        double minGain = 1.0;
        for (int k = 0; k < n; k++)
        {
            int i = start + k;
            // The ceiling may only fall instantly (safe) and rises with the release.
            _ceiling = _ceilingTarget < _ceiling ? _ceilingTarget : _ceiling + (_ceilingTarget - _ceiling) * (1.0 - _releaseCoef);
            double peak = 0.0;
            for (int c = 0; c < linked; c++)
            {
                double p = _peaks[c][k];
                if (p > peak) peak = p;
            }
            double required = peak > _ceiling ? _ceiling / peak : 1.0;
            double held = PushMinimum(required);
            _boxSum += held - _box[_boxPos];
            _box[_boxPos] = held;
            _boxPos = _boxPos + 1 == _lookahead ? 0 : _boxPos + 1;
            double smooth = Math.Min(1.0, _boxSum / _lookahead);
            _gain = smooth < _gain ? smooth : _gain + (smooth - _gain) * (1.0 - _releaseCoef);
            if (!(_gain <= 1.0)) _gain = 1.0;
            int readPos = _delayPos + 1 == _delayLength ? 0 : _delayPos + 1;
            for (int c = 0; c < linked; c++)
            {
                var line = _delay[c];
                line[_delayPos] = channels[c][i];
                channels[c][i] = line[readPos] * _gain;
            }
            _delayPos = readPos;
            if (_gain < minGain) minGain = _gain;
        }
        return minGain;
    }

    // Sliding minimum over the last _minLength required gains: a monotonic deque in a preallocated ring.
    private double PushMinimum(double value)
    {
        int cap = _minValues.Length;
        long now = _time++;
        while (_minCount > 0)
        {
            int tail = _minHead + _minCount - 1;
            if (tail >= cap) tail -= cap;
            if (_minValues[tail] < value) break;
            _minCount--;
        }
        int slot = _minHead + _minCount;
        if (slot >= cap) slot -= cap;
        _minValues[slot] = value;
        _minIndex[slot] = now;
        _minCount++;
        while (_minIndex[_minHead] <= now - _minLength)
        {
            _minHead = _minHead + 1 == cap ? 0 : _minHead + 1;
            _minCount--;
        }
        return _minValues[_minHead];
    }
}
