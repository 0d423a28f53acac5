using System.Net;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Where a surface sends its replies and feedback for a client that reached it through one listener: the UDP socket
/// (to the client's address and reply port) or the client's TCP connection (in its framing). Any thread; a send that
/// fails is dropped (feedback is refreshed, never queued).
/// </summary>
public interface IOscReplyTransport
{
    /// <summary>True for connection transports, whose replies always use the connection (the reply port is ignored).</summary>
    bool IsConnection { get; }

    /// <summary>Sends one encoded packet to <paramref name="client"/>; false when it could not be sent.</summary>
    bool Send(ReadOnlySpan<byte> packet, IPEndPoint client);
}
