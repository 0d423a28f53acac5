using System.Diagnostics;
using System.Net;

namespace MixEngine.Surfaces.Osc;

/// <summary>What a listener remembers about one remote client (its address, whether the allow-list admits it, its rate limit) and how its packets are taken in. Receive thread only.</summary>
internal sealed record OscClient(IPEndPoint EndPoint, bool Allowed, OscRateLimit Limit)
{
    /// <summary>
    /// Decodes one received packet and hands it on if it is valid OSC and within this client's rate; counts every
    /// outcome. Receive thread of the listener that owns the client.
    /// </summary>
    public void Deliver(ReadOnlySpan<byte> bytes, IOscPacketHandler handler, OscListenerCounters counters)
    {
        OscPacket packet;
        try { packet = OscCodec.Decode(bytes); }
        catch (OscFormatException fault)
        {
            Malformed(fault, handler, counters);
            return;
        }
        if (!Limit.TryTake(Stopwatch.GetTimestamp(), MessageCount(packet)))
        {
            counters.CountRateLimited();
            return;
        }
        counters.CountPacket();
        handler.OnPacket(packet, EndPoint);
    }

    /// <summary>Counts and reports a packet or frame that is not valid OSC.</summary>
    public void Malformed(OscFormatException fault, IOscPacketHandler handler, OscListenerCounters counters)
    {
        counters.CountMalformed();
        handler.OnMalformed(fault, EndPoint);
    }

    /// <summary>Messages in a packet (a bundle counts its messages, at any depth).</summary>
    public static int MessageCount(OscPacket packet) => packet switch
    {
        OscBundle b => b.Elements.Sum(MessageCount),
        _ => 1,
    };
}
