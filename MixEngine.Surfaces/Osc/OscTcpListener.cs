using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Receives OSC over TCP. Each connection's framing is detected from its first byte: C0 means SLIP (OSC 1.1),
/// anything else an int32 length prefix (OSC 1.0); replies use the same framing. Connections from outside the
/// allow-list are closed at once; malformed frames and rate-limited messages are dropped and counted (a bad length
/// prefix closes that connection, since the stream cannot be resynchronised). A closed connection is reported to the
/// handler (<see cref="IOscPacketHandler.OnClosed"/>) so its client can be unregistered. Each connection reads on its own
/// thread-pool loop; handler calls for one connection come one at a time, different connections may overlap.
/// <see cref="SendAsync"/> may be called from any thread.
/// </summary>
public sealed class OscTcpListener : IAsyncDisposable, IOscReplyTransport
{
    private readonly Socket _listener;
    private readonly OscListenerOptions _options;
    private readonly IOscPacketHandler _handler;
    private readonly ConcurrentDictionary<IPEndPoint, OscTcpConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private OscTcpListener(OscListenerOptions options, IOscPacketHandler handler)
    {
        _options = options;
        _handler = handler;
        _listener = new Socket(options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(options.BindAddress, options.Port));
            _listener.Listen(16);
        }
        catch (SocketException e)
        {
            _listener.Dispose();
            throw new InvalidOperationException($"OSC: cannot listen on TCP {options.BindAddress}:{options.Port}: {e.Message}", e);
        }
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    /// <summary>Binds, listens and starts accepting; throws naming the address and port when the bind fails. Control thread.</summary>
    public static OscTcpListener Start(OscListenerOptions options, IOscPacketHandler handler) => new(options, handler);

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Packets handed on and dropped so far, over all connections.</summary>
    public OscListenerCounters Counters { get; } = new();

    /// <summary>Sends an encoded packet to a connected client in that connection's framing; false when it is not connected. Any thread.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> packet, IPEndPoint client, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryGetValue(client, out var connection)) return false;
        await connection.SendAsync(packet, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public bool IsConnection => true;

    /// <summary>
    /// Queues a copy of an encoded packet for a connected client without waiting for the socket (a slow reader never
    /// blocks the caller; sends on one connection keep their order); false when it is not connected. Any thread.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> packet, IPEndPoint client)
    {
        if (!_connections.TryGetValue(client, out var connection)) return false;
        _ = connection.SendAsync(packet.ToArray(), _stop.Token).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        return true;
    }

    /// <summary>Stops accepting, closes every connection and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var c in _connections.Values) c.Close();
        try { await _acceptLoop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        var reads = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { break; }
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            if (!_options.Allows(remote.Address))
            {
                Counters.CountRefused();
                socket.Dispose();
                continue;
            }
            var connection = new OscTcpConnection(socket, remote, _options, this);
            _connections[remote] = connection;
            reads.RemoveAll(t => t.IsCompleted);
            reads.Add(Task.Run(async () =>
            {
                try { await connection.ReadLoop(_stop.Token); }
                finally
                {
                    _connections.TryRemove(remote, out _);
                    connection.Close();
                    _handler.OnClosed(remote);
                }
            }));
        }
        await Task.WhenAll(reads);
    }

    internal void Deliver(ReadOnlySpan<byte> frame, OscClient client) => client.Deliver(frame, _handler, Counters);

    internal void Malformed(OscFormatException fault, OscClient client) => client.Malformed(fault, _handler, Counters);
}
