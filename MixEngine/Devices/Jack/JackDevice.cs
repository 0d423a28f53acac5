namespace MixEngine.Devices.Jack;

/// <summary>
/// The JACK backend: a libjack client (JACK 2, or PipeWire's JACK layer) with one named output port per engine port,
/// running the device callback in JACK's process thread at the server's sample rate and period. It refuses a server
/// whose rate differs from the session's, follows period changes, counts xruns, and survives the server going away:
/// a supervisor thread closes the dead client, keeps the engine running on an internal real-time clock (a
/// <see cref="NullClockDevice"/> at the last period), and reconnects with a doubling backoff; on success the ports are
/// registered again, reconnected by the <see cref="JackConnection"/> rules, and the callback moves back to JACK.
/// <para>Thread rules as <see cref="IAudioDevice"/>: Open, Start, Stop and Dispose are control side (serialised by a
/// lock the audio thread never takes); the callback runs on JACK's process thread or the stand-in clock's thread, never
/// both at once. <see cref="StatusChanged"/> and <see cref="Notice"/> are raised on the caller's thread or the
/// supervisor thread.</para>
/// </summary>
public sealed class JackDevice : IAudioDevice
{
    private static readonly TimeSpan SupervisorPoll = TimeSpan.FromMilliseconds(50);

    private readonly JackDeviceOptions _options;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _disposing = new(false);
    private JackProcess? _process;
    private JackClient? _client;
    private NullClockDevice? _standIn;
    private Thread? _supervisor;
    private string[] _portNames = [];
    private IAudioDeviceCallback? _callback;
    private volatile AudioDeviceStatus _status = AudioDeviceStatus.Closed;
    private int _sampleRate;
    private long _reconnections;

