namespace MixEngine.Surfaces.Midi;

/// <summary>
/// A MIDI port whose far end joins and leaves while the port stays open (an RTP-MIDI session: a surface that is
/// power-cycled, or a network bridge that reconnects). A surface bound to it treats a join as the unit coming online
/// (it gets its whole state) and a leave as the unit going offline (its touches end, nothing is sent to it).
/// <see cref="ConnectionChanged"/> is raised on the port's own threads, never under a lock of the port.
/// </summary>
public interface IMidiSessionPort : IMidiPort
{
    /// <summary>True while a peer is connected (sends reach it); any thread.</summary>
    bool IsConnected { get; }

    /// <summary>Raised with true when a peer joins and false when it leaves (BY, silence past the timeout, or replaced).</summary>
    event EventHandler<bool>? ConnectionChanged;
}
