using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The session's markers as last changed, with who changed them and how; published to every feedback subscriber when
/// it changes (<see cref="IFeedbackSubscriber.OnMarkers"/>). Immutable; any thread.
/// </summary>
/// <param name="Markers">The markers in timeline order.</param>
/// <param name="ChangedBy">The client that made the newest change (<see cref="ControlClientId.None"/> for a load or a session edit).</param>
/// <param name="Action">What changed: <c>add</c>, <c>change</c>, <c>remove</c>, <c>replace</c> (a session edit's markers), <c>undo add</c> / <c>redo remove</c> (the step undone or redone), <c>session</c> (a load, or an install that replaced them) or <c>start</c>.</param>
/// <param name="Version">Increases with every change.</param>
public sealed record MarkerState(MarkerList Markers, ControlClientId ChangedBy, string Action, long Version);
