using System.Diagnostics;
using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// A Mackie Control surface over <see cref="IMixControl"/>: a main unit plus extenders, each an <see cref="IMidiPort"/>
/// bound in the configured order (left to right), together showing one bank of 8 strips per unit. Faders are 14-bit
/// pitch bend through the shared fader taper, every accepted move is echoed (the servo rule, spec surfaces.md §1.4),
/// fader touch notes begin and end automation touches, and a touched fader is never moved by the engine. Strip
/// buttons (rec arms a printed bus, solo, mute, select), bank and channel keys, flip, name/value, transport keys and the jog wheel act on
/// the facade; the automation-mode keys set the mode of the selected strips; V-pots drive the parameter of the current assignment page (<see cref="McuPotPages"/>) with implied
/// touches; LEDs, rings, scribble strips, the timecode and assignment displays and meters are rendered from engine
/// state and sent only where they changed. A unit is online from the first valid message it sends (a Device Query is
/// sent while it is silent) and gets its full state then, and again when it announces a power-on (SysEx cmd 01, answered
/// with the Host Connection Reply; a Logic Control gets its state once it confirms, <see cref="McuHandshake"/>).
/// A unit listed in <see cref="McuSurfaceOptions.HuiPorts"/> speaks HUI instead (McuSurface.Hui.cs) with the same
/// behaviour. Unknown and malformed input is counted and logged at a bounded rate, never fatal.
/// <para>Thread rules: each unit's reader task, the feedback hub's thread and the surface's tick thread call in; all
/// surface state is guarded by one lock, and output is queued per unit and written by that unit's send task, so no
/// port write happens under the lock. Never touches engine internals; never runs on the audio thread.</para>
/// </summary>
public sealed partial class McuSurface : IAsyncDisposable
{
    /// <summary>Strips per unit.</summary>
    public const int StripsPerUnit = 8;

    private readonly object _gate = new();
    private readonly IMixControl _control;
    private readonly McuSurfaceOptions _options;
    private readonly int _sampleRate;
    private readonly McuUnit[] _units;
    private readonly MidiPortReader[] _readers;
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly SurfaceLogGate _log;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TouchTimeout _potTouch;
    private readonly Dictionary<int, ParameterHandle> _potTouches = [];
    private readonly Dictionary<int, ParameterHandle?> _faderTouches = [];
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private readonly Subscriber _subscriber;
    private readonly List<Action> _unwatch = [];
    private IReadOnlyList<ParameterDescriptor> _source = [];
    private IReadOnlyList<SurfaceStrip> _strips = [];
    private XTouchColour[] _colours = [];
    private Dictionary<string, ParameterHandle>[] _parameters = [];
    private readonly Dictionary<string, int> _stripByPrefix = new(StringComparer.Ordinal);
    private SurfaceStrip? _master;
    private bool _flip, _shift, _showNames, _dirty;
    private TransportSnapshot? _transport;
    private RecordArmState _arms;
    private IDisposable? _subscription;
    private long _unhandled, _malformed, _sendFailures, _handshakeErrors;

