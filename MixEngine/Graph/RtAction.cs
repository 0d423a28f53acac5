namespace MixEngine.Graph;

/// <summary>
/// A live parameter that forwards its value to one setter of a node (a gain stage's fader, a switch read as ≥ 0.5 = on).
/// The delegate is bound when the plan is built and must itself obey the audio-thread rules.
/// </summary>
/// <param name="setter">What setting the parameter does; runs on the driver thread between blocks.</param>
public sealed class RtAction(Action<double> setter) : IRtParameter
{
    /// <summary>Forwards <paramref name="value"/> to the setter. Driver thread, between blocks.</summary>
    public void RtSet(double value) => setter(value);
}
