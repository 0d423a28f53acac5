using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MixEngine.Surfaces.Osc;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscUdpListenerTests
{
    internal sealed class QueueHandler : IOscPacketHandler
    {
        public BlockingCollection<(OscPacket Packet, IPEndPoint Client)> Packets { get; } = [];
        public BlockingCollection<OscFormatException> Faults { get; } = [];
        public void OnPacket(OscPacket packet, IPEndPoint client) => Packets.Add((packet, client));
        public void OnMalformed(OscFormatException fault, IPEndPoint client) => Faults.Add(fault);
        public BlockingCollection<IPEndPoint> Closed { get; } = [];
        public void OnClosed(IPEndPoint client) => Closed.Add(client);
    }

    private static readonly OscListenerOptions Loopback = new() { Port = 0 };

    [Fact]
    public async Task A_datagram_from_an_allowed_client_is_decoded_and_the_reply_reaches_its_source_port()
    {
        var handler = new QueueHandler();
        await using var listener = OscUdpListener.Start(Loopback, handler);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var message = new OscMessage("/strip/fader", OscArgument.Int32(1), OscArgument.Float32(0.75f));

        await client.SendAsync(OscCodec.Encode(message), listener.LocalEndPoint);
        Assert.True(handler.Packets.TryTake(out var received, 10_000));
        await listener.SendAsync(OscCodec.Encode(new OscMessage("/strip/fader", OscArgument.Int32(1), OscArgument.Float32(0.75f))), received.Client);
        var reply = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(message, received.Packet);
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, received.Client.Port);
        Assert.Equal(message, OscCodec.Decode(reply.Buffer));
        Assert.Equal(listener.LocalEndPoint.Port, reply.RemoteEndPoint.Port);
        Assert.Equal(1, listener.Counters.Packets);
    }

    [Fact]
    public async Task Synchronous_replies_to_a_known_client_arrive_and_allocate_nothing_after_the_first()
    {
        // The feedback hub replies thousands of times a second (played automation moves every fader): a reply must not
        // serialise the endpoint anew each time. Exact 0 bytes on the sending thread after the first reply.
        var handler = new QueueHandler();
        await using var listener = OscUdpListener.Start(Loopback, handler);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endPoint = (IPEndPoint)client.Client.LocalEndPoint!;
        var packet = OscCodec.Encode(new OscMessage("/strip/gain", OscArgument.Int32(1), OscArgument.Float32(-3f)));

        Assert.True(listener.Send(packet, endPoint));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) listener.Send(packet, endPoint);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        for (int i = 0; i < 101; i++)
        {
            var reply = await client.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(packet, reply.Buffer);
        }
    }

    [Fact]
    public async Task Clients_outside_the_allow_list_are_dropped_and_counted()
    {
        var handler = new QueueHandler();
        await using var listener = OscUdpListener.Start(Loopback with { AllowedClients = [IPNetwork.Parse("10.0.0.0/8")] }, handler);
        using var client = new UdpClient();

        for (int i = 0; i < 3; i++) await client.SendAsync(OscCodec.Encode(new OscMessage("/a")), listener.LocalEndPoint);

        Assert.True(SpinWait.SpinUntil(() => listener.Counters.Refused == 3, 10_000), listener.Counters.ToString());
        Assert.Empty(handler.Packets);
    }

    [Fact]
    public async Task Malformed_datagrams_are_counted_reported_and_the_next_one_still_arrives()
    {
        var handler = new QueueHandler();
        await using var listener = OscUdpListener.Start(Loopback, handler);
        using var client = new UdpClient();

        await client.SendAsync(Convert.FromHexString("2F6100002C780000"), listener.LocalEndPoint);
        await client.SendAsync(OscCodec.Encode(new OscMessage("/ok")), listener.LocalEndPoint);

        Assert.True(handler.Packets.TryTake(out var ok, 10_000));
        Assert.Equal(new OscMessage("/ok"), ok.Packet);
        Assert.True(handler.Faults.TryTake(out var fault, 10_000));
        Assert.Equal(5, fault.ByteOffset);
        Assert.Equal(1, listener.Counters.Malformed);
    }

    [Fact]
    public async Task A_client_flooding_past_its_burst_is_rate_limited()
    {
        var handler = new QueueHandler();
        // 1 message per second sustained with a burst of 5: of 20 back-to-back messages 5 pass, plus at most one
        // refilled token if sending takes over a second on a loaded machine.
        await using var listener = OscUdpListener.Start(Loopback with { MessagesPerSecondPerClient = 1, BurstPerClient = 5 }, handler);
        using var client = new UdpClient();
        var bytes = OscCodec.Encode(new OscMessage("/strip/fader", OscArgument.Float32(0.5f)));

        for (int i = 0; i < 20; i++) await client.SendAsync(bytes, listener.LocalEndPoint);

        Assert.True(SpinWait.SpinUntil(() => listener.Counters.Packets + listener.Counters.RateLimited == 20, 10_000), listener.Counters.ToString());
        Assert.InRange(listener.Counters.Packets, 5, 6);
    }

    [Fact]
    public void Binding_a_port_in_use_names_the_address_and_port()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;

        var error = Assert.Throws<InvalidOperationException>(() => OscUdpListener.Start(Loopback with { Port = port }, new QueueHandler()));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }
}