    /// <summary>
    /// Creates the surface over <paramref name="control"/> with one unit per port in <paramref name="units"/> (the
    /// first is the main unit, SysEx device 14; the others are extenders, 15), at session rate
    /// <paramref name="sampleRate"/> (for the shuttle keys and the jog wheel), and starts its reader, send and tick
    /// threads. The caller keeps owning the ports. Control thread.
    /// </summary>
    public McuSurface(IMixControl control, IReadOnlyList<IMidiPort> units, int sampleRate, McuSurfaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0) throw new ArgumentException("an MCU surface needs at least one unit (port)", nameof(units));
        var duplicate = units.GroupBy(u => u.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"MIDI port {duplicate.Key} is bound to {duplicate.Count()} MCU units; each unit needs its own port", nameof(units));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _options = options ?? new McuSurfaceOptions();
        _options.Validate();
        _control = control;
        _sampleRate = sampleRate;
        _log = new SurfaceLogGate(_options.Log);
        _potTouch = new TouchTimeout(_options.PotTouchTimeout);
        var both = units.FirstOrDefault(u => _options.HuiPorts.Contains(u.Id) && _options.XTouchPorts.Contains(u.Id));
        if (both is not null) throw new ArgumentException($"MIDI port {both.Id} is configured as both HUI and X-Touch; an X-Touch speaks MCU", nameof(options));
        _units = [.. units.Select((port, i) => new McuUnit(port, i, _options.HuiPorts.Contains(port.Id) ? McuSysEx.Hui : i == 0 ? McuSysEx.Mcu : McuSysEx.McuXt,
            _options.XTouchPorts.Contains(port.Id)))];
        Bank.SetBankSize(StripsPerUnit * _units.Length);
        Client = control.RegisterClient($"mcu {string.Join(" + ", units.Select(u => u.Id))}");
        _arms = control.RecordArm;
        _subscriber = new Subscriber(this);
        lock (_gate) RefreshStrips();
        _readers = [.. _units.Select(u => new MidiPortReader(u.Port, new UnitInput(this, u)))];
        WatchSessions();
        foreach (var unit in _units) _tasks.Add(Task.Run(() => unit.SendLoopAsync(SendFailed, _stop.Token)));
        foreach (var reader in _readers) _tasks.Add(Task.Run(() => reader.RunAsync(_stop.Token)));
        _subscription = control.Feedback.Subscribe(_subscriber, new FeedbackRates(
            "mcu", _options.ValueInterval, TimeSpan.FromMilliseconds(40), _options.MeterInterval, Client));
        _thread = new Thread(Run) { IsBackground = true, Name = "mcu surface" };
        _thread.Start();
    }

    /// <summary>The surface's id at the control facade (its own changes are not fed back to it).</summary>
    public ControlClientId Client { get; }

    /// <summary>The bank over all units (size 8 × units); read it under no lock only in tests that wait for quiet.</summary>
    public BankMap Bank { get; } = new();

    /// <summary>The V-pot assignment (mode and page); changed by the surface's thread, read consistently on any thread.</summary>
    public McuPotPages Pots { get; } = new();

    /// <summary>The units' port ids, left to right.</summary>
    public IReadOnlyList<string> UnitIds => [.. _units.Select(u => u.Port.Id)];

    /// <summary>True for each unit (left to right) that has spoken; any thread.</summary>
    public IReadOnlyList<bool> Online
    {
        get { lock (_gate) return [.. _units.Select(u => u.Online)]; }
    }

    /// <summary>Messages received that mean nothing to this surface (counted, logged at a bounded rate); any thread.</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);

    /// <summary>Malformed byte stretches dropped by the units' parsers; any thread.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Host Connection Errors (cmd 04) received: a Logic Control refused our reply; any thread.</summary>
    public long HandshakeErrors => Interlocked.Read(ref _handshakeErrors);

    /// <summary>The serial number each unit (left to right) announced, or null before it did; any thread.</summary>
    public IReadOnlyList<string?> Serials
    {
        get { lock (_gate) return [.. _units.Select(u => u.Serial)]; }
    }

    /// <summary>Sends a port refused; any thread.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>The address prefixes of the selected strips (what the automation-mode keys act on); any thread.</summary>
    public IReadOnlyList<string> Selected
    {
        get { lock (_gate) return [.. _selected]; }
    }

    /// <summary>Counters for a periodic log line.</summary>
    public override string ToString()
    {
        lock (_gate)
            return $"units {string.Join(", ", _units.Select(u => $"{u.Port.Id} {(u.Online ? "online" : !u.Reachable ? "network peer away" : u.AwaitingConfirmation ? "awaiting confirmation" : "silent")}{(u.Serial is null ? "" : $" serial {u.Serial}")}"))}; bank {Bank.Offset + 1}…{Bank.Offset + Bank.Visible} of {Bank.StripCount}; " +
                $"unhandled {Unhandled}, malformed {Malformed}, send failures {SendFailures}";
    }

    /// <summary>Stops the tick thread, feedback, readers and senders; releases every touch and unregisters. Control thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        foreach (var unwatch in _unwatch) unwatch();
        await _stop.CancelAsync();
        _thread.Join();
        lock (_gate)
        {
            EndFaderTouches();
            foreach (int slot in _potTouch.ReleaseAll()) EndPotTouch(slot);
        }
        foreach (var unit in _units) unit.Complete();
        await Task.WhenAny(Task.WhenAll(_tasks), Task.Delay(TimeSpan.FromSeconds(2)));
        _control.UnregisterClient(Client);
        _stop.Dispose();
    }

    private TimeSpan Now => _clock.Elapsed;

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_options.Tick))
        {
            try
            {
                lock (_gate) Tick(Now);
            }
            catch (Exception e)
            {
                _log.Warn("tick", "MCU surface tick failed: {Error}", e.Message);
            }
        }
    }

    private void Tick(TimeSpan now)
    {
        if (!ReferenceEquals(_control.Descriptors, _source))
        {
            RefreshStrips();
            _dirty = true;
        }
        foreach (int slot in _potTouch.Expired(now)) EndPotTouch(slot);
        if (PassKeysStale()) _dirty = true;
        foreach (var unit in _units)
        {
            if (!unit.Reachable) continue; // a network unit whose peer is away: nothing reaches it
            if (unit.Hui)
            {
                TickHui(unit, now);
                continue;
            }
            if (!unit.Online && !unit.AwaitingConfirmation && (unit.LastQuery is not { } last || now - last >= _options.QueryInterval))
            {
                // Ask both families (as Ardour does): an MCU answers 14/15, a genuine Logic Control only 10/11.
                unit.LastQuery = now;
                unit.AddSysEx(McuSysEx.DeviceQuery(unit.Position == 0 ? McuSysEx.Mcu : McuSysEx.McuXt));
                unit.AddSysEx(McuSysEx.DeviceQuery(unit.Position == 0 ? McuSysEx.LogicControl : McuSysEx.LogicControlXt));
                unit.Flush();
            }
        }
        if (_dirty) Render();
    }

    /// <summary>Rebuilds the strip list after a session edit: the bank re-clamps, touches of removed parameters end, pages are recomputed.</summary>
    private void RefreshStrips()
    {
        var descriptors = _control.Descriptors;
        _source = descriptors;
        _strips = SurfaceStrip.From(_control);
        _colours = [.. _strips.Select(s => XTouchScribbleColours.OfStem(_control.StemOf(s.Prefix)))];
        _stripByPrefix.Clear();
        for (int i = 0; i < _strips.Count; i++) _stripByPrefix[_strips[i].Prefix] = i;
        _parameters = new Dictionary<string, ParameterHandle>[_strips.Count];
        for (int i = 0; i < _parameters.Length; i++) _parameters[i] = new Dictionary<string, ParameterHandle>(StringComparer.Ordinal);
        var byTarget = new Dictionary<(ParameterScope, string), int>();
        for (int i = 0; i < _strips.Count; i++) byTarget[(_strips[i].Scope, _strips[i].Name)] = i;
        var names = new List<string>();
        foreach (var d in descriptors)
        {
            if (!byTarget.TryGetValue((d.Address.Scope, d.Address.Target), out int index)) continue;
            _parameters[index][d.Address.Parameter] = _control.Resolve($"{_strips[index].Prefix}/{d.Address.Parameter}");
            names.Add(d.Address.Parameter);
        }
        Pots.Rebuild(names);
        _master = _options.MasterStrip is { } m && _stripByPrefix.TryGetValue(m, out int master) ? _strips[master] : null;
        _selected.RemoveWhere(p => !_stripByPrefix.ContainsKey(p));
        _arms = _control.RecordArm;
        Bank.SetStripCount(_strips.Count);
        EndFaderTouches();
    }

    private void SendFailed(Exception e)
    {
        Interlocked.Increment(ref _sendFailures);
        _log.Warn("send", "MCU send failed: {Error}", e.Message);
    }

    /// <summary>Feeds one unit's parsed input to the surface.</summary>
    private sealed class UnitInput(McuSurface surface, McuUnit unit) : IMidiSink
    {
        public void OnMessage(MidiMessage message) => surface.Receive(unit, message);

        public void OnSysEx(ReadOnlySpan<byte> sysEx) => surface.ReceiveSysEx(unit, sysEx);

        public void OnMalformed(MidiFault fault)
        {
            Interlocked.Increment(ref surface._malformed);
            surface._log.Warn("malformed", "MCU {Port}: {Fault}", unit.Port.Id, fault.ToString());
        }
    }

    /// <summary>Hands the hub's callbacks to the surface without making it a public subscriber.</summary>
    private sealed class Subscriber(McuSurface surface) : IFeedbackSubscriber
    {
        public void OnParameterChanged(in ParameterChange change) => surface.ParameterChanged();

        public void OnTouchChanged(in TouchChange change)
        {
        }

        public void OnAutomationModeChanged(in AutomationModeChange change) => surface.AutomationModeChanged();

        public void OnTransport(in TransportSnapshot transport) => surface.TransportChanged(transport);

        public void OnMeters(IMeterReadings meters) => surface.MetersChanged(meters);

        public void OnRecordArm(RecordArmState arms) => surface.RecordArmChanged(arms);
    }
}
