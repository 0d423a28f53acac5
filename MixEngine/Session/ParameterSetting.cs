namespace MixEngine.Session;

/// <summary>A parameter's descriptor and its current value in a session (switches as 0 or 1, levels in dB).</summary>
/// <param name="Descriptor">What the parameter is.</param>
/// <param name="Value">Its value in the session.</param>
public sealed record ParameterSetting(ParameterDescriptor Descriptor, double Value);
