using MixEngine.Automation;

namespace MixEngine.ControlPlane;

/// <summary>
/// The automation mode of a strip or of one parameter changed (set by a client, or switched by the engine after a
/// Write pass). Immutable value; delivered on the feedback hub's thread.
/// </summary>
/// <param name="Target">The strip (<c>track/DX 1</c>) or, for a parameter, its address, in name form.</param>
/// <param name="Parameter">The parameter whose own mode changed, or null for a strip's mode.</param>
/// <param name="Mode">The new mode; null when a parameter's own mode was cleared (it follows its strip again).</param>
/// <param name="Source">The client that made the change (<see cref="ControlClientId.None"/> for the engine).</param>
public readonly record struct AutomationModeChange(string Target, ParameterHandle? Parameter, AutomationModeSetting? Mode, ControlClientId Source);
