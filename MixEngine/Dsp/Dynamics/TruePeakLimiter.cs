using System.Runtime.Intrinsics;
using System.Threading;
using MixEngine.Dsp.Loudness;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Look-ahead true-peak limiter (loudness-dsp.md §7.4): per-sample true peak from the shared 4× interpolator
/// (<see cref="TruePeakDetector.RtPeaksAbove"/>: what <see cref="TruePeakDetector.RtPush"/> gives per sample, computed
/// block-wise, and exactly only where it can exceed the ceiling, since below it the required gain is 1 whatever the
/// peak), linked across channels; required gain min(1, ceiling/peak); sliding minimum
/// over the look-ahead plus a guard; box average over the look-ahead (so the gain is down before the peak arrives);
/// exponential release; audio delayed by <see cref="LatencySamples"/>. A pass that starts at rest (gain, look-ahead
/// average and sliding minimum all 1, the ceiling at its target: no gain below 1 was required for a look-ahead
/// plus the minimum's window) and in which no detected peak exceeds the ceiling leaves all of that as it is, so it only
/// delays the audio (times the gain 1) and advances the positions (<see cref="RestPasses"/>; the same samples and state
/// as the frame-by-frame loop). Threads: Prepare on the control side; Rt*
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
    private int _settle, _quiet; // frames of required gain 1 needed to be at rest; such frames in a row (capped at _settle)
    private long _restPasses;
    private double _lastBlockReduction; // one atomic 64-bit load or store (Volatile), no locked instruction on the audio thread

    /// <summary>Samples of delay the limiter adds (look-ahead + detector delay + guard); fixed at Prepare.</summary>
    public int LatencySamples { get; private set; }

    /// <summary>Passes (up to 256 frames) that found the limiter at rest and only delayed the audio (for tests and diagnostics); lock-free read from any thread.</summary>
    public long RestPasses => Volatile.Read(ref _restPasses);

    /// <summary>Largest gain reduction in dB (≥ 0) during the last processed block; lock-free read from any thread.</summary>
    public double GainReductionDb => Volatile.Read(ref _lastBlockReduction);

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
        _settle = _lookahead + _minLength;
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
        _quiet = _settle; // the box holds ones and the minimum is empty: as after _settle frames of gain 1
        Volatile.Write(ref _lastBlockReduction, 0.0);
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
        Volatile.Write(ref _lastBlockReduction, maxReduction);
    }

    // Frames [start, start + n) with their detected peaks in _peaks[c][0 …]; returns the smallest gain applied.
    private double RtLimit(double[][] channels, int linked, int start, int n)
    {
        if (RtAtRest(linked, n))
        {
            RtDelayAtRest(channels, linked, start, n);
            return 1.0;
        }
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
            _quiet = required < 1.0 ? 0 : Math.Min(_quiet + 1, _settle);
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

    // True when the pass cannot move the gain: every box entry and the sliding minimum's window hold gain 1 (_settle
    // frames requiring 1 in a row), their sum is at least the look-ahead (so their mean is taken as 1), the gain exactly 1, the ceiling at its target
    // (its glide step then gives back its bits) and no peak of the pass exceeds it (each frame then requires 1: held 1,
    // the sum unchanged, smooth = 1, the gain stays 1).
    private bool RtAtRest(int linked, int n)
    {
        if (_quiet < _settle || !(_boxSum >= _lookahead) || _gain != 1.0 || _ceiling != _ceilingTarget) return false;
        var ceiling = Vector256.Create(_ceiling);
        for (int c = 0; c < linked; c++)
        {
            var peaks = _peaks[c].AsSpan(0, n);
            int k = 0;
            for (; k <= n - Vector256<double>.Count; k += Vector256<double>.Count)
                if (Vector256.GreaterThanAny(Vector256.Create((ReadOnlySpan<double>)peaks.Slice(k, Vector256<double>.Count)), ceiling)) return false;
            for (; k < n; k++)
                if (peaks[k] > _ceiling) return false;
        }
        return true;
    }

    // A pass at rest (RtAtRest): the frame loop's delay and product by the gain (1), and the positions it advances; the
    // sliding minimum then holds the one entry of gain 1 pushed last, as the loop leaves it.
    private void RtDelayAtRest(double[][] channels, int linked, int start, int n)
    {
        Volatile.Write(ref _restPasses, _restPasses + 1); // one writer at a time (the thread running the limiter): no locked add
        for (int c = 0; c < linked; c++)
        {
            var line = _delay[c];
            var x = channels[c];
            int write = _delayPos;
            for (int i = start; i < start + n; i++)
            {
                int read = write + 1 == _delayLength ? 0 : write + 1;
                line[write] = x[i];
                x[i] = line[read] * _gain;
                write = read;
            }
        }
        _delayPos = (int)((_delayPos + (long)n) % _delayLength);
        _time += n;
        _minHead = 0;
        _minCount = 1;
        _minValues[0] = 1.0;
        _minIndex[0] = _time - 1;
        _boxPos = (int)((_boxPos + (long)n) % _lookahead);
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
