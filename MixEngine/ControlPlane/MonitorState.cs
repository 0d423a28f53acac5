namespace MixEngine.ControlPlane;

/// <summary>
/// The monitor section as the control side set it: solo mode, source, listened strips, dim and mono check. Published to
/// every feedback subscriber when it changes. Immutable; any thread.
/// </summary>
/// <param name="SoloMode">What solo does (<see cref="ControlPlane.SoloMode"/>).</param>
/// <param name="Source">Bus id the monitor plays when nothing is listened to (the printmaster by default).</param>
/// <param name="SourceName">That bus's name.</param>
/// <param name="Listening">Strips listened to in AFL/PFL, as strip addresses (<c>track/DX 1</c>, <c>bus/FX</c>), in the order they were soloed.</param>
/// <param name="Dimmed">True while the monitor is dimmed.</param>
/// <param name="DimDb">The dim level in dB (−80 … 0).</param>
/// <param name="Mono">True while the monitor folds its full-range channels to mono.</param>
/// <param name="ChangedBy">The client that made the newest change (<see cref="ControlClientId.None"/> at start).</param>
/// <param name="Version">Increases with every change.</param>
public sealed record MonitorState(SoloMode SoloMode, string Source, string SourceName, IReadOnlyList<string> Listening, bool Dimmed, double DimDb,
    bool Mono, ControlClientId ChangedBy, long Version);
