using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MixEngine.Surfaces.Midi;

/// <summary>
/// One RTP-MIDI (AppleMIDI) session over a UDP port pair (control N, data N+1; spec surfaces.md §5.1) with one peer at a
/// time: a surface unit binds to the session by its port identity, so a session never mixes two units. It accepts an
/// invitation whenever no peer is connected (<see cref="Listen"/>) or invites a peer (<see cref="InviteAsync"/>: IN/OK on
/// both ports, then CK 0/1/2 clock sync on the data port, repeated while it is the initiator). The peer leaves with BY,
/// by falling silent for <see cref="PeerTimeout"/> (it is then sent BY), or by inviting again from the same host (a
/// power-cycled unit or a restarted bridge replaces its old session); then the session waits for the next invitation,
/// from any host. An invitation from another host while a peer is connected is rejected (NO). MIDI travels as RTP-MIDI
/// without a recovery journal (J = 0), so a lost packet is lost (LAN use); received commands come out as one plain MIDI
/// stream across all peers' stays, and <see cref="ConnectionChanged"/> tells a surface when a peer joined or left.
/// Receive loops and the peer watch run on the thread pool; sends may come from any thread.
/// </summary>
public sealed class RtpMidiSession : IMidiSessionPort
{
    /// <summary>The clock sync interval of an initiator (shortened to a third of <see cref="PeerTimeout"/> when that is shorter).</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="PeerTimeout"/>: three missed clock syncs.</summary>
    public static readonly TimeSpan DefaultPeerTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Socket _control;
    private readonly Socket _data;
    private readonly string _name;
    private readonly MidiChunkQueue _incoming = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _epoch = Stopwatch.GetTimestamp();
    private readonly Task[] _loops;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RtpMidiConnection? _current;
    private TimeSpan _peerTimeout = DefaultPeerTimeout;
    private int _sequence;
    private long _syncCount, _latencyTicks100us = -1, _malformed, _connections, _timeouts;

    private RtpMidiSession(Socket control, Socket data, string name)
    {
        _control = control;
        _data = data;
        _name = name;
        Ssrc = (uint)Random.Shared.Next() | 1u;
        ControlEndPoint = (IPEndPoint)control.LocalEndPoint!;
        _loops = [Task.Run(() => ReceiveLoop(_control, isData: false)), Task.Run(() => ReceiveLoop(_data, isData: true)), Task.Run(WatchLoop)];
    }

    /// <summary>Binds control port <paramref name="port"/> and data port + 1 (0 = any free pair) and waits for invitations.</summary>
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

