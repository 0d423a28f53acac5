using MixEngine.Automation;
using MixEngine.Realtime;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

/// <summary>
/// The <see cref="IMixControl"/> facade over a <see cref="RealtimeEngine"/>: the parameter table comes from the
/// session's <see cref="ParameterCatalog"/>; a set is validated and clamped on the calling thread, recorded as the
/// newest value (what <see cref="GetParameter"/> returns and the <see cref="FeedbackHub"/> fans out) and posted to the
/// engine's coalescing mailbox; touches are tracked per client and stamped by the audio thread; transport commands go
/// through the engine's command ring. Stamped moves come back to <see cref="AddMoveSink"/> sinks through the hub's pump.
/// <para>Thread rules: every member may be called from any control thread, concurrently, never from the audio thread.
/// Calls never wait for the audio thread. Handles stay valid across <see cref="ApplySession"/> while their parameter
/// exists (slots are keyed by the stable id form). Dispose stops the feedback hub's thread; the engine is not owned.</para>
/// </summary>
public sealed partial class MixControl : IMixControl, IDisposable
{
    private readonly RealtimeEngine _engine;
    private readonly ParameterValueBoard _values;
    private readonly ControlClients _clients = new();
    private readonly FeedbackHub _hub;
    private readonly object _edit = new();
    private ParameterSlots _slots;

    /// <summary>
    /// Creates the facade over <paramref name="engine"/> (which must still play the plan it was created with) and starts
    /// the feedback hub per <paramref name="hubOptions"/> (default: its own thread, 5 ms tick). Control side.
    /// </summary>
    public MixControl(RealtimeEngine engine, FeedbackHubOptions? hubOptions = null)
    {
        _engine = engine;
        _slots = ParameterSlots.First(engine.Session, engine.SlotCapacity);
        _values = new ParameterValueBoard(engine.SlotCapacity);
        for (int i = 0; i < _slots.UsedSlots; i++) _values.Seed(i, _slots.SessionValue(i));
        _hub = new FeedbackHub(this, engine, hubOptions ?? FeedbackHubOptions.Default);
        SendLiveBehaviours(_slots);
    }

    /// <inheritdoc/>
    public IReadOnlyList<ParameterDescriptor> Descriptors => Volatile.Read(ref _slots).Descriptors;

    /// <inheritdoc/>
    public IFeedbackHub Feedback => _hub;

    /// <summary>The hub as its concrete type (for <see cref="FeedbackHub.Pump"/> in manual mode and its counters).</summary>
    public FeedbackHub Hub => _hub;

    /// <summary>The session the current parameter table was built from (values as loaded or edited, not the live values; see <see cref="GetParameter"/>).</summary>
    public MixSession Session => Volatile.Read(ref _slots).Session;

    /// <inheritdoc/>
    public ControlClientId RegisterClient(string name) => _clients.Register(name);

    /// <inheritdoc/>
    public void UnregisterClient(ControlClientId client)
    {
        foreach (int slot in _clients.Unregister(client)) SendTouch(client, slot, touched: false, _values.Value(slot));
    }

    /// <inheritdoc/>
    public ParameterHandle Resolve(string address) => Volatile.Read(ref _slots).Resolve(address);

    /// <inheritdoc/>
    public double SetParameter(ControlClientId client, ParameterHandle parameter, double value, ValueMode mode = ValueMode.Absolute)
    {
        var descriptor = DescriptorOf(parameter);
        if (double.IsNaN(value)) throw new ArgumentException($"value for '{descriptor.Address}' is NaN; expected a number in {Range(descriptor)}", nameof(value));
        _clients.Check(client);
        int slot = parameter.Slot;
        lock (_values.StripeOf(slot))
        {
            double result = mode switch
            {
                ValueMode.Absolute => ParameterTaper.Clamp(descriptor, value),
                ValueMode.Normalized => ParameterTaper.FromNormalized(descriptor, value),
                ValueMode.Relative => Offset(descriptor, _values.Value(slot), value),
                _ => throw new ArgumentException($"value mode {mode} for '{descriptor.Address}' is unknown; expected Absolute, Normalized or Relative", nameof(mode)),
            };
            _values.Change(slot, result, client);
            _engine.RequestParameter(slot, result, client);
            return result;
        }
    }

