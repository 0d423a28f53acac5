namespace MixEngine.ControlPlane;

/// <summary>
/// Receives feedback from an <see cref="IFeedbackHub"/>. Called on the hub's thread, one call at a time per subscriber:
/// implementations must return quickly (hand off to their own loop or socket) and must not block; an exception thrown
/// by a callback is logged by the hub and the subscriber keeps receiving.
/// </summary>
public interface IFeedbackSubscriber
{
    /// <summary>A parameter's newest value since the last delivery to this subscriber; hub thread.</summary>
    void OnParameterChanged(in ParameterChange change);

    /// <summary>A control was touched or released; delivered without rate limiting (touches are rare and must not be lost); hub thread.</summary>
    void OnTouchChanged(in TouchChange change);

    /// <summary>
    /// The automation mode of a strip or parameter changed; delivered without rate limiting, and once for every strip and
    /// every parameter with its own mode when the subscription starts. Subscribers that show no modes need not implement
    /// it. Hub thread.
    /// </summary>
    void OnAutomationModeChanged(in AutomationModeChange change)
    {
    }

    /// <summary>The transport moved or changed state, at most at the declared transport rate; hub thread.</summary>
    void OnTransport(in TransportSnapshot transport);

    /// <summary>
    /// Meter readings at the declared meter rate; <paramref name="meters"/> is valid only during the call (the hub reuses
    /// it), so copy what you keep. Hub thread.
    /// </summary>
    void OnMeters(IMeterReadings meters);

    /// <summary>The monitor section changed (also delivered once on subscribing); a subscriber without a monitor display keeps this default, which ignores it. Hub thread.</summary>
    void OnMonitor(MonitorState monitor)
    {
    }

    /// <summary>
    /// The markers changed (added, changed, removed, undone, replaced by a session edit), to every subscriber including
    /// the client that changed them; also delivered once on subscribing. A subscriber that shows no markers keeps this
    /// default, which ignores it. Hub thread.
    /// </summary>
    void OnMarkers(MarkerState markers)
    {
    }

    /// <summary>The record arms changed (also delivered once on subscribing); a subscriber without arm keys keeps this default, which ignores it. Hub thread.</summary>
    void OnRecordArm(RecordArmState arms)
    {
    }
}
