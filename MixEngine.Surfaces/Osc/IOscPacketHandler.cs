using System.Net;

namespace MixEngine.Surfaces.Osc;

/// <summary>Receives what an OSC listener accepted, on the listener's receive thread (one call at a time per listener, or per connection for TCP).</summary>
public interface IOscPacketHandler
{
    /// <summary>A valid packet from an allowed client within its rate.</summary>
    void OnPacket(OscPacket packet, IPEndPoint client);

    /// <summary>A dropped packet that was not valid OSC (already counted); for bounded-rate logging.</summary>
    void OnMalformed(OscFormatException fault, IPEndPoint client);

    /// <summary>A connection client (TCP) closed its connection, or was closed; nothing more comes from it. Connection listeners only.</summary>
    void OnClosed(IPEndPoint client);
}
