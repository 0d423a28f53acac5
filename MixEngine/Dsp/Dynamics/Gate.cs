using System.Threading;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Expander/gate with hold and hysteresis (loudness-dsp.md §7.5): linked peak envelope in dB; opens above the threshold,
/// closes only below threshold − hysteresis after the hold time; when closed the expander curve
/// T + R·(x − T) (ratio R, ∞ = gate) sets the reduction, limited to the range; the reduction in dB moves with the attack
/// (opening) and release (closing) time constants (1 − 1/e definition). Threads: Prepare on the control side; Rt* and
/// RtProcess on the audio thread; GainReductionDb lock-free from any thread.
/// </summary>
public sealed class Gate
{
    private const double Log2ToDb = 6.020599913279624;
    private ProcessSpec _spec;
    private double _threshold = -40.0, _range = 60.0, _ratio = double.PositiveInfinity, _hysteresis = 6.0;
    private double _attackMs = 0.5, _releaseMs = 100.0, _holdMs = 50.0;
    private double _attackCoef, _releaseCoef;
    private int _holdSamples, _holdLeft;
    private bool _open;
    private double _reduction;
    private double _lastBlockReduction; // one atomic 64-bit load or store (Volatile), no locked instruction on the audio thread

    /// <summary>Samples of delay the gate adds (0).</summary>
    public int LatencySamples => 0;

    /// <summary>Largest reduction in dB (≥ 0) during the last block; lock-free read from any thread.</summary>
    public double GainReductionDb => Volatile.Read(ref _lastBlockReduction);

    /// <summary>Whether the gate is open (or holding) after the last processed sample (audio thread).</summary>
    public bool IsOpen => _open;

    /// <summary>Prepares for <paramref name="spec"/> (Channels = linked channels); control side.</summary>
    public void Prepare(ProcessSpec spec)
    {
        spec.Validate();
        _spec = spec;
        RtSetAttackMs(_attackMs);
        RtSetReleaseMs(_releaseMs);
        RtSetHoldMs(_holdMs);
        Reset();
    }

    /// <summary>Closes the gate at full range and clears the hold; recovers from NaN (control or audio thread).</summary>
    public void Reset()
    {
        _open = false;
        _holdLeft = 0;
        _reduction = _range;
        Volatile.Write(ref _lastBlockReduction, 0.0);
    }

    /// <summary>Open threshold in dBFS (audio thread).</summary>
    public void RtSetThresholdDb(double db) { if (double.IsFinite(db)) _threshold = db; }

    /// <summary>Largest reduction in dB when closed (audio thread).</summary>
    public void RtSetRangeDb(double db) { if (db >= 0.0 && double.IsFinite(db)) _range = db; }

    /// <summary>Expansion ratio below the threshold (≥ 1; ∞ = gate) (audio thread).</summary>
    public void RtSetRatio(double ratio) { if (ratio >= 1.0) _ratio = ratio; }

    /// <summary>Hysteresis in dB: the gate closes below threshold − hysteresis (audio thread).</summary>
    public void RtSetHysteresisDb(double db) { if (db >= 0.0 && double.IsFinite(db)) _hysteresis = db; }

    /// <summary>Opening time in ms (audio thread).</summary>
    public void RtSetAttackMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _attackMs = ms; _attackCoef = Coefficient(ms); } }

    /// <summary>Closing time in ms (audio thread).</summary>
    public void RtSetReleaseMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _releaseMs = ms; _releaseCoef = Coefficient(ms); } }

    /// <summary>Hold time in ms after the level falls below the close threshold (audio thread).</summary>
    public void RtSetHoldMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _holdMs = ms; _holdSamples = (int)Math.Round(ms * _spec.SampleRate / 1000.0); } }

    /// <summary>Gates <paramref name="count"/> frames of planar <paramref name="channels"/> in place. Audio thread; never allocates or throws.</summary>
    public void RtProcess(double[][] channels, int count)
    {
        int linked = Math.Min(channels.Length, _spec.Channels);
        double maxReduction = 0.0;
        for (int i = 0; i < count; i++)
        {
            double power = 0.0;
            for (int c = 0; c < linked; c++) { double x = channels[c][i]; if (x * x > power) power = x * x; }
            double levelDb = power > 0.0 ? 0.5 * Log2ToDb * Math.Log2(power) : -400.0;
            if (levelDb > _threshold) { _open = true; _holdLeft = _holdSamples; }
            else if (_open && levelDb < _threshold - _hysteresis)
            {
                if (_holdLeft > 0) _holdLeft--;
                else _open = false;
            }
            double target = _open ? 0.0 : Math.Min(_range, (_ratio - 1.0) * (_threshold - levelDb));
            if (double.IsNaN(target)) target = _range;
            double coef = target < _reduction ? _attackCoef : _releaseCoef;
            _reduction = coef * _reduction + (1.0 - coef) * target;
            if (_reduction > maxReduction) maxReduction = _reduction;
            if (_reduction != 0.0)
            {
                double g = double.Exp2(-_reduction / Log2ToDb);
                for (int c = 0; c < linked; c++) channels[c][i] *= g;
            }
        }
        Volatile.Write(ref _lastBlockReduction, maxReduction);
    }

    private double Coefficient(double ms) => ms <= 0.0 || _spec.SampleRate <= 0 ? 0.0 : Math.Exp(-1000.0 / (ms * _spec.SampleRate));
}
