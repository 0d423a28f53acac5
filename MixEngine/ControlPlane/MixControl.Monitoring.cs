using MixEngine.Realtime;
using MixEngine.Session;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    private readonly object _monitorGate = new();
    private readonly List<(string Id, string Address)> _listening = [];
    private MonitorState? _monitorState;

    /// <inheritdoc/>
    public MonitorState Monitor => Volatile.Read(ref _monitorState) ?? InitialMonitor();

    /// <summary>The monitor state last changed by a client, or null before the first change (hub thread polls it without allocating).</summary>
    internal MonitorState? PublishedMonitor => Volatile.Read(ref _monitorState);

    /// <inheritdoc/>
    public void SetSoloMode(ControlClientId client, SoloMode mode)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentException($"solo mode {mode} is unknown; expected InPlace, AfterFader or PreFader", nameof(mode));
        _clients.Check(client);
        PublishMonitor(client, s =>
        {
            if (mode == SoloMode.InPlace) _listening.Clear();
            return s with { SoloMode = mode };
        });
    }

    /// <inheritdoc/>
    public void SetMonitorSource(ControlClientId client, string? bus)
    {
        _clients.Check(client);
        var session = Session;
        string id = bus is null ? PlanMeters.Printmaster(session) ?? throw new ArgumentException($"session '{session.Name}' has no bus to monitor", nameof(bus))
            : OutputPort.MonitorSourceId(session, bus);
        string name = session.Buses.First(b => b.Id == id).Name;
        PublishMonitor(client, s => s with { Source = id, SourceName = name });
    }

    /// <inheritdoc/>
    public void SetDim(ControlClientId client, bool dimmed)
    {
        _clients.Check(client);
        PublishMonitor(client, s => s with { Dimmed = dimmed });
    }

    /// <inheritdoc/>
    public void SetDimLevel(ControlClientId client, double decibels)
    {
        if (!(decibels is >= -80 and <= 0)) throw new ArgumentOutOfRangeException(nameof(decibels), decibels, "dim level must be −80 … 0 dB");
        _clients.Check(client);
        PublishMonitor(client, s => s with { DimDb = decibels });
    }

    /// <inheritdoc/>
    public void SetMonoCheck(ControlClientId client, bool mono)
    {
        _clients.Check(client);
        PublishMonitor(client, s => s with { Mono = mono });
    }

    /// <summary>Adds or removes a strip (<c>track/DX 1</c>, <c>bus/FX</c>) from the AFL/PFL listen set; what <see cref="SetSolo"/> does outside solo in place.</summary>
    private void SetListen(ControlClientId client, string strip, bool listen)
    {
        var address = Resolve($"{strip.TrimEnd('/')}/solo").Address;
        var session = Session;
        string id = address.Scope == ParameterScope.Track ? session.Tracks.First(t => t.Name == address.Target).Id : session.Buses.First(b => b.Name == address.Target).Id;
        string name = $"{address.ToString()[..^"/solo".Length]}";
        _clients.Check(client);
        PublishMonitor(client, s =>
        {
            _listening.RemoveAll(l => l.Id == id);
            if (listen) _listening.Add((id, name));
            return s;
        });
    }

    /// <summary>True when <see cref="SetSolo"/> listens on the monitor instead of soloing the mix.</summary>
    private bool Listens => Monitor.SoloMode != SoloMode.InPlace;

    private void PublishMonitor(ControlClientId client, Func<MonitorState, MonitorState> change)
    {
        lock (_monitorGate)
        {
            var previous = _monitorState ?? InitialMonitor();
            var next = change(previous) with
            {
                Listening = _listening.Select(l => l.Address).ToArray(),
                ChangedBy = client,
                Version = previous.Version + 1,
            };
            if (_engine.Monitor is { } path)
            {
                path.SetDimDb(next.DimDb);
                path.SetDim(next.Dimmed);
                path.SetMono(next.Mono);
                _engine.SetMonitor(new MonitorRequest(next.Source, next.SoloMode == SoloMode.InPlace ? [] : _listening.Select(l => l.Id).ToArray(),
                    next.SoloMode == SoloMode.PreFader));
            }
            Volatile.Write(ref _monitorState, next);
        }
    }

    private MonitorState InitialMonitor()
    {
        var session = _engine.Session;
        string source = PlanMeters.Printmaster(session) ?? "";
        string name = session.Buses.FirstOrDefault(b => b.Id == source)?.Name ?? "";
        return new MonitorState(SoloMode.InPlace, source, name, [], false, MonitorPath.DefaultDimDb, false, ControlClientId.None, 0);
    }
}
