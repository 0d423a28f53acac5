using System.Net;
using System.Net.Sockets;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;
using static MixEngine.Tests.Surfaces.Osc.OscUdpListenerTests;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscTcpListenerTests
{
    private static readonly OscListenerOptions Loopback = new() { Port = 0 };

    private static byte[] Slip(byte[] packet)
    {
        var frame = new byte[OscSlipFraming.GetEncodedLength(packet)];
        OscSlipFraming.Encode(packet, frame);
        return frame;
    }

    private static byte[] Prefixed(byte[] packet)
    {
        var frame = new byte[packet.Length + 4];
        OscLengthPrefixFraming.Encode(packet, frame);
        return frame;
    }

    private static async Task<byte[]> ReadExactly(NetworkStream stream, int count)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return bytes;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_connection_is_served_in_the_framing_its_first_byte_shows(bool slip)
    {
        var handler = new QueueHandler();
        await using var listener = OscTcpListener.Start(Loopback, handler);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint);
        var stream = client.GetStream();
        // A blob holding C0 and DB exercises the SLIP escapes in both directions.
        var message = new OscMessage("/strip/name", OscArgument.Int32(2), OscArgument.Blob([0xC0, 0xDB, 0x01]));
        var packet = OscCodec.Encode(message);
        var frame = slip ? Slip(packet) : Prefixed(packet);

        await stream.WriteAsync(frame.AsMemory(0, 3));
        await stream.WriteAsync(frame.AsMemory(3));
        Assert.True(handler.Packets.TryTake(out var received, 10_000));
        Assert.True(await listener.SendAsync(packet, received.Client));
        var reply = await ReadExactly(stream, frame.Length);

        Assert.Equal(message, received.Packet);
        Assert.Equal(frame, reply);
    }

    [Fact]
    public async Task A_bad_SLIP_frame_is_counted_and_the_connection_carries_on()
    {
        var handler = new QueueHandler();
        await using var listener = OscTcpListener.Start(Loopback, handler);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint);

        byte[] bytes = [.. Slip(Convert.FromHexString("2F6100002C780000")), .. Slip(OscCodec.Encode(new OscMessage("/ok")))];
        await client.GetStream().WriteAsync(bytes);

        Assert.True(handler.Packets.TryTake(out var ok, 10_000));
        Assert.Equal(new OscMessage("/ok"), ok.Packet);
        Assert.Equal(1, listener.Counters.Malformed);
    }

    [Fact]
    public async Task A_bad_length_prefix_closes_the_connection()
    {
        var handler = new QueueHandler();
        await using var listener = OscTcpListener.Start(Loopback, handler);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint);
        var stream = client.GetStream();

        await stream.WriteAsync(Convert.FromHexString("00000007"));
        int n = await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, n);
        Assert.True(handler.Faults.TryTake(out var fault, 10_000));
        Assert.Contains("length prefix 7", fault.Message);
    }

    [Fact]
    public async Task Connections_from_outside_the_allow_list_are_closed_and_counted()
    {
        await using var listener = OscTcpListener.Start(Loopback with { AllowedClients = [IPNetwork.Parse("10.0.0.0/8")] }, new QueueHandler());
        using var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint);

        int n = await client.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, n);
        Assert.Equal(1, listener.Counters.Refused);
    }

    [PeerFact("oscsend")]
    public async Task Oscsend_over_TCP_reaches_the_listener()
    {
        var handler = new QueueHandler();
        await using var listener = OscTcpListener.Start(Loopback, handler);

        var (exit, _, stderr) = PeerTools.Run("oscsend", $"osc.tcp://127.0.0.1:{listener.LocalEndPoint.Port}", "/transport_play", "if", "1", "0.25");

        Assert.True(exit == 0, stderr);
        Assert.True(handler.Packets.TryTake(out var received, 10_000), listener.Counters.ToString());
        Assert.Equal(new OscMessage("/transport_play", OscArgument.Int32(1), OscArgument.Float32(0.25f)), received.Packet);
    }

    [Fact]
    public async Task A_connection_the_client_closes_is_reported_to_the_handler_with_its_address()
    {
        var handler = new QueueHandler();
        await using var listener = OscTcpListener.Start(Loopback, handler);
        IPEndPoint local;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(listener.LocalEndPoint);
            local = (IPEndPoint)client.Client.LocalEndPoint!;
            await client.GetStream().WriteAsync(Prefixed(OscCodec.Encode(new OscMessage("/ping"))));
            Assert.True(handler.Packets.TryTake(out _, 10_000));
        }

        Assert.True(handler.Closed.TryTake(out var closed, 10_000));
        Assert.Equal(local.Port, closed.Port);
        Assert.False(await listener.SendAsync(new byte[4], closed)); // no longer connected
    }
}
