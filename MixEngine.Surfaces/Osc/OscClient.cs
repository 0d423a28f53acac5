using System.Net;

namespace MixEngine.Surfaces.Osc;

/// <summary>What a listener remembers about one remote client: its address, whether the allow-list admits it, and its rate limit. Receive thread only.</summary>
internal sealed record OscClient(IPEndPoint EndPoint, bool Allowed, OscRateLimit Limit)
{
    /// <summary>Messages in a packet (a bundle counts its messages, at any depth).</summary>
    public static int MessageCount(OscPacket packet) => packet switch
    {
        OscBundle b => b.Elements.Sum(MessageCount),
        _ => 1,
    };
}