    /// <inheritdoc/>
    public double SetParameter(ControlClientId client, string address, double value, ValueMode mode = ValueMode.Absolute) =>
        SetParameter(client, Resolve(address), value, mode);

    /// <inheritdoc/>
    public double GetParameter(ParameterHandle parameter)
    {
        DescriptorOf(parameter);
        return _values.Value(parameter.Slot);
    }

    /// <inheritdoc/>
    public double GetNormalized(ParameterHandle parameter) => ParameterTaper.ToNormalized(DescriptorOf(parameter), _values.Value(parameter.Slot));

    /// <inheritdoc/>
    public void BeginTouch(ControlClientId client, ParameterHandle parameter)
    {
        DescriptorOf(parameter);
        if (_clients.Touch(client, parameter.Slot)) SendTouch(client, parameter.Slot, touched: true, double.NaN);
    }

    /// <inheritdoc/>
    public void EndTouch(ControlClientId client, ParameterHandle parameter)
    {
        DescriptorOf(parameter);
        if (_clients.Release(client, parameter.Slot)) SendTouch(client, parameter.Slot, touched: false, _values.Value(parameter.Slot));
    }

    /// <summary>True when any client holds the parameter touched; any control thread.</summary>
    public bool IsTouched(ParameterHandle parameter) => _clients.IsTouched(parameter.Slot);

    /// <inheritdoc/>
    public void SetMute(ControlClientId client, string strip, bool muted) => SetSwitch(client, strip, "mute", muted);

    /// <inheritdoc/>
    public void SetSolo(ControlClientId client, string strip, bool soloed)
    {
        ArgumentException.ThrowIfNullOrEmpty(strip);
        if (Listens) SetListen(client, strip, soloed);
        else SetSwitch(client, strip, "solo", soloed);
    }

    /// <inheritdoc/>
    public void SetSoloSafe(ControlClientId client, string strip, bool safe) => SetSwitch(client, strip, "soloSafe", safe);

    /// <inheritdoc/>
    public TransportSnapshot Transport => _engine.ReadTransport();

    /// <inheritdoc/>
    public void Play(ControlClientId client) => Queue(client, new TransportCommand(TransportAction.Play));

    /// <inheritdoc/>
    public void Stop(ControlClientId client) => Queue(client, new TransportCommand(TransportAction.Stop));

    /// <inheritdoc/>
    public void Locate(ControlClientId client, long position)
    {
        if (position < 0) throw new ArgumentException($"locate position {position} is before the session start; expected 0 or more samples", nameof(position));
        Queue(client, new TransportCommand(TransportAction.Locate, position));
    }

    /// <inheritdoc/>
    public void Locate(ControlClientId client, Timecode timecode)
    {
        Queue(client, new TransportCommand(TransportAction.Locate, PositionOf(timecode)));
    }

    /// <inheritdoc/>
    public void SetLoop(ControlClientId client, LoopRange? loop)
    {
        loop?.Validate();
        Queue(client, new TransportCommand(TransportAction.SetLoop, loop?.Start ?? 0, loop?.End ?? 0));
    }

    /// <inheritdoc/>
    public void SetPreRoll(ControlClientId client, long samples)
    {
        if (samples < 0) throw new ArgumentException($"pre-roll {samples} is negative; expected 0 or more samples", nameof(samples));
        Queue(client, new TransportCommand(TransportAction.SetPreRoll, samples));
    }

    /// <inheritdoc/>
    public void ResetLoudness(ControlClientId client)
    {
        _clients.Check(client);
        _engine.RequestLoudnessReset();
    }

    /// <summary>
    /// Delivers every value and touch the audio thread applies, stamped with its block position, to
    /// <paramref name="sink"/> on the hub's thread until the result is disposed. Any control thread.
    /// </summary>
    public IDisposable AddMoveSink(IControlMoveSink sink) => _hub.AddMoveSink(sink);

