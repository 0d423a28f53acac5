namespace MixEngine.ControlPlane;

/// <summary>
/// Who made a change: one id per registered client (a surface, a gRPC peer, the CLI, automation), used to own touches
/// and to let a client recognise its own echo in feedback. <see cref="None"/> marks changes made by the engine itself
/// (automation playback, session load). Immutable value; any thread.
/// </summary>
/// <param name="Value">The id, unique while the client is registered; 0 is <see cref="None"/>.</param>
public readonly record struct ControlClientId(int Value)
{
    /// <summary>No client: the engine itself.</summary>
    public static readonly ControlClientId None = new(0);
}
