namespace MixEngine.Session;

/// <summary>
/// The parameters of a strip's inserted processing, for <see cref="ParameterCatalog"/>: per EQ band <c>eq/&lt;n&gt;/enabled</c>,
/// <c>frequency</c> and, where the type has them, <c>gain</c> and <c>q</c> (n from 1); per inserted dynamics section
/// <c>dyn/gate/…</c>, <c>dyn/comp/…</c> (with <c>detection</c>), <c>dyn/deesser/…</c> and <c>dyn/limiter/…</c>, each with
/// <c>enabled</c>. Structural settings (order, band type and slope, limiter look-ahead, compressor key) are not parameters:
/// changing them is a session edit. Control side.
/// </summary>
internal static class ProcessingParameters
{
    /// <summary>Appends the processing parameters of the strip <paramref name="name"/> in address order.</summary>
    public static void Add(List<ParameterSetting> list, ParameterScope scope, string name, StripProcessing p)
    {
        void Add(string parameter, ProcessingField f, double value) =>
            list.Add(new ParameterSetting(new ParameterDescriptor(ParameterAddress.ByName(scope, name, parameter), f.Unit, f.Minimum, f.Maximum,
                f.Default, f.Unit is ParameterUnit.Boolean or ParameterUnit.Enum ? "toggle" : "linear", f.Automatable, false), value));

        for (int i = 0; i < p.Eq.Count; i++)
        {
            var band = p.Eq[i];
            string prefix = $"eq/{i + 1}/";
            Add(prefix + "enabled", ProcessingField.Enabled, band.Enabled ? 1 : 0);
            Add(prefix + "frequency", ProcessingField.EqFrequency, band.FrequencyHz);
            if (band.HasGain) Add(prefix + "gain", ProcessingField.EqGain, band.GainDb);
            if (band.HasQ) Add(prefix + "q", ProcessingField.EqQ, band.Q);
        }
        if (p.Gate is { } g)
            Section("dyn/gate/", g.Enabled, ProcessingField.Gate, [g.ThresholdDb, g.RangeDb, g.Ratio, g.AttackMs, g.HoldMs, g.ReleaseMs, g.HysteresisDb]);
        if (p.Compressor is { } c)
        {
            Section("dyn/comp/", c.Enabled, ProcessingField.Compressor,
                [c.ThresholdDb, c.Ratio, c.KneeDb, c.AttackMs, c.ReleaseMs, c.MakeupDb, c.SidechainHighPassHz]);
            Add("dyn/comp/detection", ProcessingField.Detection, (int)c.Detection);
        }
        if (p.DeEsser is { } d) Section("dyn/deesser/", d.Enabled, ProcessingField.DeEsser, [d.FrequencyHz, d.ThresholdDb, d.RangeDb, d.Q, d.Ratio, d.AttackMs, d.ReleaseMs]);
        if (p.Limiter is { } l) Section("dyn/limiter/", l.Enabled, ProcessingField.Limiter, [l.CeilingDb, l.ReleaseMs]);

        void Section(string prefix, bool enabled, IReadOnlyList<ProcessingField> fields, double[] values)
        {
            Add(prefix + "enabled", ProcessingField.Enabled, enabled ? 1 : 0);
            for (int k = 0; k < fields.Count; k++) Add(prefix + fields[k].Name, fields[k], values[k]);
        }
    }
}