    /// <summary>
    /// Invites the peer whose control port is <paramref name="peerControl"/>; completes after the first clock sync. Throws
    /// <see cref="TimeoutException"/> naming the peer when it does not answer within <paramref name="timeout"/>,
    /// <see cref="InvalidOperationException"/> when it rejects the invitation or a peer is already connected. Any thread.
    /// </summary>
    public async Task InviteAsync(IPEndPoint peerControl, TimeSpan timeout)
    {
        var connection = new RtpMidiConnection(peerControl, (uint)Random.Shared.Next(), initiator: true)
        {
            Data = new IPEndPoint(peerControl.Address, peerControl.Port + 1),
            LastHeard = Stopwatch.GetTimestamp(),
        };
        lock (_gate)
        {
            if (_current is { Up: true } up) throw new InvalidOperationException($"RTP-MIDI {Id}: already connected to {up.Control}; one peer per session");
            _current?.Ended.Cancel();
            _current = connection;
        }
        var invitation = new AppleMidiCommand(AppleMidiCommandKind.Invitation, Ssrc, connection.Token, _name).Encode();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await Retry(_control, invitation, connection.Control, connection.ControlAccepted.Task, deadline.Token);
            await Retry(_data, invitation, connection.Data, connection.DataAccepted.Task, deadline.Token);
            await Retry(_data, new AppleMidiCommand(AppleMidiCommandKind.ClockSync, Ssrc, Count: 0, Timestamp1: Now()).Encode(), connection.Data, connection.Synced.Task, deadline.Token);
        }
        catch
        {
            lock (_gate)
                if (ReferenceEquals(_current, connection) && !connection.Up) _current = null;
            connection.Ended.Cancel();
            throw;
        }
        _ = Task.Run(() => SyncLoop(connection));
    }

    /// <summary>The local control port's address (the data port is one above).</summary>
    public IPEndPoint ControlEndPoint { get; }

    /// <summary>Our synchronisation source id.</summary>
    public uint Ssrc { get; }

    /// <summary>
    /// How long a connected peer may stay silent (no clock sync, MIDI or session packet) before the session drops it,
    /// sends it BY and waits for the next invitation. Keep it above the peer's clock sync interval (about 10 s). Any thread.
    /// </summary>
    public TimeSpan PeerTimeout
    {
        get { lock (_gate) return _peerTimeout; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(100));
            lock (_gate) _peerTimeout = value;
        }
    }

    /// <summary>The name of the last peer that connected (from its IN or OK), kept after it leaves.</summary>
    public string? PeerName { get; private set; }

    /// <summary>Completes when a peer is connected: for the initiator after the first clock sync, for the listener after the data-port invitation; after a peer leaves, a new task waits for the next.</summary>
    public Task Connected
    {
        get { lock (_gate) return _connected.Task; }
    }

    /// <inheritdoc />
    public bool IsConnected
    {
        get { lock (_gate) return _current is { Up: true }; }
    }

    /// <inheritdoc />
    public event EventHandler<bool>? ConnectionChanged;

    /// <summary>Peers that have connected so far (the first and every reconnection).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Peers dropped for silence past <see cref="PeerTimeout"/>.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

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

    /// <summary>The connected (or being invited) peer as <c>name@address:port</c> (its control port), or null when none.</summary>
    public string? Peer
    {
        get { lock (_gate) return _current is { } c ? $"{PeerName ?? "?"}@{c.Control}" : null; }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        IPEndPoint peer;
        lock (_gate)
            peer = _current is { Up: true, Data: { } data } ? data : throw new InvalidOperationException($"RTP-MIDI {Id}: no session yet (no peer connected)");
        var packet = RtpMidiPayload.Encode((ushort)Interlocked.Increment(ref _sequence), (uint)Now(), Ssrc, bytes.Span);
        await _data.SendToAsync(packet, SocketFlags.None, peer, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _incoming.ReadAsync(buffer, cancellationToken);

    /// <summary>Sends BY to the peer (if any; listeners hear that it left), closes both ports and ends reads.</summary>
    public async ValueTask DisposeAsync()
    {
        RtpMidiConnection? connection;
        bool wasUp = false;
        lock (_gate)
        {
            connection = _current;
            _current = null;
            if (connection is not null) wasUp = Detach(connection);
        }
        if (connection is not null) await Ended(connection, wasUp, sendBye: true);
        await _stop.CancelAsync();
        _control.Dispose();
        _data.Dispose();
        await Task.WhenAll(_loops);
        _incoming.Complete();
        _stop.Dispose();
    }

    private ulong Now() => (ulong)((Stopwatch.GetTimestamp() - _epoch) * 10_000 / Stopwatch.Frequency);

    private byte[] Bye(RtpMidiConnection connection) => new AppleMidiCommand(AppleMidiCommandKind.End, Ssrc, connection.Token).Encode();

    private static async Task Retry(Socket socket, byte[] packet, IPEndPoint peer, Task answered, CancellationToken deadline)
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

    private async Task SyncLoop(RtpMidiConnection connection)
    {
        var token = connection.Ended.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var interval = TimeSpan.FromTicks(Math.Min(SyncInterval.Ticks, PeerTimeout.Ticks / 3));
                await Task.Delay(interval, token);
                await _data.SendToAsync(new AppleMidiCommand(AppleMidiCommandKind.ClockSync, Ssrc, Count: 0, Timestamp1: Now()).Encode(), SocketFlags.None, connection.Data!, token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
        }
    }

    /// <summary>Drops a peer that stayed silent past <see cref="PeerTimeout"/> (or never finished joining), with a BY to it.</summary>
    private async Task WatchLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            RtpMidiConnection? stale;
            TimeSpan timeout;
            lock (_gate)
            {
                timeout = _peerTimeout;
                stale = _current is { } c && (c.Up || !c.Initiator) && Stopwatch.GetElapsedTime(c.LastHeard) > timeout ? c : null;
            }
            try
            {
                if (stale is not null)
                {
                    Interlocked.Increment(ref _timeouts);
                    await End(stale, sendBye: true);
                }
                await Task.Delay(TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, timeout.Ticks / 4)), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
        }
    }

    /// <summary>Ends <paramref name="connection"/> if it is still the current one: the session waits for the next invitation.</summary>
    private async Task End(RtpMidiConnection connection, bool sendBye)
    {
        bool wasUp;
        lock (_gate)
        {
            if (!ReferenceEquals(_current, connection)) return;
            _current = null;
            wasUp = Detach(connection);
        }
        await Ended(connection, wasUp, sendBye);
    }

    /// <summary>Under the lock: a connection leaves (the caller has taken it out of <c>_current</c>); true when it was up.</summary>
    private bool Detach(RtpMidiConnection connection)
    {
        if (!connection.Up) return false;
        _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return true;
    }

    /// <summary>Outside the lock: stops a detached connection, optionally says BY, and tells the listeners it left.</summary>
    private async Task Ended(RtpMidiConnection connection, bool wasUp, bool sendBye)
    {
        connection.Ended.Cancel();
        connection.Reject($"RTP-MIDI {Id}: the session with {connection.Control} ended");
        if (sendBye)
        {
            try { await _control.SendToAsync(Bye(connection), SocketFlags.None, connection.Control, _stop.Token); }
            catch (SocketException) { }
        }
        if (wasUp) ConnectionChanged?.Invoke(this, false);
    }

    /// <summary>Marks <paramref name="connection"/> up (once) and tells the listeners.</summary>
    private void Joined(RtpMidiConnection connection)
    {
        if (MarkUp(connection) is { } connected) Announce(connected);
    }

    /// <summary>Marks <paramref name="connection"/> up; the task to complete when it became up now, else null.</summary>
    private TaskCompletionSource? MarkUp(RtpMidiConnection connection)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_current, connection) || connection.Up) return null;
            connection.Up = true;
            Interlocked.Increment(ref _connections);
            return _connected;
        }
    }

    /// <summary>Tells the waiters and listeners that a connection marked up by <see cref="MarkUp"/> is there.</summary>
    private void Announce(TaskCompletionSource connected)
    {
        connected.TrySetResult();
        ConnectionChanged?.Invoke(this, true);
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
                RtpMidiConnection? current;
                lock (_gate)
                {
                    current = _current;
                    if (current is not null && current.IsFrom(sender)) current.LastHeard = Stopwatch.GetTimestamp();
                }
                if (AppleMidiCommand.IsSessionPacket(packet)) await OnSession(AppleMidiCommand.Decode(packet), sender, socket, isData);
                else if (isData && current is { } c && c.Receives && sender.Equals(c.Data))
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
        RtpMidiConnection? current;
        lock (_gate) current = _current;
        bool fromPeer = current is not null && current.IsFrom(sender);
        switch (command.Kind)
        {
            case AppleMidiCommandKind.Invitation:
                await Invited(command, sender, socket, isData);
                break;
            case AppleMidiCommandKind.Accepted when fromPeer && current!.Initiator:
                PeerName = command.Name;
                (isData ? current.DataAccepted : current.ControlAccepted).TrySetResult();
                break;
            case AppleMidiCommandKind.Rejected when fromPeer:
                current!.Reject($"RTP-MIDI: {sender} rejected the invitation");
                break;
            case AppleMidiCommandKind.End when fromPeer:
                await End(current!, sendBye: false);
                break;
            case AppleMidiCommandKind.ClockSync when fromPeer && command.Count == 0:
                await socket.SendToAsync((command with { Ssrc = Ssrc, Count = 1, Timestamp2 = Now() }).Encode(), SocketFlags.None, sender, _stop.Token);
                break;
            case AppleMidiCommandKind.ClockSync when fromPeer && command.Count == 1 && current!.Initiator:
                ulong now = Now();
                await socket.SendToAsync((command with { Ssrc = Ssrc, Count = 2, Timestamp3 = now }).Encode(), SocketFlags.None, sender, _stop.Token);
                Interlocked.Exchange(ref _latencyTicks100us, (long)(now - command.Timestamp1) / 2);
                Interlocked.Increment(ref _syncCount);
                Joined(current);
                current.Synced.TrySetResult();
                break;
            case AppleMidiCommandKind.ClockSync when fromPeer && command.Count == 2:
                Interlocked.Increment(ref _syncCount);
                break;
        }
    }

    /// <summary>
    /// An invitation: accepted when no peer is connected, or from the connected peer's own host (a retry, or the unit
    /// restarted: its old stay ends); rejected (NO) from any other host while a peer is connected.
    /// </summary>
    private async Task Invited(AppleMidiCommand command, IPEndPoint sender, Socket socket, bool isData)
    {
        RtpMidiConnection? replaced = null, joined = null;
        bool accept, replacedWasUp = false;
        lock (_gate)
        {
            var current = _current;
            if (current is not null && !current.IsFrom(sender)) accept = false;
            else if (!isData)
            {
                accept = true;
                if (current is null || current.Token != command.Token || !current.Control.Equals(sender) || current.Initiator)
                {
                    replaced = current;
                    if (current is not null) replacedWasUp = Detach(current);
                    _current = new RtpMidiConnection(sender, command.Token, initiator: false) { LastHeard = Stopwatch.GetTimestamp() };
                }
            }
            else
            {
                accept = current is not null && !current.Initiator;
                if (accept)
                {
                    current!.Data = sender;
                    joined = current;
                }
            }
            if (accept) PeerName = command.Name;
        }
        if (replaced is not null) await Ended(replaced, replacedWasUp, sendBye: false);
        // The session is up before the peer reads its acceptance, so whatever the peer does next (MIDI, or asking
        // whether it is connected) finds it up; the listeners hear of it only after the acceptance is sent, so what
        // they send on joining (a surface's whole state) follows the acceptance on the data port and is not dropped by
        // a peer that does not yet know it was accepted.
        var connected = joined is null ? null : MarkUp(joined);
        var answer = new AppleMidiCommand(accept ? AppleMidiCommandKind.Accepted : AppleMidiCommandKind.Rejected, Ssrc, command.Token, _name);
        try
        {
            await socket.SendToAsync(answer.Encode(), SocketFlags.None, sender, _stop.Token);
        }
        finally
        {
            if (connected is not null) Announce(connected);
        }
    }
}
