namespace MixEngine.ControlPlane;

/// <summary>
/// Fans state out to control clients: parameter and touch changes made by any client (or automation), the transport
/// and meters, each at the rate a subscriber declares. The hub reads the audio thread's lock-free snapshots on its own
/// thread and coalesces per subscriber: a subscriber that is slow or asks for a low rate gets the newest value of each
/// parameter, never a backlog, so memory stays bounded.
/// <para>Thread rules: <see cref="Subscribe"/> and disposing the returned subscription may be called from any control
/// thread; callbacks of one subscriber are never concurrent with each other and never run on the audio thread.</para>
/// </summary>
public interface IFeedbackHub
{
    /// <summary>
    /// Starts delivering to <paramref name="subscriber"/> at <paramref name="rates"/>; first delivers every current
    /// parameter value and the transport once (so a new surface starts in sync). Dispose the result to stop. Any control thread.
    /// </summary>
    IDisposable Subscribe(IFeedbackSubscriber subscriber, FeedbackRates rates);
}
