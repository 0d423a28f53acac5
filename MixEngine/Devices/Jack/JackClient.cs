namespace MixEngine.Devices.Jack;

/// <summary>
/// One libjack client session: opened on a server (never starting one), checked against the session's sample rate,
/// with one output port per engine port and the <see cref="JackProcess"/> callbacks registered; activated, connected
/// by the <see cref="JackConnection"/> rules, deactivated and closed. A new one is made for every (re)connection.
/// <para>Thread rules: control side only (the JACK device's caller or its supervisor thread); every method may block
/// on the server.</para>
/// </summary>
internal sealed class JackClient : IDisposable
{
    private readonly JackDeviceOptions _options;
    private nint _handle;
    private bool _active;

    private JackClient(JackDeviceOptions options, nint handle, string name, int sampleRate, int blockSize, nint[] ports)
    {
        _options = options;
        _handle = handle;
        Name = name;
        SampleRate = sampleRate;
        BlockSize = blockSize;
        Ports = ports;
    }

    /// <summary>The client name the server gave.</summary>
    public string Name { get; }

    /// <summary>The server's sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>The server's period when the client opened.</summary>
    public int BlockSize { get; }

    /// <summary>The registered output ports, in engine port order.</summary>
    public nint[] Ports { get; }

    /// <summary>
    /// Opens a client, refuses a server whose rate differs from <see cref="JackDeviceOptions.SampleRate"/>, registers
    /// <paramref name="portNames"/> as outputs and <paramref name="process"/>'s callbacks; throws
    /// <see cref="AudioDeviceException"/> naming the server (and the port or both rates) when anything fails.
    /// </summary>
    public static JackClient Open(JackDeviceOptions options, IReadOnlyList<string> portNames, JackProcess process)
    {
        JackLibrary.EnsureLoaded();
        JackLibrary.ClearLastError();
        string server = options.ServerDisplayName;
        int flags = LibJack.NoStartServer | (options.ServerName is null ? 0 : LibJack.ServerName);
        nint handle = LibJack.jack_client_open(options.ClientName, flags, out int status, options.ServerName);
        if (handle == 0)
            throw new AudioDeviceException(
                $"JACK: cannot open client '{options.ClientName}' on server '{server}': {JackLibrary.DescribeStatus(status)}{Quote(JackLibrary.LastError)}; is a JACK server (jackd, or PipeWire's JACK layer) running?");
        try
        {
            int rate = (int)LibJack.jack_get_sample_rate(handle);
            if (rate != options.SampleRate)
                throw new AudioDeviceException(
                    $"JACK: server '{server}' runs at {rate} Hz but the session runs at {options.SampleRate} Hz; restart the server at {options.SampleRate} Hz (jackd -r {options.SampleRate}) or use a session at {rate} Hz");
            var ports = new nint[portNames.Count];
            for (int p = 0; p < ports.Length; p++)
            {
                ports[p] = LibJack.jack_port_register(handle, portNames[p], LibJack.DefaultAudioType, LibJack.PortIsOutput, 0);
                if (ports[p] == 0)
                    throw new AudioDeviceException($"JACK: server '{server}' refused output port '{portNames[p]}'{Quote(JackLibrary.LastError)}");
            }
            process.Register(handle);
            string name = LibJack.Text(LibJack.jack_get_client_name(handle)) ?? options.ClientName;
            return new JackClient(options, handle, name, rate, (int)LibJack.jack_get_buffer_size(handle), ports);
        }
        catch
        {
            LibJack.jack_client_close(handle);
            throw;
        }
    }

    /// <summary>Starts the process callbacks; throws <see cref="AudioDeviceException"/> when the server refuses.</summary>
    public void Activate()
    {
        if (LibJack.jack_activate(_handle) != 0)
            throw new AudioDeviceException($"JACK: server '{_options.ServerDisplayName}' refused to activate client '{Name}'{Quote(JackLibrary.LastError)}");
        _active = true;
    }

    /// <summary>Stops the process callbacks; returns after the last one finished.</summary>
    public void Deactivate()
    {
        if (!_active) return;
        LibJack.jack_deactivate(_handle);
        _active = false;
    }

    /// <summary>
    /// Applies the connection rules to the engine's ports (<paramref name="portNames"/>, short names); returns one
    /// sentence per connection made, refused or left without a destination, for the log.
    /// </summary>
    public List<string> Connect(IReadOnlyList<string> portNames)
    {
        var report = new List<string>();
        if (_options.Connections.Count == 0) return report;
        var inputs = LibJack.TakePortList(LibJack.jack_get_ports(_handle, null, LibJack.DefaultAudioType, LibJack.PortIsInput));
        foreach (var rule in _options.Connections)
        {
            var (pairs, unpaired) = rule.Resolve(portNames, inputs);
            if (pairs.Count == 0 && unpaired.Count == 0) report.Add($"connection '{rule}' matches none of the engine's ports");
            foreach (var (source, destination) in pairs)
            {
                string from = $"{Name}:{portNames[source]}";
                int result = LibJack.jack_connect(_handle, from, destination);
                report.Add(result is 0 or Eexist
                    ? $"connected {from} -> {destination}"
                    : $"connection '{rule}': the server refused {from} -> {destination}{Quote(JackLibrary.LastError)}");
            }
            foreach (int source in unpaired) report.Add($"connection '{rule}': no destination left for {Name}:{portNames[source]}");
        }
        return report;
    }

    /// <summary>Closes the client (a dead server's client too), freeing its ports.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        LibJack.jack_client_close(_handle);
        _handle = 0;
    }

    /// <summary>" (libjack: ...)" for a libjack error line, or nothing.</summary>
    internal static string Quote(string? libjackError) => libjackError is null ? "" : $" (libjack: {libjackError})";

    /// <summary>EEXIST on Linux: jack_connect's answer for a connection that already exists.</summary>
    private const int Eexist = 17;
}
