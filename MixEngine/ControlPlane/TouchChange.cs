namespace MixEngine.ControlPlane;

/// <summary>
/// A control was touched or released by a client (so motor faders of other surfaces hold still and automation knows who
/// writes). Immutable value; delivered on the hub's thread.
/// </summary>
/// <param name="Parameter">Which parameter.</param>
/// <param name="Touched">True when touched, false when released.</param>
/// <param name="Source">The client that touched or released it.</param>
public readonly record struct TouchChange(ParameterHandle Parameter, bool Touched, ControlClientId Source);
