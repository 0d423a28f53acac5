using System.Threading;
using MixEngine.Dsp.Eq;

namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Split-band de-esser (loudness-dsp.md §7.6): the sibilance band is a fourth-order band-pass around the set frequency
/// (two RBJ band-pass sections, 0 dB and zero phase at the centre); its peak level, linked across all prepared channels,
/// drives the reduction, which is applied to that band only: out = x + (g − 1)·band. Below the threshold g = 1 and the
/// output is the input bit-exactly; above it the band is pulled towards the threshold (ratio ∞ by default) by at most
/// the range. Envelope: instant attack, release time constant; reduction: rises with the attack time constant, falls
/// with a 2 ms one-pole (so a threshold change does not click). Frequency and Q glide (the band runs in a
/// <see cref="ParametricEq"/>). Threads: Prepare on the control side; Rt* and RtProcess on the audio thread (no
/// allocation, lock or throw); GainReductionDb lock-free from any thread. Latency 0. NaN input: Reset, as the other kernels.
/// </summary>
public sealed class DeEsser
{
    private const double Log2ToDb = 6.020599913279624; // 20·log10(2)
    private const double FallMs = 2.0;

    private readonly ParametricEq _band = new();
    private ProcessSpec _spec;
    private double[][] _bandSignal = [];
    private double _frequencyHz = 6000.0, _q = 1.5, _threshold = -30.0, _range = 12.0, _ratio = double.PositiveInfinity;
    private double _attackMs = 0.5, _releaseMs = 60.0;
    private double _attackCoef, _releaseCoef, _fallCoef;
    private double _envelope, _reduction;
    private double _lastBlockReduction; // one atomic 64-bit load or store (Volatile), no locked instruction on the audio thread

    /// <summary>Samples of delay the de-esser adds (0).</summary>
    public int LatencySamples => 0;

    /// <summary>Largest reduction of the band in dB (≥ 0) during the last block; lock-free read from any thread.</summary>
    public double GainReductionDb => Volatile.Read(ref _lastBlockReduction);

    /// <summary>Prepares for <paramref name="spec"/> (Channels = linked channels); control side, allocates.</summary>
    public void Prepare(ProcessSpec spec)
    {
        spec.Validate();
        _spec = spec;
        _bandSignal = new double[spec.Channels][];
        for (int c = 0; c < spec.Channels; c++) _bandSignal[c] = new double[spec.MaxBlockSize];
        SetBand();
        _band.Prepare(spec);
        RtSetAttackMs(_attackMs);
        RtSetReleaseMs(_releaseMs);
        _fallCoef = Coefficient(FallMs);
        Reset();
    }

    /// <summary>Clears the band filter, envelope and reduction; recovers from NaN (control or audio thread).</summary>
    public void Reset()
    {
        _band.Reset();
        _envelope = 0.0;
        _reduction = 0.0;
        Volatile.Write(ref _lastBlockReduction, 0.0);
    }

    /// <summary>Jumps the gliding band to its set frequency and Q, keeping the filter and envelope state (values set while no audio runs). Audio thread.</summary>
    public void RtSettle() => _band.RtSettle();

    /// <summary>Centre of the sibilance band in Hz (glides; audio thread).</summary>
    public void RtSetFrequencyHz(double hz)
    {
        if (!(hz >= EqBand.MinFrequencyHz && hz <= EqBand.MaxFrequencyHz)) return;
        _frequencyHz = hz;
        SetBand();
    }

    /// <summary>Quality factor of each of the two band-pass sections (glides; audio thread).</summary>
    public void RtSetQ(double q)
    {
        if (!(q >= EqBand.MinQ && q <= EqBand.MaxQ)) return;
        _q = q;
        SetBand();
    }

    /// <summary>Band peak level in dBFS above which the band is reduced (audio thread).</summary>
    public void RtSetThresholdDb(double db) { if (double.IsFinite(db)) _threshold = db; }

    /// <summary>Largest reduction of the band in dB (≥ 0) (audio thread).</summary>
    public void RtSetRangeDb(double db) { if (db >= 0.0 && double.IsFinite(db)) _range = db; }

    /// <summary>Ratio above the threshold (≥ 1; ∞, the default, holds the band at the threshold) (audio thread).</summary>
    public void RtSetRatio(double ratio) { if (ratio >= 1.0) _ratio = ratio; }

    /// <summary>Time constant in ms with which the reduction rises (1 − 1/e definition) (audio thread).</summary>
    public void RtSetAttackMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _attackMs = ms; _attackCoef = Coefficient(ms); } }

    /// <summary>Release time constant in ms of the band envelope (audio thread).</summary>
    public void RtSetReleaseMs(double ms) { if (ms >= 0.0 && double.IsFinite(ms)) { _releaseMs = ms; _releaseCoef = Coefficient(ms); } }

    /// <summary>
    /// De-esses <paramref name="count"/> frames (at most the prepared block size) of the planar
    /// <paramref name="channels"/> in place. Audio thread; never allocates or throws.
    /// </summary>
    public void RtProcess(double[][] channels, int count)
    {
        int linked = Math.Min(channels.Length, _spec.Channels);
        count = Math.Min(count, _spec.MaxBlockSize);
        for (int c = 0; c < linked; c++) Array.Copy(channels[c], _bandSignal[c], count);
        _band.RtProcess(_bandSignal, count);
        double envelope = _envelope, reduction = _reduction, maxReduction = 0.0;
        double threshold = _threshold, range = _range, slope = 1.0 - 1.0 / _ratio;
        double attack = _attackCoef, release = _releaseCoef, fall = _fallCoef;
        for (int i = 0; i < count; i++)
        {
            double peak = 0.0;
            for (int c = 0; c < linked; c++)
            {
                double m = Math.Abs(_bandSignal[c][i]);
                if (m > peak) peak = m;
            }
            envelope = peak > envelope ? peak : release * envelope;
            double levelDb = envelope > 0.0 ? Log2ToDb * Math.Log2(envelope) : double.NegativeInfinity;
            double target = levelDb > threshold ? Math.Min(range, (levelDb - threshold) * slope) : 0.0;
            double coef = target > reduction ? attack : fall;
            reduction = coef * reduction + (1.0 - coef) * target;
            if (reduction < 1e-9) reduction = 0.0;
            if (reduction > maxReduction) maxReduction = reduction;
            if (reduction > 0.0)
            {
                double cut = double.Exp2(-reduction / Log2ToDb) - 1.0;
                for (int c = 0; c < linked; c++) channels[c][i] += cut * _bandSignal[c][i];
            }
        }
        _envelope = envelope;
        _reduction = reduction;
        Volatile.Write(ref _lastBlockReduction, maxReduction);
    }

    // The band: two identical RBJ band-pass sections (bilinear: exactly 0 dB and 0° at the centre, so at the centre the
    // output is g·x).
    private void SetBand()
    {
        var band = EqBand.BandPass(_frequencyHz, _q) with { Design = EqDesign.Bilinear };
        _band.RtSetBand(0, band);
        _band.RtSetBand(1, band);
    }

    private double Coefficient(double ms)
        => ms <= 0.0 || _spec.SampleRate <= 0 ? 0.0 : Math.Exp(-1000.0 / (ms * _spec.SampleRate));
}
