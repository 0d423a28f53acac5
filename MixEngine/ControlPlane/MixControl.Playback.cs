namespace MixEngine.ControlPlane;

/// <summary>What a control shows: the engine's played automation values over the value board.</summary>
public sealed partial class MixControl
{
    /// <inheritdoc/>
    public double GetShownValue(ParameterHandle parameter)
    {
        DescriptorOf(parameter);
        return Shown(parameter.Slot);
    }

    /// <inheritdoc/>
    public double GetShownNormalized(ParameterHandle parameter) => ParameterTaper.ToNormalized(DescriptorOf(parameter), Shown(parameter.Slot));

    private double Shown(int slot)
    {
        double played = _engine.Played.Value(slot);
        return double.IsNaN(played) ? _values.Value(slot) : played;
    }
}
