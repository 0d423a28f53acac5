using System.Diagnostics;
using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// A MIDI device driven through a <see cref="MappingProfile"/> ("EUCON-style", docs/surfaces.md, Mapping layer): its
/// controls set parameters and run commands through <see cref="IMixControl"/> only, and every value a control shows is
/// sent back in the control's own encoding when anyone changes it. The strips shown come from the current view (every
/// strip, a session layout, or a spilled VCA's or bus's members) through a bank the size of the profile's strips; the
/// attention encoders follow the last selected strip's EQ or dynamics page by page; soft keys run the commands of the
/// current page. Feedback rules: a control's own moves are not sent back (a motor fader profile with <c>echo</c> gets
/// every accepted move back instead, the servo rule); a touched control (its touch sensor, or an implied touch while it
/// keeps moving) is never moved by the engine and gets the current value when released. Learn binds the next control
/// moved to a target (<see cref="LearnAsync"/>).
/// <para>Thread rules: the port's reader task, the feedback hub's thread, the surface's tick thread and callers of the
/// public members come in; all state is guarded by one lock and output is queued and written by a send task, so no
/// port write happens under the lock. Never touches engine internals; never runs on the audio thread.</para>
/// </summary>
public sealed partial class MappedSurface : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly IMixControl _control;
    private readonly IMidiPort _port;
    private readonly MappedSurfaceOptions _options;
    private readonly int _sampleRate;
    private readonly MidiOutputQueue _output;
    private readonly MidiPortReader _reader;
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly SurfaceLogGate _log;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IDisposable _subscription;
    private MappingProfile _profile;
    private MappingInput _input;
    private readonly TouchTimeout _touches;
    private ParameterHandle?[] _targets = [];
    private int[] _sent = [];
    private readonly Dictionary<int, ParameterHandle> _held = [];
    private long _unhandled, _malformed, _sendFailures;
    private bool _dirty;

    /// <summary>
    /// Creates the surface over <paramref name="control"/> for the device on <paramref name="port"/> with
    /// <paramref name="profile"/>, at session rate <paramref name="sampleRate"/> (for the shuttle commands), sends the
    /// device its whole state and starts the reader, send and tick threads. The caller keeps owning the port. Control thread.
    /// </summary>
    public MappedSurface(IMixControl control, IMidiPort port, MappingProfile profile, int sampleRate, MappedSurfaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _options = options ?? new MappedSurfaceOptions();
        _options.Validate();
        _control = control;
        _port = port;
        _sampleRate = sampleRate;
        _profile = profile;
        _input = new MappingInput(profile);
        _touches = new TouchTimeout(profile.TouchTimeout);
        _log = new SurfaceLogGate(_options.Log);
        _output = new MidiOutputQueue(port);
        Client = control.RegisterClient($"mapped {port.Id} ({profile.Name})");
        lock (_gate)
        {
            Bank.SetBankSize(profile.Strips);
            RefreshStrips();
            Render();
        }
        WatchSession();
        _reader = new MidiPortReader(port, new PortInput(this));
        _tasks.Add(Task.Run(() => _output.SendLoopAsync(SendFailed, _stop.Token)));
        _tasks.Add(Task.Run(() => _reader.RunAsync(_stop.Token)));
        _subscription = control.Feedback.Subscribe(new Subscriber(this), new FeedbackRates(
            "mapped", _options.ValueInterval, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(100), Client));
        _thread = new Thread(Run) { IsBackground = true, Name = "mapped surface" };
        _thread.Start();
    }

    /// <summary>The surface's id at the control facade.</summary>
    public ControlClientId Client { get; }

    /// <summary>The port id the device is bound to.</summary>
    public string PortId => _port.Id;

    /// <summary>The profile file learned bindings are saved to, or null for a shipped profile.</summary>
    public string? ProfilePath => _options.ProfilePath;

    /// <summary>The bank over the current view (size = the profile's strips); read it only in tests that wait for quiet.</summary>
    public BankMap Bank { get; } = new();

    /// <summary>The attention page.</summary>
    public AttentionPages Attention { get; } = new();

    /// <summary>The profile in force (with any bindings learned since the start); any thread.</summary>
    public MappingProfile Profile
    {
        get { lock (_gate) return _profile; }
    }

    /// <summary>Messages no control of the profile uses (counted, logged at a bounded rate); any thread.</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);

    /// <summary>Malformed byte stretches dropped by the port's parser; any thread.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Sends the port refused; any thread.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Counters and view for a periodic log line.</summary>
    public override string ToString()
    {
        lock (_gate)
            return $"{_port.Id} ({_profile.Name}): view {ViewName}, strips {Bank.Offset + 1}…{Bank.Offset + Bank.Visible} of {Bank.StripCount}, attention {Attention}; " +
                $"unhandled {Unhandled}, malformed {Malformed}, send failures {SendFailures}";
    }

    /// <summary>Stops the threads, releases every touch and unregisters. Control thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _unwatch?.Invoke();
        await _stop.CancelAsync();
        _thread.Join();
        lock (_gate)
        {
            foreach (int key in _touches.ReleaseAll()) EndHeld(key);
            _learn?.Completion.TrySetCanceled();
            _learn = null;
        }
        _output.Complete();
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
                _log.Warn("tick", "mapped surface tick failed: {Error}", e.Message);
            }
        }
    }

    private void Tick(TimeSpan now)
    {
        if (!ReferenceEquals(_control.Descriptors, _source)) RefreshStrips();
        foreach (int key in _touches.Expired(now)) Release(key);
        TickLearn(now);
        if (_dirty) Render();
    }

    private void SendFailed(Exception e)
    {
        Interlocked.Increment(ref _sendFailures);
        _log.Warn("send", "mapped surface send failed: {Error}", e.Message);
    }

    private void CountUnhandled(string what)
    {
        Interlocked.Increment(ref _unhandled);
        _log.Info("unhandled", "mapped surface {Port}: {Message} is not in profile {Profile}; ignored", _port.Id, what, _profile.Name);
    }

    /// <summary>Feeds the port's parsed input to the surface.</summary>
    private sealed class PortInput(MappedSurface surface) : IMidiSink
    {
        public void OnMessage(MidiMessage message) => surface.Receive(message);

        public void OnSysEx(ReadOnlySpan<byte> sysEx) => surface.CountUnhandled($"SysEx of {sysEx.Length} bytes");

        public void OnMalformed(MidiFault fault)
        {
            Interlocked.Increment(ref surface._malformed);
            surface._log.Warn("malformed", "mapped surface {Port}: {Fault}", surface._port.Id, fault.ToString());
        }
    }

    /// <summary>Hands the hub's callbacks to the surface without making it a public subscriber.</summary>
    private sealed class Subscriber(MappedSurface surface) : IFeedbackSubscriber
    {
        public void OnParameterChanged(in ParameterChange change) => surface.MarkDirty();

        public void OnTouchChanged(in TouchChange change)
        {
        }

        public void OnAutomationModeChanged(in AutomationModeChange change) => surface.MarkDirty();

        public void OnTransport(in TransportSnapshot transport) => surface.TransportChanged(transport);

        public void OnMeters(IMeterReadings meters)
        {
        }
    }
}
