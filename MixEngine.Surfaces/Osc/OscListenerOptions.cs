using System.Net;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Where an OSC listener binds and whom it serves. Defaults: UDP/TCP port 3819 (Ardour's port, so existing layouts
/// work) on the loopback address, clients only from loopback, 500 messages per second per client with a burst of
/// 200. Set once before starting a listener; read on the receive thread.
/// </summary>
public sealed record OscListenerOptions
{
    /// <summary>The OSC port MixEngine listens on by default.</summary>
    public const int DefaultPort = 3819;

    /// <summary>Address to bind (loopback by default; <see cref="IPAddress.Any"/> to serve the network).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port to bind (0 picks a free port, for tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Client addresses or subnets allowed to send; packets from anyone else are dropped and counted.</summary>
    public IReadOnlyList<IPNetwork> AllowedClients { get; init; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Sustained messages per second one client may send (a bundle counts as one per element message).</summary>
    public double MessagesPerSecondPerClient { get; init; } = 500;

    /// <summary>Messages one client may send at once before the sustained rate applies.</summary>
    public double BurstPerClient { get; init; } = 200;

    /// <summary>Largest accepted packet; larger ones are dropped as malformed.</summary>
    public int MaxPacketBytes { get; init; } = 65_507;

    /// <summary>True when <paramref name="client"/> is inside one of <see cref="AllowedClients"/> (IPv4-mapped IPv6 counts as IPv4).</summary>
    public bool Allows(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        foreach (var network in AllowedClients)
            if (network.Contains(client)) return true;
        return false;
    }
}