    /// <summary>Creates the device (nothing is opened yet); control side.</summary>
    public JackDevice(JackDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ClientName)) throw new ArgumentException("JACK client name is empty", nameof(options));
        _options = options;
    }

    /// <inheritdoc/>
    public string Name => "jack";

    /// <inheritdoc/>
    public int SampleRate => _sampleRate;

    /// <inheritdoc/>
    public int BlockSize => _process?.BlockSize ?? 0;

    /// <inheritdoc/>
    public AudioDeviceStatus Status => _status;

    /// <summary>The client name the server gave (the asked name, or a unique variant of it); empty before <see cref="Open"/>.</summary>
    public string ClientName { get; private set; } = "";

    /// <summary>Full names of the output ports ("client:PM_712:L"), in port order.</summary>
    public IReadOnlyList<string> FullPortNames => _portNames.Select(p => $"{ClientName}:{p}").ToArray();

    /// <summary>Xruns the server reported since <see cref="Open"/> (over every reconnection); any thread.</summary>
    public long Xruns => _process?.Xruns ?? 0;

    /// <summary>JACK process cycles run since <see cref="Open"/>; any thread.</summary>
    public long Cycles => _process?.Cycles ?? 0;

    /// <summary>Cycles that played silence because the callback threw or the period was too long; any thread.</summary>
    public long Faults => _process?.Faults ?? 0;

    /// <summary>Times the device reconnected after the server went away; any thread.</summary>
    public long Reconnections => Interlocked.Read(ref _reconnections);

    /// <inheritdoc/>
    public event Action<AudioDeviceStatus>? StatusChanged;

    /// <summary>A sentence for the log: connections made, server lost, reconnection attempts, period changes. Raised on a control or the supervisor thread.</summary>
    public event Action<string>? Notice;

    /// <inheritdoc/>
    public void Open(IReadOnlyList<string> outputPorts)
    {
        lock (_gate)
        {
            if (_status != AudioDeviceStatus.Closed) throw new AudioDeviceException("JACK: Open called twice; Dispose the device first");
            var duplicate = outputPorts.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new AudioDeviceException($"JACK: output port name '{duplicate.Key}' is given twice");
            if (outputPorts.FirstOrDefault(string.IsNullOrWhiteSpace) is { } empty) throw new AudioDeviceException("JACK: an output port name is empty");
            _portNames = outputPorts.ToArray();
            var process = new JackProcess(_portNames.Length);
            try
            {
                Attach(JackClient.Open(_options, _portNames, process), process);
            }
            catch
            {
                process.Dispose();
                throw;
            }
            _process = process;
            SetStatus(AudioDeviceStatus.Open);
            _supervisor = new Thread(Supervise) { Name = "jack device supervisor", IsBackground = true };
            _supervisor.Start();
        }
    }

    /// <inheritdoc/>
    public void Start(IAudioDeviceCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (_status is not (AudioDeviceStatus.Open or AudioDeviceStatus.Disconnected) || _callback is not null)
                throw new AudioDeviceException($"JACK: Start needs an opened, stopped device; it is {_status}");
            _callback = callback;
            if (_client is null)
            {
                StartStandIn();
                return;
            }
            _process!.Callback = callback;
            _client.Activate();
            ReportConnections(_client.Connect(_portNames));
            SetStatus(AudioDeviceStatus.Running);
        }
    }

    /// <inheritdoc/>
    public void Stop()
    {
        lock (_gate)
        {
            if (_callback is null) return;
            _client?.Deactivate();
            StopStandIn();
            _process!.Callback = null;
            _callback = null;
            if (_status == AudioDeviceStatus.Running) SetStatus(AudioDeviceStatus.Open);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposing.IsSet) return;
        _disposing.Set();
        _supervisor?.Join();
        lock (_gate)
        {
            Stop();
            _client?.Dispose();
            _client = null;
            _process?.Dispose();
            if (_status != AudioDeviceStatus.Closed) SetStatus(AudioDeviceStatus.Closed);
        }
        _disposing.Dispose();
    }

    private void Attach(JackClient client, JackProcess process)
    {
        _client = client;
        _sampleRate = client.SampleRate;
        process.BlockSize = client.BlockSize;
        process.Ports = client.Ports;
        ClientName = client.Name;
    }

    private void Supervise()
    {
        while (!_disposing.Wait(SupervisorPoll))
        {
            var process = _process!;
            if (process.TakeBlockSizeChanged()) Notice?.Invoke($"JACK period changed to {process.BlockSize} frames");
            if (process.TakeServerGone()) Reconnect(process);
        }
    }

    private void Reconnect(JackProcess process)
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
            process.Callback = null;
            SetStatus(AudioDeviceStatus.Disconnected);
            Notice?.Invoke($"JACK server '{_options.ServerDisplayName}' went away ({process.ShutdownReason ?? "no reason given"}); "
                + (_callback is null ? "reconnecting" : "the engine keeps running on the internal clock while reconnecting"));
            if (_callback is not null) StartStandIn();
        }
        var delay = _options.FirstRetryDelay;
        while (!_disposing.Wait(delay))
        {
            lock (_gate)
            {
                try
                {
                    Attach(JackClient.Open(_options, _portNames, process), process);
                }
                catch (AudioDeviceException e)
                {
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                    Notice?.Invoke($"JACK reconnection failed: {e.Message}; next attempt in {delay.TotalSeconds:0.###} s");
                    continue;
                }
                Interlocked.Increment(ref _reconnections);
                if (_callback is not null)
                {
                    StopStandIn();
                    process.Callback = _callback;
                    _client!.Activate();
                    SetStatus(AudioDeviceStatus.Running);
                    ReportConnections(_client.Connect(_portNames));
                }
                else SetStatus(AudioDeviceStatus.Open);
                Notice?.Invoke($"JACK reconnected to server '{_options.ServerDisplayName}' as '{ClientName}': {SampleRate} Hz, {BlockSize} frames per period");
                return;
            }
        }
    }

    private void StartStandIn()
    {
        int block = Math.Max(1, _process!.BlockSize);
        _standIn = new NullClockDevice(_options.SampleRate, Math.Min(block, JackProcess.MaxFrames), NullClockPace.RealTime);
        _standIn.Open(_portNames);
        _standIn.Start(_callback!);
    }

    private void StopStandIn()
    {
        _standIn?.Dispose();
        _standIn = null;
    }

    private void ReportConnections(List<string> report)
    {
        foreach (var line in report) Notice?.Invoke($"JACK {line}");
    }

    private void SetStatus(AudioDeviceStatus status)
    {
        _status = status;
        StatusChanged?.Invoke(status);
    }
}
