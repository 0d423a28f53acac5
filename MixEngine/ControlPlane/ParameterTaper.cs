using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// Maps between a parameter's natural value and a 0..1 control position through its descriptor's taper ("linear",
/// "audioFader" per <see cref="FaderTaper"/>, "toggle"), and clamps values to the descriptor's range (switches to 0 or 1).
/// Pure; any thread; allocates nothing except the exception for an unknown taper.
/// </summary>
public static class ParameterTaper
{
    /// <summary>The value clamped to the descriptor's range; a switch becomes 1 for ≥ 0.5 and 0 below. <paramref name="value"/> must not be NaN.</summary>
    public static double Clamp(ParameterDescriptor descriptor, double value)
    {
        if (descriptor.Unit == ParameterUnit.Boolean) return value >= 0.5 ? 1.0 : 0.0;
        return Math.Clamp(value, descriptor.Minimum, descriptor.Maximum);
    }

    /// <summary>The natural value of control position <paramref name="position"/> (clamped to 0..1) through the descriptor's taper.</summary>
    public static double FromNormalized(ParameterDescriptor descriptor, double position)
    {
        position = Math.Clamp(position, 0.0, 1.0);
        return descriptor.Taper switch
        {
            "audioFader" => Clamp(descriptor, FaderTaper.ToDecibels(position)),
            "toggle" => position >= 0.5 ? 1.0 : 0.0,
            "linear" => descriptor.Minimum + position * (descriptor.Maximum - descriptor.Minimum),
            _ => throw UnknownTaper(descriptor),
        };
    }

    /// <summary>The control position 0..1 of a natural value through the descriptor's taper.</summary>
    public static double ToNormalized(ParameterDescriptor descriptor, double value)
    {
        return descriptor.Taper switch
        {
            "audioFader" => FaderTaper.ToPosition(value),
            "toggle" => value >= 0.5 ? 1.0 : 0.0,
            "linear" => descriptor.Maximum > descriptor.Minimum
                ? Math.Clamp((value - descriptor.Minimum) / (descriptor.Maximum - descriptor.Minimum), 0.0, 1.0)
                : 0.0,
            _ => throw UnknownTaper(descriptor),
        };
    }

    private static ArgumentException UnknownTaper(ParameterDescriptor descriptor) =>
        new($"parameter '{descriptor.Address}' has unknown taper '{descriptor.Taper}'; expected linear, audioFader or toggle", nameof(descriptor));
}
