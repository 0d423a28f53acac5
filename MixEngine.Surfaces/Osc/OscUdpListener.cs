using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Receives OSC over UDP, one packet per datagram, and replies from the same socket (so clients that answer the
/// source port, as Ardour's "Auto" reply mode does, reach us). Each datagram is checked in order: sender in the
/// allow-list, size, valid OSC, sender within its message rate; what fails is dropped and counted in
/// <see cref="Counters"/>, never fatal. The listener's own thread blocks in a synchronous receive and calls the handler one
/// packet at a time (an asynchronous receive loop cost a wake of the runtime's socket thread and of a thread-pool worker
/// per datagram, on the cores the audio thread and its render workers use; docs/realtime.md, Threads); per-client
/// state is kept by socket address, so a known client costs no lookups that allocate. <see cref="SendAsync"/> and
/// <see cref="Send"/> may be called from any thread.
/// </summary>
public sealed class OscUdpListener : IAsyncDisposable, IOscReplyTransport
{
    private const int MaxClients = 1024;
    private readonly Socket _socket;
    private readonly OscListenerOptions _options;
    private readonly IOscPacketHandler _handler;
    private readonly Dictionary<SocketAddress, OscClient> _clients = [];
    // Each reply endpoint serialised once: sending to an IPEndPoint serialises it anew (two objects) for every datagram.
    private readonly Dictionary<IPEndPoint, SocketAddress> _replyAddresses = [];
    private readonly byte[] _buffer;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private OscUdpListener(OscListenerOptions options, IOscPacketHandler handler)
    {
        _options = options;
        _handler = handler;
        _buffer = new byte[options.MaxPacketBytes + 1];
        _socket = new Socket(options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(new IPEndPoint(options.BindAddress, options.Port));
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new InvalidOperationException($"OSC: cannot bind UDP {options.BindAddress}:{options.Port}: {e.Message}", e);
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "osc udp" };
        _thread.Start();
    }

    /// <summary>Binds and starts receiving; throws naming the address and port when the bind fails. Control thread.</summary>
    public static OscUdpListener Start(OscListenerOptions options, IOscPacketHandler handler) => new(options, handler);

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Packets handed on and dropped so far.</summary>
    public OscListenerCounters Counters { get; } = new();

    /// <summary>Sends an encoded packet to a client from the listening socket; any thread.</summary>
    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> packet, IPEndPoint client, CancellationToken cancellationToken = default) =>
        _socket.SendToAsync(packet, SocketFlags.None, client, cancellationToken);

    /// <inheritdoc/>
    public bool IsConnection => false;

    /// <summary>Sends an encoded packet to a client from the listening socket, synchronously (UDP never blocks for long); false when the socket refused it. Any thread.</summary>
    public bool Send(ReadOnlySpan<byte> packet, IPEndPoint client)
    {
        try
        {
            int sent = client.AddressFamily == _socket.AddressFamily
                ? _socket.SendTo(packet, SocketFlags.None, ReplyAddress(client))
                : _socket.SendTo(packet, SocketFlags.None, client);
            return sent == packet.Length;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private SocketAddress ReplyAddress(IPEndPoint client)
    {
        lock (_replyAddresses)
        {
            if (_replyAddresses.TryGetValue(client, out var address)) return address;
            if (_replyAddresses.Count >= MaxClients) _replyAddresses.Clear();
            address = client.Serialize();
            _replyAddresses[client] = address;
            return address;
        }
    }

    /// <summary>Stops receiving and closes the socket (which ends the blocked receive); waits for the listener's thread to end.</summary>
    public ValueTask DisposeAsync()
    {
        _stopping = true;
        _socket.Dispose();
        _thread.Join();
        return ValueTask.CompletedTask;
    }

    private void ReceiveLoop()
    {
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(_buffer, SocketFlags.None, from);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (_stopping) { return; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize) { continue; }
            Receive(from, length);
        }
    }

    private void Receive(SocketAddress from, int length)
    {
        if (!_clients.TryGetValue(from, out var client))
        {
            if (_clients.Count >= MaxClients) _clients.Clear();
            var endPoint = (IPEndPoint)new IPEndPoint(_options.BindAddress, 0).Create(from);
            client = new OscClient(endPoint, _options.Allows(endPoint.Address),
                new OscRateLimit(_options.MessagesPerSecondPerClient, _options.BurstPerClient, Stopwatch.GetTimestamp(), Stopwatch.Frequency));
            var key = new SocketAddress(from.Family, from.Size);
            from.Buffer.Span.CopyTo(key.Buffer.Span);
            _clients[key] = client;
        }
        if (!client.Allowed)
        {
            Counters.CountRefused();
            return;
        }
        if (length > _options.MaxPacketBytes)
            client.Malformed(new OscFormatException(_options.MaxPacketBytes, $"datagram larger than the {_options.MaxPacketBytes}-byte packet limit"), _handler, Counters);
        else client.Deliver(_buffer.AsSpan(0, length), _handler, Counters);
    }
}
