using MixEngine.Dsp;
using MixEngine.Dsp.Dynamics;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>The strip's de-esser (<c>dyn/deesser</c>) around <see cref="DeEsser"/>, linked over the strip's channels. Thread rules as <see cref="StripKernel"/>.</summary>
public sealed class DeEsserProcessor : StripKernel
{
    private readonly DeEsser _deEsser = new();

    /// <summary>Prepares the de-esser at the session settings; control side.</summary>
    public DeEsserProcessor(DeEsserSettings s, ProcessSpec spec) : base("dyn/deesser", s.Enabled, spec.Channels, spec.MaxBlockSize, 0)
    {
        _deEsser.Prepare(spec);
        _deEsser.RtSetFrequencyHz(s.FrequencyHz);
        _deEsser.RtSetThresholdDb(s.ThresholdDb);
        _deEsser.RtSetRangeDb(s.RangeDb);
        _deEsser.RtSetQ(s.Q);
        _deEsser.RtSetRatio(s.Ratio);
        _deEsser.RtSetAttackMs(s.AttackMs);
        _deEsser.RtSetReleaseMs(s.ReleaseMs);
        _deEsser.Reset();
    }

    /// <inheritdoc/>
    public override double GainReductionDb => _deEsser.GainReductionDb;

    /// <inheritdoc/>
    protected override void RtProcessKernel(double[][] channels, int count, double[][]? key) => _deEsser.RtProcess(channels, count);

    /// <inheritdoc/>
    protected override void ResetKernel() => _deEsser.Reset();

    /// <inheritdoc/>
    protected override void SettleKernel() => _deEsser.RtSettle();

    /// <inheritdoc/>
    protected override void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix)
    {
        var f = ProcessingField.DeEsser;
        Action<double>[] setters = [_deEsser.RtSetFrequencyHz, _deEsser.RtSetThresholdDb, _deEsser.RtSetRangeDb, _deEsser.RtSetQ,
            _deEsser.RtSetRatio, _deEsser.RtSetAttackMs, _deEsser.RtSetReleaseMs];
        for (int k = 0; k < f.Count; k++) parameters[prefix + f[k].Name] = Clamped(f[k], setters[k]);
    }
}
