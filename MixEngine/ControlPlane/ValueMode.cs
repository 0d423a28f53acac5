namespace MixEngine.ControlPlane;

/// <summary>How <see cref="IMixControl.SetParameter(ControlClientId, ParameterHandle, double, ValueMode)"/> reads its value.</summary>
public enum ValueMode
{
    /// <summary>The value in the parameter's natural unit (dB, position, fraction, 0/1 for switches).</summary>
    Absolute,

    /// <summary>A control position 0..1 mapped through the descriptor's taper (audioFader, linear, toggle).</summary>
    Normalized,

    /// <summary>An offset in the natural unit added to the current value (an encoder turn, a nudge); for switches any non-zero offset toggles.</summary>
    Relative,
}
