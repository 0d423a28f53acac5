using System.Net;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// One peer's stay in an <see cref="RtpMidiSession"/>: from its invitation (or ours) to BY, silence past the session's
/// peer timeout, or replacement by a new invitation from the same host. Holds the peer's ports, the initiator token,
/// whether the session is up and when the peer was last heard. Fields are read and written under the session's lock,
/// except the completion sources and the cancellation source, which are thread-safe.
/// </summary>
internal sealed class RtpMidiConnection(IPEndPoint control, uint token, bool initiator)
{
    /// <summary>The peer's control port.</summary>
    public IPEndPoint Control { get; } = control;

    /// <summary>The peer's data port, once known (its data-port invitation, or control + 1 when we invite).</summary>
    public IPEndPoint? Data { get; set; }

    /// <summary>The initiator token of the invitation that made this connection.</summary>
    public uint Token { get; } = token;

    /// <summary>True when we invited the peer (we run the periodic clock sync).</summary>
    public bool Initiator { get; } = initiator;

    /// <summary>True once the session is up: after the data-port invitation (listener) or the first clock sync (initiator).</summary>
    public bool Up { get; set; }

    /// <summary>
    /// True when MIDI from the peer's data port is taken: once the session is up, and for the initiator already once the
    /// peer accepted the data-port invitation (the peer may send before our first clock sync completes).
    /// </summary>
    public bool Receives => Up || DataAccepted.Task.IsCompletedSuccessfully;

    /// <summary>When anything was last received from the peer, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    public long LastHeard { get; set; }

    /// <summary>The peer accepted our control-port invitation.</summary>
    public TaskCompletionSource ControlAccepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The peer accepted our data-port invitation.</summary>
    public TaskCompletionSource DataAccepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first clock sync completed.</summary>
    public TaskCompletionSource Synced { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the connection ends (stops its clock sync loop).</summary>
    public CancellationTokenSource Ended { get; } = new();

    /// <summary>True when <paramref name="sender"/> is this peer's host.</summary>
    public bool IsFrom(IPEndPoint sender) => sender.Address.Equals(Control.Address);

    /// <summary>Fails the pending invitation steps (the peer said NO).</summary>
    public void Reject(string message)
    {
        var error = new InvalidOperationException(message);
        ControlAccepted.TrySetException(error);
        DataAccepted.TrySetException(error);
        Synced.TrySetException(error);
    }
}
