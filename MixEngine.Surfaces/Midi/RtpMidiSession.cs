using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// One RTP-MIDI (AppleMIDI) session with one peer over a UDP port pair (control N, data N+1; spec surfaces.md §5.1).
/// It either accepts the first invitation it receives (<see cref="Listen"/>) or invites a peer (<see cref="InviteAsync"/>:
/// IN/OK on both ports, then CK 0/1/2 clock sync on the data port, repeated every 10 s while it is the initiator).
/// It answers CK 0 with CK 1, ends on BY, and carries MIDI as RTP-MIDI without a recovery journal (J = 0), so a lost
/// packet is lost (LAN use). As an <see cref="IMidiPort"/> it hands received commands on as a plain MIDI stream.
/// Receive loops run on the thread pool; sends may come from any thread.
/// </summary>
public sealed class RtpMidiSession : IMidiPort
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(10);
    private readonly Socket _control;
    private readonly Socket _data;
    private readonly string _name;
    private readonly MidiChunkQueue _incoming = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _epoch = Stopwatch.GetTimestamp();
    private readonly TaskCompletionSource _controlAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _dataAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _controlLoop;
    private readonly Task _dataLoop;
    private IPEndPoint? _peerControl;
    private IPEndPoint? _peerData;
    private uint _token;
    private int _sequence;
    private long _syncCount;
    private long _latencyTicks100us = -1;
    private long _malformed;

    private RtpMidiSession(Socket control, Socket data, string name)
    {
        _control = control;
        _data = data;
        _name = name;
        Ssrc = (uint)Random.Shared.Next() | 1u;
        ControlEndPoint = (IPEndPoint)control.LocalEndPoint!;
        _controlLoop = Task.Run(() => ReceiveLoop(_control, isData: false));
        _dataLoop = Task.Run(() => ReceiveLoop(_data, isData: true));
    }

    /// <summary>Binds control port <paramref name="port"/> and data port + 1 (0 = any free pair) and waits for an invitation.</summary>
    public static RtpMidiSession Listen(string name, IPAddress bindAddress, int port = 5004)
    {
        for (int attempt = 0; ; attempt++)
        {
            var control = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var data = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                control.Bind(new IPEndPoint(bindAddress, port));
                data.Bind(new IPEndPoint(bindAddress, ((IPEndPoint)control.LocalEndPoint!).Port + 1));
                return new RtpMidiSession(control, data, name);
            }
            catch (SocketException e)
            {
                control.Dispose();
                data.Dispose();
                if (port != 0 || attempt >= 20)
                    throw new InvalidOperationException($"RTP-MIDI: cannot bind UDP {bindAddress}:{port} and the next port: {e.Message}", e);
            }
        }
    }

    /// <summary>Invites the peer whose control port is <paramref name="peerControl"/>; completes after the first clock sync.</summary>
    public async Task InviteAsync(IPEndPoint peerControl, TimeSpan timeout)
    {
        _peerControl = peerControl;
        _peerData = new IPEndPoint(peerControl.Address, peerControl.Port + 1);
        _token = (uint)Random.Shared.Next();
        var invitation = new AppleMidiCommand(AppleMidiCommandKind.Invitation, Ssrc, _token, _name).Encode();
        using var deadline = new CancellationTokenSource(timeout);
        await Retry(_control, invitation, _peerControl, _controlAccepted.Task, deadline.Token);
        await Retry(_data, invitation, _peerData, _dataAccepted.Task, deadline.Token);
        await Retry(_data, new AppleMidiCommand(AppleMidiCommandKind.ClockSync, Ssrc, Count: 0, Timestamp1: Now()).Encode(), _peerData, _synced.Task, deadline.Token);
        _ = Task.Run(SyncLoop);
    }

    /// <summary>The local control port's address (the data port is one above).</summary>
    public IPEndPoint ControlEndPoint { get; }

    /// <summary>Our synchronisation source id.</summary>
    public uint Ssrc { get; }

    /// <summary>The peer's name from its IN or OK, once known.</summary>
    public string? PeerName { get; private set; }

    /// <summary>Completes when the session is up: for the initiator after the first clock sync, for the listener after the data-port invitation.</summary>
    public Task Connected => _synced.Task;

    /// <summary>Completed clock synchronisations (CK 2 sent or received).</summary>
    public long ClockSyncCount => Interlocked.Read(ref _syncCount);

    /// <summary>Half the last measured round trip (initiator only), in 100 µs units; -1 before the first sync.</summary>
    public long LatencyHundredMicroseconds => Interlocked.Read(ref _latencyTicks100us);

    /// <summary>Session or data packets dropped as malformed.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>
    /// <c>rtpmidi:</c> and the local control port: stable from the start and unique in the process, so a surface binds
    /// the session to its unit before (and whichever) peer connects (see <see cref="Peer"/> for who is connected).
    /// </summary>
    public string Id => $"rtpmidi:{ControlEndPoint.Port}";

    /// <summary>The connected peer as <c>name@address:port</c> (its control port), or null before a session exists.</summary>
    public string? Peer => _peerControl is { } peer ? $"{PeerName ?? "?"}@{peer}" : null;

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var peer = _peerData ?? throw new InvalidOperationException("RTP-MIDI: no session yet (not invited and not accepted)");
        var packet = RtpMidiPayload.Encode((ushort)Interlocked.Increment(ref _sequence), (uint)Now(), Ssrc, bytes.Span);
        await _data.SendToAsync(packet, SocketFlags.None, peer, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _incoming.ReadAsync(buffer, cancellationToken);

    /// <summary>Sends BY to the peer (if any), closes both ports and ends reads.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_peerControl is not null)
        {
            try { await _control.SendToAsync(new AppleMidiCommand(AppleMidiCommandKind.End, Ssrc, _token).Encode(), SocketFlags.None, _peerControl); }
            catch (SocketException) { }
        }
        await _stop.CancelAsync();
        _control.Dispose();
        _data.Dispose();
        await Task.WhenAll(_controlLoop, _dataLoop);
        _incoming.Complete();
        _stop.Dispose();
    }

    private ulong Now() => (ulong)((Stopwatch.GetTimestamp() - _epoch) * 10_000 / Stopwatch.Frequency);

    private async Task Retry(Socket socket, byte[] packet, IPEndPoint peer, Task answered, CancellationToken deadline)
    {
        while (!answered.IsCompleted)
        {
            await socket.SendToAsync(packet, SocketFlags.None, peer, deadline);
            try { await answered.WaitAsync(TimeSpan.FromSeconds(1), deadline); }
            catch (TimeoutException) { }
            catch (OperationCanceledException) { throw new TimeoutException($"RTP-MIDI: {peer} did not answer the invitation and clock sync in time"); }
        }
        await answered;
    }

    private async Task SyncLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(SyncInterval, _stop.Token);
                await _data.SendToAsync(new AppleMidiCommand(AppleMidiCommandKind.ClockSync, Ssrc, Count: 0, Timestamp1: Now()).Encode(), SocketFlags.None, _peerData!, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
        }
    }

    private async Task ReceiveLoop(Socket socket, bool isData)
    {
        var buffer = new byte[2048];
        var midi = new List<byte>();
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try { result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(ControlEndPoint.Address, 0), _stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            var sender = (IPEndPoint)result.RemoteEndPoint;
            var packet = buffer.AsSpan(0, result.ReceivedBytes);
            try
            {
                if (AppleMidiCommand.IsSessionPacket(packet)) await OnSession(AppleMidiCommand.Decode(packet), sender, socket, isData);
                else if (isData && sender.Equals(_peerData))
                {
                    midi.Clear();
                    RtpMidiPayload.Decode(packet, midi);
                    if (midi.Count > 0) await _incoming.WriteAsync([.. midi]);
                }
            }
            catch (FormatException)
            {
                Interlocked.Increment(ref _malformed);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException) { return; }
        }
    }

    private async Task OnSession(AppleMidiCommand command, IPEndPoint sender, Socket socket, bool isData)
    {
        switch (command.Kind)
        {
            case AppleMidiCommandKind.Invitation:
                bool samePeer = _peerControl is null || sender.Address.Equals(_peerControl.Address);
                var answer = new AppleMidiCommand(samePeer ? AppleMidiCommandKind.Accepted : AppleMidiCommandKind.Rejected, Ssrc, command.Token, _name);
                if (samePeer)
                {
                    PeerName = command.Name;
                    _token = command.Token;
                    if (isData) { _peerData = sender; _synced.TrySetResult(); }
                    else _peerControl = sender;
                }
                await socket.SendToAsync(answer.Encode(), SocketFlags.None, sender, _stop.Token);
                break;
            case AppleMidiCommandKind.Accepted:
                PeerName = command.Name;
                (isData ? _dataAccepted : _controlAccepted).TrySetResult();
                break;
            case AppleMidiCommandKind.Rejected:
                _controlAccepted.TrySetException(new InvalidOperationException($"RTP-MIDI: {sender} rejected the invitation"));
                _dataAccepted.TrySetException(new InvalidOperationException($"RTP-MIDI: {sender} rejected the invitation"));
                break;
            case AppleMidiCommandKind.End:
                _incoming.Complete();
                break;
            case AppleMidiCommandKind.ClockSync when command.Count == 0:
                await socket.SendToAsync((command with { Ssrc = Ssrc, Count = 1, Timestamp2 = Now() }).Encode(), SocketFlags.None, sender, _stop.Token);
                break;
            case AppleMidiCommandKind.ClockSync when command.Count == 1:
                ulong now = Now();
                await socket.SendToAsync((command with { Ssrc = Ssrc, Count = 2, Timestamp3 = now }).Encode(), SocketFlags.None, sender, _stop.Token);
                Interlocked.Exchange(ref _latencyTicks100us, (long)(now - command.Timestamp1) / 2);
                Interlocked.Increment(ref _syncCount);
                _synced.TrySetResult();
                break;
            case AppleMidiCommandKind.ClockSync:
                Interlocked.Increment(ref _syncCount);
                break;
        }
    }
}
