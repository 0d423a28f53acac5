using System.Diagnostics;
using System.Net;
using MixEngine.ControlPlane;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// The OSC control service: an Ardour-compatible address space plus the <c>/mixengine</c> namespace over
/// <see cref="IMixControl"/>, served by the listeners it starts (<see cref="StartUdp"/>, <see cref="StartTcp"/>). Every
/// source address becomes a client on its first message (registered at the facade, subscribed to the feedback hub,
/// sent its full state); a client that sends nothing for <see cref="OscSurfaceOptions.ClientTimeout"/> is expired, and a
/// TCP client is unregistered as soon as its connection closes.
/// Bad messages get a rate-limited <c>/mixengine/error</c> reply and a bounded-rate log line, never an exception out.
/// Bundles with a future time tag wait in <see cref="OscBundleSchedule"/>.
/// <para>Thread rules: listeners call <see cref="IOscPacketHandler"/> members on their receive threads (UDP one at a
/// time; TCP connections may overlap); the surface's own thread runs touch timeouts, expiry, heartbeats and due
/// bundles every <see cref="OscSurfaceOptions.Tick"/>; the feedback hub calls the clients. Client state is guarded per
/// client; the client table by one lock. Never touches engine internals and never runs on the audio thread.</para>
/// </summary>
public sealed partial class OscSurface : IAsyncDisposable
{
    private readonly IMixControl _control;
    private readonly OscSurfaceOptions _options;
    private readonly object _clientsGate = new();
    private readonly Dictionary<(IOscReplyTransport, IPEndPoint), OscSurfaceClient> _clients = [];
    private readonly List<IAsyncDisposable> _listeners = [];
    private readonly List<(string Name, OscListenerCounters Counters)> _counters = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly SurfaceLogGate _log;
    private readonly object _stripsGate = new();
    private IReadOnlyList<Session.ParameterDescriptor> _stripsSource = [];
    private IReadOnlyList<SurfaceStrip> _strips = [];
    private Dictionary<int, ControlPlane.ParameterHandle> _handles = [];
    private OscAddressSpace _space = OscAddressSpace.Build([], []);
    private TimeSpan _nextBeat;
    private long _sent, _sendFailures, _errors, _expired, _registered, _disconnected;
    private string? _selected;

    /// <summary>Creates the surface over <paramref name="control"/> at session rate <paramref name="sampleRate"/> (for sample-scheduled bundles) and starts its tick thread; control thread.</summary>
    public OscSurface(IMixControl control, int sampleRate, OscSurfaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _options = options ?? new OscSurfaceOptions();
        _options.Validate();
        _control = control;
        _log = new SurfaceLogGate(_options.Log);
        Schedule = new OscBundleSchedule(sampleRate, _options.MaxScheduledBundles);
        RefreshStrips();
        _thread = new Thread(Run) { IsBackground = true, Name = "osc surface" };
        _thread.Start();
    }

    /// <summary>Bundles waiting for their time tags.</summary>
    public OscBundleSchedule Schedule { get; }

    /// <summary>Feedback and reply packets sent so far; any thread.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Packets a transport refused to send; any thread.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Messages refused (unknown address, bad arguments) so far; any thread.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Clients registered so far (including expired ones); any thread.</summary>
    public long Registered => Interlocked.Read(ref _registered);

    /// <summary>Clients expired for silence so far; any thread.</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Connection clients (TCP) unregistered because their connection closed; any thread.</summary>
    public long Disconnected => Interlocked.Read(ref _disconnected);

    /// <summary>Clients now registered; any thread.</summary>
    public int ClientCount
    {
        get { lock (_clientsGate) return _clients.Count; }
    }

    /// <summary>Starts a UDP listener feeding this surface; it is disposed with the surface. Control thread.</summary>
    public OscUdpListener StartUdp(OscListenerOptions options)
    {
        var handler = new Handler(this);
        var listener = OscUdpListener.Start(options, handler);
        handler.Transport = listener;
        lock (_clientsGate)
        {
            _listeners.Add(listener);
            _counters.Add(($"udp {listener.LocalEndPoint}", listener.Counters));
        }
        return listener;
    }

