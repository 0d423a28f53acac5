using MixEngine.Automation;
using MixEngine.Dsp;
using MixEngine.Dsp.Eq;
using MixEngine.Session;
using KernelBand = MixEngine.Dsp.Eq.EqBand;
using KernelBandType = MixEngine.Dsp.Eq.EqBandType;
using SessionBand = MixEngine.Session.EqBand;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The strip's EQ (<c>eq/&lt;n&gt;/…</c>) around one <see cref="ParametricEq"/> holding all its bands, every channel of the
/// strip filtered alike. Each band switches on and off by its own <c>enabled</c> (the kernel cross-morphs, no click);
/// frequency, gain and Q are live and glide inside the kernel; their automation lanes are followed by the kernel itself
/// (<see cref="IRtLaneFollower"/>, read at its control periods). Thread rules as <see cref="StripKernel"/>.
/// </summary>
public sealed class EqProcessor : StripKernel
{
    private readonly ParametricEq _eq = new();
    private readonly KernelBand[] _bands;
    private readonly SessionBand[] _settings;
    private readonly Action? _followed;

    /// <summary>
    /// Prepares the EQ with the session's <paramref name="bands"/>; <paramref name="followed"/> runs (control side) when
    /// a band first follows an automation lane, so the owner knows to pass block positions on. Control side.
    /// </summary>
    public EqProcessor(IReadOnlyList<SessionBand> bands, ProcessSpec spec, Action? followed = null) : base("eq", true, spec.Channels, spec.MaxBlockSize, 0)
    {
        _followed = followed;
        _settings = bands.ToArray();
        _bands = _settings.Select(ToKernel).ToArray();
        _eq.Prepare(spec);
        for (int i = 0; i < _bands.Length; i++) _eq.RtSetBand(i, _bands[i]);
        _eq.Reset();
    }

    /// <summary>The kernel holding all the strip's bands (a batch of strips may run it through <see cref="EqLanes"/>).</summary>
    internal ParametricEq Kernel => _eq;

    /// <inheritdoc/>
    protected override bool HasEnabledSwitch => false;

    /// <inheritdoc/>
    protected override void RtProcessKernel(double[][] channels, int count, double[][]? key) => _eq.RtProcess(channels, count);

    /// <inheritdoc/>
    protected override void ResetKernel() => _eq.Reset();

    /// <inheritdoc/>
    protected override void SettleKernel() => _eq.RtSettle();

    /// <inheritdoc/>
    public override void RtSetPosition(long position)
    {
        if (_eq.Following) _eq.RtSetPosition(position);
    }

    /// <inheritdoc/>
    protected override void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix)
    {
        for (int i = 0; i < _bands.Length; i++)
        {
            int index = i;
            string band = $"{prefix}{i + 1}/";
            parameters[band + ProcessingField.Enabled.Name] = new RtAction(v => RtSet(index, _bands[index] with { Enabled = v >= 0.5 }));
            parameters[band + ProcessingField.EqFrequency.Name] = new BandParameter(this, index, EqParameter.Frequency, ProcessingField.EqFrequency);
            if (_settings[i].HasGain) parameters[band + ProcessingField.EqGain.Name] = new BandParameter(this, index, EqParameter.Gain, ProcessingField.EqGain);
            if (_settings[i].HasQ) parameters[band + ProcessingField.EqQ.Name] = new BandParameter(this, index, EqParameter.Q, ProcessingField.EqQ);
        }
    }

    private void RtSet(int index, KernelBand band)
    {
        _bands[index] = band;
        _eq.RtSetBand(index, band);
    }

    // A band's frequency, gain or Q: set live (clamped to the field's range, NaN → default), or followed as a lane.
    private sealed class BandParameter(EqProcessor owner, int band, EqParameter parameter, ProcessingField field) : IRtLaneFollower
    {
        public void RtSet(double value)
        {
            double v = ClampTo(field, value);
            var current = owner._bands[band];
            owner.RtSet(band, parameter switch
            {
                EqParameter.Gain => current with { GainDb = v },
                EqParameter.Frequency => current with { FrequencyHz = v },
                _ => current with { Q = v },
            });
        }

        public void Follow(RtLaneCursor lane)
        {
            owner._eq.Follow(band, parameter, lane);
            owner._followed?.Invoke();
        }
    }

    private static KernelBand ToKernel(SessionBand b) =>
        new(Enum.Parse<KernelBandType>(b.Type.ToString()), b.FrequencyHz, b.GainDb, b.Q, b.SlopeDbPerOctave, b.Enabled);
}
