using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// One accepted OSC TCP connection: detects its framing from the first byte, feeds the matching decoder from its read
/// loop, and frames replies the same way. Reads on one loop; sends from any thread (serialised).
/// </summary>
internal sealed class OscTcpConnection : IOscFrameSink
{
    private readonly Socket _socket;
    private readonly OscListenerOptions _options;
    private readonly OscTcpListener _owner;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private OscSlipFraming? _slip;
    private OscLengthPrefixFraming? _lengthPrefix;

    public OscTcpConnection(Socket socket, IPEndPoint remote, OscListenerOptions options, OscTcpListener owner)
    {
        _socket = socket;
        _options = options;
        _owner = owner;
        Client = new OscClient(remote, Allowed: true,
            new OscRateLimit(options.MessagesPerSecondPerClient, options.BurstPerClient, Stopwatch.GetTimestamp(), Stopwatch.Frequency));
    }

    public OscClient Client { get; }

    /// <summary>True once the first byte showed SLIP framing.</summary>
    public bool UsesSlip => _slip is not null;

    public async Task ReadLoop(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            int n;
            try { n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (n == 0) return;
            if (_slip is null && _lengthPrefix is null)
            {
                if (buffer[0] == OscSlipFraming.End) _slip = new OscSlipFraming(_options.MaxPacketBytes);
                else _lengthPrefix = new OscLengthPrefixFraming(_options.MaxPacketBytes);
            }
            if (_slip is not null) _slip.Push(buffer.AsSpan(0, n), this);
            else
            {
                _lengthPrefix!.Push(buffer.AsSpan(0, n), this);
                if (_lengthPrefix.Faulted) return;
            }
        }
    }

    public async Task SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        int length = UsesSlip ? OscSlipFraming.GetEncodedLength(packet.Span) : packet.Length + 4;
        var frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (UsesSlip) OscSlipFraming.Encode(packet.Span, frame);
            else OscLengthPrefixFraming.Encode(packet.Span, frame);
            await _sending.WaitAsync(cancellationToken);
            try { await _socket.SendAsync(frame.AsMemory(0, length), SocketFlags.None, cancellationToken); }
            finally { _sending.Release(); }
        }
        finally { ArrayPool<byte>.Shared.Return(frame); }
    }

    public void Close() => _socket.Dispose();

    public void OnFrame(ReadOnlySpan<byte> packet) => _owner.Deliver(packet, Client);

    public void OnMalformed(OscFormatException fault) => _owner.Malformed(fault, Client);
}
