using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>The strip's gate (<c>dyn/gate</c>) around <see cref="Gate"/>, linked over the strip's channels. Thread rules as <see cref="StripKernel"/>.</summary>
public sealed class GateProcessor : StripKernel
{
    private readonly Gate _gate = new();

    /// <summary>Prepares the gate at the session settings; control side.</summary>
    public GateProcessor(GateSettings s, ProcessSpec spec) : base("dyn/gate", s.Enabled, spec.Channels, spec.MaxBlockSize, 0)
    {
        _gate.RtSetThresholdDb(s.ThresholdDb);
        _gate.RtSetRangeDb(s.RangeDb);
        _gate.RtSetRatio(s.Ratio);
        _gate.RtSetHysteresisDb(s.HysteresisDb);
        _gate.Prepare(spec);
        _gate.RtSetAttackMs(s.AttackMs);
        _gate.RtSetHoldMs(s.HoldMs);
        _gate.RtSetReleaseMs(s.ReleaseMs);
        _gate.Reset();
    }

    /// <inheritdoc/>
    public override double GainReductionDb => _gate.GainReductionDb;

    /// <inheritdoc/>
    protected override void RtProcessKernel(double[][] channels, int count, double[][]? key) => _gate.RtProcess(channels, count);

    /// <inheritdoc/>
    protected override void ResetKernel() => _gate.Reset();

    /// <inheritdoc/>
    protected override void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix)
    {
        var f = ProcessingField.Gate;
        Action<double>[] setters = [_gate.RtSetThresholdDb, _gate.RtSetRangeDb, _gate.RtSetRatio, _gate.RtSetAttackMs, _gate.RtSetHoldMs,
            _gate.RtSetReleaseMs, _gate.RtSetHysteresisDb];
        for (int k = 0; k < f.Count; k++) parameters[prefix + f[k].Name] = Clamped(f[k], setters[k]);
    }
}

/// <summary>
/// The strip's compressor (<c>dyn/comp</c>) around <see cref="Compressor"/>: linked detection over the strip's channels,
/// or over the key strip's channels when the session gives a key. Thread rules as <see cref="StripKernel"/>.
/// </summary>
public sealed class CompressorProcessor : StripKernel
{
    private readonly Compressor _compressor = new();

    /// <summary>Prepares the compressor at the session settings for up to <paramref name="keyChannels"/> key channels; control side.</summary>
    public CompressorProcessor(CompressorSettings s, ProcessSpec spec, int keyChannels)
        : base("dyn/comp", s.Enabled, spec.Channels, spec.MaxBlockSize, 0)
    {
        _compressor.Prepare(spec, keyChannels);
        _compressor.RtSetThresholdDb(s.ThresholdDb);
        _compressor.RtSetRatio(s.Ratio);
        _compressor.RtSetKneeDb(s.KneeDb);
        _compressor.RtSetAttackMs(s.AttackMs);
        _compressor.RtSetReleaseMs(s.ReleaseMs);
        _compressor.RtSetMakeupDb(s.MakeupDb);
        _compressor.RtSetSidechainHighPassHz(s.SidechainHighPassHz);
        _compressor.RtSetDetection(s.Detection == LevelDetection.Rms ? DynamicsDetection.Rms : DynamicsDetection.Peak);
        _compressor.Reset();
    }

    /// <summary>The compressor kernel (a batch of strips may run it as a lane of <see cref="CompressorLanes"/>).</summary>
    internal Compressor Kernel => _compressor;

    /// <inheritdoc/>
    public override double GainReductionDb => _compressor.GainReductionDb;

    /// <inheritdoc/>
    protected override void RtProcessKernel(double[][] channels, int count, double[][]? key) => _compressor.RtProcess(channels, count, key);

    /// <inheritdoc/>
    protected override void ResetKernel() => _compressor.Reset();

    /// <inheritdoc/>
    protected override void SettleKernel() => _compressor.RtSettle();

    /// <inheritdoc/>
    protected override void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix)
    {
        var f = ProcessingField.Compressor;
        Action<double>[] setters = [_compressor.RtSetThresholdDb, _compressor.RtSetRatio, _compressor.RtSetKneeDb, _compressor.RtSetAttackMs,
            _compressor.RtSetReleaseMs, _compressor.RtSetMakeupDb, _compressor.RtSetSidechainHighPassHz];
        for (int k = 0; k < f.Count; k++) parameters[prefix + f[k].Name] = Clamped(f[k], setters[k]);
        parameters[prefix + ProcessingField.Detection.Name] =
            new RtAction(v => _compressor.RtSetDetection(v >= 0.5 ? DynamicsDetection.Rms : DynamicsDetection.Peak));
    }
}

/// <summary>
/// The strip's look-ahead true-peak limiter (<c>dyn/limiter</c>) around <see cref="TruePeakLimiter"/>, linked over the
/// strip's channels; its look-ahead is the strip's latency whether enabled or bypassed. Thread rules as <see cref="StripKernel"/>.
/// </summary>
public sealed class LimiterProcessor : StripKernel
{
    private readonly TruePeakLimiter _limiter;

    /// <summary>Prepares the limiter at the session settings; control side.</summary>
    public LimiterProcessor(LimiterSettings s, ProcessSpec spec) : this(Prepared(s, spec), s, spec)
    {
    }

    private LimiterProcessor(TruePeakLimiter limiter, LimiterSettings s, ProcessSpec spec)
        : base("dyn/limiter", s.Enabled, spec.Channels, spec.MaxBlockSize, limiter.LatencySamples)
    {
        _limiter = limiter;
    }

    /// <inheritdoc/>
    public override double GainReductionDb => _limiter.GainReductionDb;

    /// <inheritdoc/>
    protected override void RtProcessKernel(double[][] channels, int count, double[][]? key) => _limiter.RtProcess(channels, count);

    /// <inheritdoc/>
    protected override void ResetKernel() => _limiter.Reset();

    /// <inheritdoc/>
    protected override void SettleKernel() => _limiter.RtSettle();

    /// <inheritdoc/>
    protected override void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix)
    {
        var f = ProcessingField.Limiter;
        parameters[prefix + f[0].Name] = Clamped(f[0], _limiter.RtSetCeilingDb);
        parameters[prefix + f[1].Name] = Clamped(f[1], _limiter.RtSetReleaseMs);
    }

    private static TruePeakLimiter Prepared(LimiterSettings s, ProcessSpec spec)
    {
        var limiter = new TruePeakLimiter();
        limiter.SetLookaheadMs(s.LookaheadMs);
        limiter.RtSetCeilingDb(s.CeilingDb);
        limiter.RtSetReleaseMs(s.ReleaseMs);
        limiter.Prepare(spec);
        return limiter;
    }
}
