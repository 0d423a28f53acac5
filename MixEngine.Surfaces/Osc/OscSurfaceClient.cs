using System.Diagnostics;
using System.Net;
using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// One remote OSC client of the <see cref="OscSurface"/> (one source address on one transport): its <c>/set_surface</c>
/// settings (bank size, strip types, feedback mask, gain mode, reply port), its bank, touches, last-sent cache and the
/// addresses it watches in the <c>/mixengine</c> namespace, and its feedback subscription. Feedback formats follow
/// Ardour's (docs/osc.md has the table).
/// <para>Thread rules: the surface's receive threads, its tick thread and the feedback hub's thread all call in; every
/// member takes the client's one lock, so state and the send buffer are never shared unlocked. Nothing here blocks on
/// the audio thread; steady-state feedback allocates nothing except strings of timecode and position text.</para>
/// </summary>
internal sealed partial class OscSurfaceClient : IFeedbackSubscriber
{
    /// <summary>Ardour feedback bits this surface honours.</summary>
    public const int StripButtons = 1, StripValues = 2, SsidInPath = 4, Heartbeat = 8, Master = 16, Timecode = 64,
        MeterFloat = 128, SignalPresent = 512, Samples = 1024;

    /// <summary>Ardour strip-type bits this surface honours: audio tracks, audio buses, VCAs.</summary>
    public const int Tracks = 1, Buses = 4, Vcas = 16;

    private const int Fader = 0, Trim = 1, Mute = 2, Solo = 3, PanX = 4;

    private readonly object _gate = new();
    private readonly OscSurface _surface;
    private readonly IMixControl _control;
    private readonly byte[] _buffer = new byte[8192];
    private readonly EchoSuppression _echo = new();
    private readonly TouchTimeout _touch;
    private readonly OscRateLimit _errors;
    private readonly Dictionary<int, int> _slotMap = [];
    private readonly Dictionary<int, ParameterHandle> _touched = [];
    private readonly Dictionary<int, string> _watchNatural = [], _watchPosition = [];
    // The descriptor each watch address was built from, by 2 × slot (+1 for positions): a repeated set of the same
    // parameter reuses the address instead of building it again for every message (a rename brings a new descriptor).
    private readonly Dictionary<int, ParameterDescriptor> _watchDescriptors = [];
    private readonly Dictionary<string, (string Address, double[] Last)> _watchMeters = [];
    private readonly Dictionary<string, int> _stripByPrefix = [];
    private IReadOnlyList<SurfaceStrip> _strips = [];
    private readonly List<int> _accepted = [];
    private readonly int _defaultReplyPort;
    private int _feedback, _stripTypes = Tracks | Buses | Vcas, _gainMode;
    private bool _watchTransport, _heartbeat, _transportPlaying, _transportKnown;
    private string? _smpteSent;
    private long _samplesSent;
    private TransportSnapshot? _watchedTransport;
    private IDisposable? _subscription;

    public OscSurfaceClient(OscSurface surface, IMixControl control, IPEndPoint source, IOscReplyTransport transport, OscSurfaceOptions options, TimeSpan now)
    {
        _surface = surface;
        _control = control;
        Source = source;
        Transport = transport;
        _feedback = options.DefaultFeedback;
        _touch = new TouchTimeout(options.TouchTimeout);
        _errors = new OscRateLimit(options.ErrorRepliesPerSecond, 10, Stopwatch.GetTimestamp(), Stopwatch.Frequency);
        Name = $"osc {(transport.IsConnection ? "tcp" : "udp")} {source}";
        Id = control.RegisterClient(Name);
        LastHeard = now;
        _defaultReplyPort = options.ReplyPort;
        ReplyEndPoint = ReplyTo(0);
    }

    /// <summary>Where replies go: the source address at the client's reply port, the surface's, or the source port.</summary>
    public IPEndPoint ReplyEndPoint { get; private set; }

    /// <summary>Where the client's messages come from.</summary>
    public IPEndPoint Source { get; }

    /// <summary>The listener it came through.</summary>
    public IOscReplyTransport Transport { get; }

    /// <summary>The client's id at the control facade.</summary>
    public ControlClientId Id { get; }

    /// <summary>The client's name in logs.</summary>
    public string Name { get; }

    /// <summary>When the client last sent anything (surface clock).</summary>
    public TimeSpan LastHeard { get; private set; }

    /// <summary>The bank (tests and the surface read it).</summary>
    public BankMap Bank { get; } = new();

    /// <summary>Strips shown in the current bank (strip ids 1 … this).</summary>
    public int VisibleStrips { get { lock (_gate) return Bank.Visible; } }

    /// <summary>The current feedback mask.</summary>
    public int FeedbackMask { get { lock (_gate) return _feedback; } }

