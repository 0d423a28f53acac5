namespace MixEngine.ControlPlane;

/// <summary>
/// A parameter changed: published by the feedback hub to every subscriber (including the other clients), at most once
/// per subscriber interval with the newest value: the value a control shows, which is what automation plays while a lane
/// plays the parameter (<see cref="ParameterOrigin.Played"/>), else the newest value a client set. Immutable value; delivered on the hub's thread.
/// </summary>
/// <param name="Parameter">Which parameter (address and descriptor).</param>
/// <param name="Value">The new value in the natural unit.</param>
/// <param name="Normalized">The new value as a 0..1 control position through the descriptor's taper.</param>
/// <param name="Source">The client that made the change (<see cref="ControlClientId.None"/> for automation or the engine).</param>
/// <param name="Origin">Whether the value was set by a client or is what automation plays (then <paramref name="Source"/> is <see cref="ControlClientId.None"/>; show it, never set it back).</param>
public readonly record struct ParameterChange(ParameterHandle Parameter, double Value, double Normalized, ControlClientId Source, ParameterOrigin Origin = ParameterOrigin.Set);
