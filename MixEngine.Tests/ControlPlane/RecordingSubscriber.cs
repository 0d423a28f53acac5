using MixEngine.Automation;
using MixEngine.ControlPlane;

namespace MixEngine.Tests.ControlPlane;

/// <summary>Keeps every feedback callback it receives (thread-safe lists, for hubs on their own thread).</summary>
internal sealed class RecordingSubscriber : IFeedbackSubscriber, IControlMoveSink
{
    private readonly object _gate = new();
    private readonly List<ParameterChange> _parameters = new();
    private readonly List<TouchChange> _touches = new();
    private readonly List<TransportSnapshot> _transports = new();
    private readonly List<ControlMove> _moves = new();
    private readonly List<int> _meters = new();
    private readonly List<MonitorState> _monitors = new();
    private readonly List<AutomationModeChange> _modes = new();
    private readonly List<MarkerState> _markers = new();

    public List<MarkerState> Markers { get { lock (_gate) return _markers.ToList(); } }
    private readonly List<RecordArmState> _arms = new();

    public List<RecordArmState> Arms { get { lock (_gate) return _arms.ToList(); } }

    public List<MonitorState> Monitors { get { lock (_gate) return _monitors.ToList(); } }

    public List<ParameterChange> Parameters { get { lock (_gate) return _parameters.ToList(); } }

    public List<TouchChange> Touches { get { lock (_gate) return _touches.ToList(); } }

    public List<TransportSnapshot> Transports { get { lock (_gate) return _transports.ToList(); } }

    public List<ControlMove> Moves { get { lock (_gate) return _moves.ToList(); } }

    public List<AutomationModeChange> Modes { get { lock (_gate) return _modes.ToList(); } }

    /// <summary>Per meter delivery: the number of strips.</summary>
    public List<int> Meters { get { lock (_gate) return _meters.ToList(); } }

    /// <summary>Peak of strip 0, channel 0 in the last meter delivery.</summary>
    public double LastPeak { get; private set; }

    public void Clear()
    {
        lock (_gate)
        {
            _parameters.Clear();
            _touches.Clear();
            _transports.Clear();
            _moves.Clear();
            _meters.Clear();
            _monitors.Clear();
            _modes.Clear();
            _markers.Clear();
            _arms.Clear();
        }
    }

    public void OnParameterChanged(in ParameterChange change)
    {
        lock (_gate) _parameters.Add(change);
    }

    public void OnRecordArm(RecordArmState arms)
    {
        lock (_gate) _arms.Add(arms);
    }

    public void OnTouchChanged(in TouchChange change)
    {
        lock (_gate) _touches.Add(change);
    }

    public void OnAutomationModeChanged(in AutomationModeChange change)
    {
        lock (_gate) _modes.Add(change);
    }

    public void OnTransport(in TransportSnapshot transport)
    {
        lock (_gate) _transports.Add(transport);
    }

    public void OnMeters(IMeterReadings meters)
    {
        lock (_gate)
        {
            _meters.Add(meters.StripCount);
            LastPeak = meters.PeakDb(0, 0);
        }
    }

    public void OnMonitor(MonitorState monitor)
    {
        lock (_gate) _monitors.Add(monitor);
    }

    public void OnMarkers(MarkerState markers)
    {
        lock (_gate) _markers.Add(markers);
    }

    public void OnControlMove(in ControlMove move)
    {
        lock (_gate) _moves.Add(move);
    }
}