    /// <summary>Subscribes to the hub and sends the full state; called once after the client is in the surface's table.</summary>
    public void Start(FeedbackRates rates)
    {
        lock (_gate)
        {
            Rebuild(_surface.Strips);
            SendFullState();
        }
        _subscription = _control.Feedback.Subscribe(this, rates);
    }

    /// <summary>Stops feedback, releases every touch and unregisters the client.</summary>
    public void Stop()
    {
        _subscription?.Dispose();
        lock (_gate)
            foreach (int slot in _touch.ReleaseAll()) EndTouch(slot);
        _control.UnregisterClient(Id);
    }

    /// <summary>Notes that the client spoke at <paramref name="now"/>.</summary>
    public void Heard(TimeSpan now)
    {
        lock (_gate) LastHeard = now;
    }

    /// <summary>Ends implied touches older than the timeout; toggles the heartbeat when <paramref name="beat"/>. Tick thread.</summary>
    public void Tick(TimeSpan now, bool beat)
    {
        lock (_gate)
        {
            foreach (int slot in _touch.Expired(now)) EndTouch(slot);
            if (beat && (_feedback & Heartbeat) != 0)
            {
                _heartbeat = !_heartbeat;
                Send("/heartbeat", _heartbeat ? 1f : 0f);
            }
        }
    }

    /// <summary>The strip list changed (a session edit): re-filter, re-clamp the bank and resend. Any control thread.</summary>
    public void StripsChanged(IReadOnlyList<SurfaceStrip> strips)
    {
        lock (_gate)
        {
            Rebuild(strips);
            SendFullState();
        }
    }

    /// <summary>Applies <c>/set_surface</c> values (null keeps a setting) and resends the full state.</summary>
    public void Configure(int? bankSize, int? stripTypes, int? feedback, int? gainMode, int? port, string address)
    {
        lock (_gate)
        {
            if (bankSize is < 0 || stripTypes is < 0 || feedback is < 0 || gainMode is < 0 or > 3 || port is < 0 or > 65535)
                throw new OscCommandException(address, "expected bank_size ≥ 0, strip_types ≥ 0, feedback ≥ 0, gainmode 0 … 3 and port 0 … 65535");
            if (bankSize is { } b) Bank.SetBankSize(b);
            if (stripTypes is { } t) _stripTypes = t;
            if (feedback is { } f) _feedback = f;
            if (gainMode is { } g) _gainMode = g;
            if (port is { } p) ReplyEndPoint = ReplyTo(p);
            Rebuild(_strips);
            SendFullState();
        }
    }

    /// <summary>Moves the bank by <paramref name="banks"/> and resends the strips (or only the bank LEDs when it could not move).</summary>
    public void MoveBank(int banks)
    {
        lock (_gate)
        {
            if (Bank.Move(banks))
            {
                RebuildSlotMap();
                SendFullState();
            }
            else SendBankButtons();
        }
    }

    /// <summary>Resends everything the client shows (<c>/refresh</c>).</summary>
    public void Refresh()
    {
        lock (_gate) SendFullState();
    }

    /// <summary>The strip at 1-based <paramref name="ssid"/> of the current bank; throws naming the address when there is none.</summary>
    public SurfaceStrip StripAt(int ssid, string address)
    {
        lock (_gate)
        {
            int index = Bank.StripAt(ssid);
            if (index < 0) throw new OscCommandException(address, $"strip id {ssid} is not in the current bank; expected 1 … {Bank.Visible}");
            return _strips[_accepted[index]];
        }
    }

    /// <summary>Sets a parameter for this client (starting or extending an implied touch when <paramref name="impliedTouch"/>) and records what the client now shows.</summary>
    public double Set(ParameterHandle parameter, double value, ValueMode mode, OscRepresentation shown, TimeSpan now, bool impliedTouch)
    {
        lock (_gate)
        {
            if (impliedTouch && _touch.Value(parameter.Slot, now)) BeginTouch(parameter.Slot, parameter);
            double result = _control.SetParameter(Id, parameter, value, mode);
            _echo.Received(Key(parameter.Slot, shown), mode == ValueMode.Normalized ? Math.Clamp(value, 0, 1) : result);
            return result;
        }
    }

    /// <summary>An explicit touch or release from the client.</summary>
    public void Touch(ParameterHandle parameter, bool touched)
    {
        lock (_gate)
        {
            bool was = _touch.IsTouched(parameter.Slot);
            _touch.Explicit(parameter.Slot, touched);
            if (touched && !was) BeginTouch(parameter.Slot, parameter);
            else if (!touched && was) EndTouch(parameter.Slot);
        }
    }