    /// <summary>
    /// Replaces the session after a structural edit (tracks, buses, sends, routing added or removed): builds the plan
    /// from <paramref name="edited"/> with <paramref name="build"/> and installs it at the next block boundary. Parameters
    /// that exist before and after keep their slot (so handles stay valid) and their newest value: the plan is built from
    /// <paramref name="edited"/> with those values written in (<see cref="SessionParameterValues"/>), so unchanged strips
    /// continue without a ramp, and the engine sets them again as it swaps (covering values a session cannot hold). New parameters
    /// start at their value in <paramref name="edited"/>; handles of removed ones throw <see cref="ParameterAddressException"/>.
    /// Markers follow <paramref name="markers"/> (by default the edited session's replace the current ones).
    /// Returns the session the plan was built from. Any control thread (edits are serialised).
    /// </summary>
    public MixSession ApplySession(MixSession edited, Func<MixSession, Graph.RenderPlan> build, MarkerInstall markers = MarkerInstall.Replace)
    {
        lock (_edit)
        {
            var previous = Volatile.Read(ref _slots);
            edited = edited with { Markers = MarkersToInstall(edited, previous.Session.Markers, markers) };
            var next = previous.Next(edited);
            var carriedSlots = new List<(int Slot, double Value)>();
            var live = new List<(ParameterAddress Address, double Value)>();
            for (int slot = 0; slot < next.UsedSlots; slot++)
            {
                var descriptor = next.DescriptorOf(slot);
                if (descriptor is null) continue;
                if (previous.DescriptorOf(slot) is null)
                {
                    _values.Seed(slot, next.SessionValue(slot));
                    continue;
                }
                double value = _values.Value(slot);
                if (descriptor.Trimmable && previous.Session.Automation.ModeOf(descriptor.Address.ToString()).Trim) continue; // a trim offset, not the value
                carriedSlots.Add((slot, value));
                live.Add((descriptor.Address, value));
            }
            var carried = SessionParameterValues.With(edited, live);
            _engine.Install(build(carried), next.SlotAddresses(), carriedSlots);
            var installed = next.Next(carried);
            Volatile.Write(ref _slots, installed);
            SendLiveBehaviours(installed);
            MarkersInstalled(previous.Session.Markers, installed.Session.Markers, markers);
            return carried;
        }
    }

    /// <summary>The current descriptor of a handle's slot; throws <see cref="ParameterAddressException"/> when the parameter no longer exists.</summary>
    internal ParameterDescriptor DescriptorOf(ParameterHandle parameter) =>
        Volatile.Read(ref _slots).DescriptorOf(parameter.Slot)
        ?? throw new ParameterAddressException(parameter.Address.ToString(),
            $"parameter '{parameter.Address}' no longer exists in session '{Session.Name}' (removed by an edit); resolve the address again");

    /// <summary>The current parameter table (hub thread reads descriptors by slot).</summary>
    internal ParameterSlots Slots => Volatile.Read(ref _slots);

    /// <summary>The newest values with versions and sources (hub thread).</summary>
    internal ParameterValueBoard Values => _values;

    /// <summary>The name a client registered with; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public string ClientName(ControlClientId client) => _clients.NameOf(client);

    /// <summary>Stops the feedback hub's thread; control side.</summary>
    public void Dispose() => _hub.Dispose();

    private void SetSwitch(ControlClientId client, string strip, string parameter, bool on)
    {
        ArgumentException.ThrowIfNullOrEmpty(strip);
        SetParameter(client, Resolve($"{strip.TrimEnd('/')}/{parameter}"), on ? 1 : 0);
    }

    private void SendTouch(ControlClientId client, int slot, bool touched, double value)
    {
        _engine.RequestTouch(slot, client, touched, value);
        _hub.NoteTouch(slot, touched, client);
    }

    private void Queue(ControlClientId client, TransportCommand command)
    {
        _clients.Check(client);
        _engine.RequestTransport(command);
    }

    private static double Offset(ParameterDescriptor descriptor, double current, double offset)
    {
        if (descriptor.Unit == ParameterUnit.Boolean) return offset != 0 ? 1.0 - ParameterTaper.Clamp(descriptor, current) : ParameterTaper.Clamp(descriptor, current);
        return ParameterTaper.Clamp(descriptor, current + offset);
    }

    private static string Range(ParameterDescriptor d) => $"{d.Minimum} … {d.Maximum} {d.UnitSymbol}";
}
