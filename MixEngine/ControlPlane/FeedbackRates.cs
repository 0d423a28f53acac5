namespace MixEngine.ControlPlane;

/// <summary>
/// How often a subscriber wants each kind of feedback, as a shortest interval between deliveries; changes in between are
/// coalesced to the newest value. <see cref="TimeSpan.Zero"/> means as soon as the hub sees the change;
/// <see cref="Never"/> turns a kind off. Which client the subscriber belongs to lets it skip its own echo. Immutable; any thread.
/// </summary>
/// <param name="Name">The subscriber's name for logs ("osc 10.0.0.5:9000", "mcu main").</param>
/// <param name="Parameters">Shortest interval between parameter deliveries (a surface: 20–40 ms).</param>
/// <param name="Transport">Shortest interval between transport deliveries (a timecode display: one frame, ~40 ms).</param>
/// <param name="Meters">Shortest interval between meter deliveries (a meter bridge: 30–100 ms).</param>
/// <param name="Client">The client this subscriber speaks for; its own changes are skipped unless <paramref name="EchoOwnChanges"/>.</param>
/// <param name="EchoOwnChanges">True to also receive changes this client made (e.g. to confirm a clamped value).</param>
public sealed record FeedbackRates(
    string Name,
    TimeSpan Parameters,
    TimeSpan Transport,
    TimeSpan Meters,
    ControlClientId Client,
    bool EchoOwnChanges = false)
{
    /// <summary>
    /// Shortest interval between deliveries of values automation plays (<see cref="ParameterOrigin.Played"/>) when longer
    /// than <see cref="Parameters"/>, which applies otherwise: a stream that need not move faders smoothly (an event log)
    /// sets it to keep a long Read pass from flooding it. Default zero (the parameter interval alone).
    /// </summary>
    public TimeSpan PlayedAutomation { get; init; } = TimeSpan.Zero;

    /// <summary>An interval that turns a kind of feedback off.</summary>
    public static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;

    /// <summary>Typical surface rates: parameters every 20 ms, transport every 40 ms, meters every 50 ms.</summary>
    public static FeedbackRates Surface(string name, ControlClientId client) =>
        new(name, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(50), client);
}