    /// <summary>Watches (or, with <paramref name="on"/> false, stops watching) a parameter in the <c>/mixengine</c> namespace and sends its value now.</summary>
    public void Watch(ParameterHandle parameter, bool position, bool on)
    {
        lock (_gate)
        {
            var map = position ? _watchPosition : _watchNatural;
            int key = 2 * parameter.Slot + (position ? 1 : 0);
            if (!on)
            {
                map.Remove(parameter.Slot);
                _watchDescriptors.Remove(key);
                return;
            }
            if (!map.TryGetValue(parameter.Slot, out string? address) || !_watchDescriptors.TryGetValue(key, out var built) || !ReferenceEquals(built, parameter.Descriptor))
            {
                address = OscAddresses.ForParameter(position, parameter.Address.ToString());
                map[parameter.Slot] = address;
                _watchDescriptors[key] = parameter.Descriptor;
            }
            var rep = position ? OscRepresentation.NamespacePosition : OscRepresentation.NamespaceNatural;
            _echo.Forget(Key(parameter.Slot, rep));
            SendValue(address, -1, parameter.Slot, rep, position ? _control.GetShownNormalized(parameter) : _control.GetShownValue(parameter), force: true);
        }
    }

    /// <summary>Watches the meters of a strip (<c>/mixengine/meter/&lt;prefix&gt;</c>) or stops watching them.</summary>
    public void WatchMeter(string prefix, int channels, bool on)
    {
        lock (_gate)
        {
            if (!on) _watchMeters.Remove(prefix);
            else
            {
                // NaN never equals a reading, so the first meter tick sends every channel, whatever its level.
                var last = new double[Math.Max(1, channels)];
                Array.Fill(last, double.NaN);
                _watchMeters[prefix] = (OscAddresses.Meter + OscAddresses.Escape(prefix), last);
            }
        }
    }

    /// <summary>Watches the transport in the <c>/mixengine</c> namespace and sends it now.</summary>
    public void WatchTransport(bool on)
    {
        lock (_gate)
        {
            _watchTransport = on;
            if (on) SendNamespaceTransport(_control.Transport, force: true);
        }
    }

    /// <summary>Sends <c>/mixengine/strip i:number s:prefix</c> (an answer to <c>/strip/list</c> or <c>/mixengine/strips</c>).</summary>
    public void ReplyStrip(int number, string prefix)
    {
        lock (_gate)
        {
            var w = new OscWriter(_buffer, "/mixengine/strip", "is");
            w.Int32(number);
            w.String(prefix);
            Flush(w.Length);
        }
    }

    /// <summary>Sends one string reply (pings, queries); any control thread.</summary>
    public void Reply(string address, string text)
    {
        lock (_gate) Send(address, text);
    }

    /// <summary>Sends a rate-limited error reply <c>/mixengine/error s:address s:problem</c>; false when the client's error budget is spent.</summary>
    public bool SendError(string address, string problem)
    {
        lock (_gate)
        {
            if (!_errors.TryTake(Stopwatch.GetTimestamp())) return false;
            var w = new OscWriter(_buffer, "/mixengine/error", "ss");
            w.String(address);
            w.String(problem);
            Flush(w.Length);
            return true;
        }
    }

    /// <summary>The selected strip changed: resend <c>/strip/select</c> for the visible strips.</summary>
    public void SelectionChanged()
    {
        lock (_gate)
            if ((_feedback & StripButtons) != 0)
                for (int ssid = 1; ssid <= Bank.Visible; ssid++)
                    SendSelect(ssid, _strips[_accepted[Bank.StripAt(ssid)]]);
    }

    private void BeginTouch(int slot, ParameterHandle parameter)
    {
        _echo.Hold(slot);
        _touched[slot] = parameter;
        _control.BeginTouch(Id, parameter);
    }

    private void EndTouch(int slot)
    {
        _echo.Release(slot);
        if (!_touched.Remove(slot, out var parameter)) return;
        try
        {
            _control.EndTouch(Id, parameter);
            if (_slotMap.TryGetValue(slot, out int entry))
                SendStripValue(entry >> 3, entry & 7, slot, _control.GetShownValue(parameter), _control.GetShownNormalized(parameter), force: false);
        }
        catch (ParameterAddressException)
        {
            // The parameter was removed by a session edit while touched: nothing is left to release.
        }
    }

    private IPEndPoint ReplyTo(int port)
    {
        if (Transport.IsConnection) return Source;
        int chosen = port != 0 ? port : _defaultReplyPort != 0 ? _defaultReplyPort : Source.Port;
        return chosen == Source.Port ? Source : new IPEndPoint(Source.Address, chosen);
    }

    private static int Key(int slot, OscRepresentation shown) => slot * 8 + (int)shown;
}
