namespace MixEngine.ControlPlane;

/// <summary>
/// How a <see cref="FeedbackHub"/> runs. Immutable; control side.
/// </summary>
/// <param name="Tick">How often the hub's thread wakes to look for changes, drain stamped moves and deliver what is due (the shortest effective feedback interval).</param>
/// <param name="OwnThread">True (default) to run the hub on its own background thread; false when the owner calls <see cref="FeedbackHub.Pump"/> itself (tests, single-threaded hosts).</param>
/// <param name="OnSubscriberError">Called on the hub's thread when a subscriber's or move sink's callback throws (the name, the exception); the hub keeps delivering. Null ignores errors.</param>
public sealed record FeedbackHubOptions(TimeSpan Tick, bool OwnThread = true, Action<string, Exception>? OnSubscriberError = null)
{
    /// <summary>A 5 ms tick on the hub's own thread.</summary>
    public static readonly FeedbackHubOptions Default = new(TimeSpan.FromMilliseconds(5));
}