    /// <summary>Starts a TCP listener (length-prefix or SLIP framing per connection) feeding this surface; disposed with the surface. Control thread.</summary>
    public OscTcpListener StartTcp(OscListenerOptions options)
    {
        var handler = new Handler(this);
        var listener = OscTcpListener.Start(options, handler);
        handler.Transport = listener;
        lock (_clientsGate)
        {
            _listeners.Add(listener);
            _counters.Add(($"tcp {listener.LocalEndPoint}", listener.Counters));
        }
        return listener;
    }

    /// <summary>Each listener's receive counters, for a periodic log line; any thread.</summary>
    public string ListenerCounters()
    {
        lock (_clientsGate) return string.Join("; ", _counters.Select(c => $"{c.Name}: {c.Counters}"));
    }

    /// <summary>Counters for a periodic log line.</summary>
    public override string ToString() =>
        $"clients {ClientCount} (registered {Registered}, expired {Expired}, disconnected {Disconnected}), sent {Sent}, send failures {SendFailures}, refused messages {Errors}, scheduled bundles {Schedule.Count} (applied {Schedule.Applied}, refused {Schedule.Refused})";

    /// <summary>Stops the tick thread, the listeners and every client (touches released, clients unregistered); control thread.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _thread.Join();
        IAsyncDisposable[] listeners;
        OscSurfaceClient[] clients;
        lock (_clientsGate)
        {
            listeners = [.. _listeners];
            clients = [.. _clients.Values];
            _clients.Clear();
            _listeners.Clear();
        }
        foreach (var l in listeners) await l.DisposeAsync();
        foreach (var c in clients) c.Stop();
        _stop.Dispose();
    }

    internal IReadOnlyList<SurfaceStrip> Strips
    {
        get { lock (_stripsGate) return _strips; }
    }

    internal OscAddressSpace AddressSpace
    {
        get { lock (_stripsGate) return _space; }
    }

    internal string? SelectedPrefix => Volatile.Read(ref _selected);

    internal ControlPlane.ParameterHandle? HandleOfSlot(int slot)
    {
        lock (_stripsGate) return _handles.TryGetValue(slot, out var h) ? h : null;
    }

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountSendFailure() => Interlocked.Increment(ref _sendFailures);

    internal TimeSpan Now => _clock.Elapsed;

    private void Receive(OscPacket packet, IPEndPoint source, IOscReplyTransport transport)
    {
        var now = Now;
        var client = ClientFor(source, transport, now);
        client.Heard(now);
        try
        {
            if (packet is OscBundle bundle && !bundle.Time.IsImmediately && Schedule.TryQueue(bundle, client, DateTime.UtcNow, _control.Transport)) return;
            Apply(packet, client);
        }
        catch (OscCommandException e)
        {
            Refuse(client, e.Address, e.Problem);
        }
    }

    private void Apply(OscPacket packet, OscSurfaceClient client)
    {
        if (packet is OscBundle bundle)
        {
            foreach (var element in bundle.Elements) Apply(element, client);
            return;
        }
        var message = (OscMessage)packet;
        try
        {
            if (OscAddressPattern.HasWildcards(message.Address)) DispatchPattern(message, client);
            else Dispatch(message, client);
        }
        catch (OscCommandException e)
        {
            Refuse(client, e.Address, e.Problem);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or Session.ParameterAddressException)
        {
            Refuse(client, message.Address, e.Message);
        }
        catch (Exception e)
        {
            // A network handler must outlive any one message: report it like a refusal, with its type for the log.
            Refuse(client, message.Address, $"internal error {e.GetType().Name}: {e.Message}");
        }
    }

    private void Refuse(OscSurfaceClient client, string address, string problem)
    {
        Interlocked.Increment(ref _errors);
        client.SendError(address, problem);
        _log.Warn("refused", "OSC {Client}: {Address}: {Problem}", client.Name, address, problem);
    }

    private OscSurfaceClient ClientFor(IPEndPoint source, IOscReplyTransport transport, TimeSpan now)
    {
        OscSurfaceClient? client;
        lock (_clientsGate)
        {
            if (_clients.TryGetValue((transport, source), out client)) return client;
            client = new OscSurfaceClient(this, _control, source, transport, _options, now);
            _clients[(transport, source)] = client;
        }
        Interlocked.Increment(ref _registered);
        var interval = TimeSpan.FromSeconds(1.0 / _options.MeterRateHz);
        client.Start(new FeedbackRates(client.Name, _options.ValueInterval, interval, interval, client.Id, EchoOwnChanges: true));
        _log.Info("registered", "OSC {Client} registered (replies to {Reply})", client.Name, client.ReplyEndPoint);
        return client;
    }

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_options.Tick))
        {
            try
            {
                Tick(Now);
            }
            catch (Exception e)
            {
                _log.Warn("tick", "OSC surface tick failed: {Error}", e.Message);
            }
        }
    }

    private void Tick(TimeSpan now)
    {
        RefreshStrips();
        bool beat = now >= _nextBeat;
        if (beat) _nextBeat = now + TimeSpan.FromSeconds(1);
        OscSurfaceClient[] clients;
        lock (_clientsGate) clients = [.. _clients.Values];
        foreach (var client in clients)
        {
            if (now - client.LastHeard > _options.ClientTimeout)
            {
                Expire(client);
                continue;
            }
            client.Tick(now, beat);
        }
        foreach (var (bundle, client) in Schedule.TakeDue(DateTime.UtcNow, _control.Transport))
        {
            try
            {
                Apply(bundle, client);
            }
            catch (OscCommandException e)
            {
                Refuse(client, e.Address, e.Problem);
            }
        }
    }

    private void Closed(IPEndPoint source, IOscReplyTransport transport)
    {
        OscSurfaceClient? client;
        lock (_clientsGate)
            if (!_clients.Remove((transport, source), out client)) return;
        client.Stop();
        Interlocked.Increment(ref _disconnected);
        _log.Info("closed", "OSC {Client} closed its connection; touches released, unregistered", client.Name);
    }

    private void Expire(OscSurfaceClient client)
    {
        lock (_clientsGate) _clients.Remove((client.Transport, client.Source));
        client.Stop();
        Interlocked.Increment(ref _expired);
        _log.Info("expired", "OSC {Client} expired: nothing received for {Seconds} s; touches released", client.Name, _options.ClientTimeout.TotalSeconds);
    }

    private void RefreshStrips()
    {
        var descriptors = _control.Descriptors;
        lock (_stripsGate)
        {
            if (ReferenceEquals(descriptors, _stripsSource)) return;
        }
        var strips = SurfaceStrip.From(_control);
        var space = OscAddressSpace.Build(strips, descriptors);
        var handles = new Dictionary<int, ControlPlane.ParameterHandle>();
        foreach (var d in descriptors)
        {
            var h = _control.Resolve(d.Address.ToString());
            handles[h.Slot] = h;
        }
        lock (_stripsGate)
        {
            _stripsSource = descriptors;
            _strips = strips;
            _handles = handles;
            _space = space;
        }
        ClearHandleCache();
        OscSurfaceClient[] clients;
        lock (_clientsGate) clients = [.. _clients.Values];
        foreach (var c in clients) c.StripsChanged(strips);
    }

    /// <summary>Feeds one listener's packets to the surface with the listener as the reply transport.</summary>
    private sealed class Handler(OscSurface surface) : IOscPacketHandler
    {
        public IOscReplyTransport? Transport { get; set; }

        public void OnPacket(OscPacket packet, IPEndPoint client)
        {
            if (Transport is not { } transport) return;
            try
            {
                surface.Receive(packet, client, transport);
            }
            catch (Exception e)
            {
                // The listener's receive loop must survive anything one client causes (e.g. registration racing a shutdown).
                surface._log.Warn("receive", "OSC packet from {Client} dropped: {Error}", client, e.Message);
            }
        }

        public void OnMalformed(OscFormatException fault, IPEndPoint client) =>
            surface._log.Warn("malformed", "OSC packet from {Client} dropped: byte {Offset}: {Problem}", client, fault.ByteOffset, fault.Message);

        public void OnClosed(IPEndPoint client)
        {
            if (Transport is { } transport) surface.Closed(client, transport);
        }
    }
}
