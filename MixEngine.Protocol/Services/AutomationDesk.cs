using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Protocol.Services;

/// <summary>What an automation change did: the addresses whose lanes changed and the undo history's depths after it.</summary>
/// <param name="Addresses">Lanes that differ before and after, in ordinal order.</param>
/// <param name="UndoDepth">Automation steps that can be undone.</param>
/// <param name="RedoDepth">Automation steps that can be redone.</param>
public sealed record AutomationChange(IReadOnlyList<string> Addresses, int UndoDepth, int RedoDepth);

/// <summary>
/// The running session's automation as gRPC clients change it outside a live pass (docs/grpc.md, Automation): lanes put
/// whole, Write to Current, glide and snapshot over a range (<see cref="AutomationEdits"/>), scripted passes through an
/// <see cref="AutomationRecorder"/>, and their undo and redo (<see cref="AutomationHistory"/>, one step per change).
/// Every change goes through <see cref="SessionHistory.ChangeAutomation"/>: serialised with loads and edits, installed at
/// a block boundary, announced as action <c>automation</c>. Bad input throws <see cref="ArgumentException"/> or
/// <see cref="ParameterAddressException"/> naming the request field, with nothing changed. Thread-safe; request threads.
/// </summary>
public sealed class AutomationDesk(MixControl control, SessionHistory session)
{
    private readonly AutomationHistory _history = new();

    /// <summary>Replaces the lane of <paramref name="address"/> by <paramref name="points"/> and <paramref name="trim"/> (empty removes it, a mode of its own stays).</summary>
    public AutomationChange PutLane(string address, IReadOnlyList<AutomationPoint> points, IReadOnlyList<AutomationPoint> trim, string source) =>
        Change(source, $"put lane {address}", live =>
        {
            var catalog = ParameterCatalog.For(live);
            var setting = Automatable(catalog, address, "address");
            if (trim.Count > 0 && !setting.Descriptor.Trimmable)
                throw new ArgumentException($"trim_points: '{setting.Descriptor.Address}' is not a gain-type parameter and has no trim curve; send trim points for faders and send levels only");
            string name = setting.Descriptor.Address.ToString();
            var lane = live.Automation.Lane(name) ?? new AutomationLane(name, AutomationCurve.Empty, AutomationCurve.Empty);
            return live.Automation.WithLane(lane with
            {
                Curve = Curve(points, "points", setting.Descriptor.Minimum, setting.Descriptor.Maximum, setting.Descriptor),
                Trim = Curve(trim, "trim_points", double.MinValue, double.MaxValue, setting.Descriptor),
            });
        });

    /// <summary>
    /// Write to Current: every parameter of <paramref name="addresses"/> (strips expand to their automatable parameters)
    /// takes its current value over the range <paramref name="target"/> picks around the transport position, within the
    /// selection [<paramref name="selectionStart"/>, <paramref name="selectionEnd"/>] (null: the session).
    /// </summary>
    public AutomationChange WriteTo(IReadOnlyList<string> addresses, WriteTarget target, long? selectionStart, long? selectionEnd, string source) =>
        Change(source, $"write-to {target}", live =>
        {
            long position = control.Transport.Position;
            long start = selectionStart ?? 0, end = selectionEnd ?? live.TimelineEnd;
            var automation = live.Automation;
            foreach (var setting in Expand(ParameterCatalog.For(live), addresses))
            {
                var lane = LaneOf(automation, setting);
                var (from, to) = target switch
                {
                    WriteTarget.Start => (start, position),
                    WriteTarget.End => (position, end),
                    WriteTarget.All => (start, end),
                    WriteTarget.NextBreakpoint => (position, lane.Curve.Points.FirstOrDefault(p => p.Position > position) is { Position: > 0 } next ? next.Position : end),
                    _ => throw new ArgumentException($"target: Write-To {target} needs a running pass; outside a pass use start, end, all or next breakpoint"),
                };
                if (to < from)
                    throw new ArgumentException($"target: Write-To {target} from sample {from} to {to} is an empty range (transport at sample {position}); locate inside the selection first");
                automation = automation.WithLane(lane with { Curve = AutomationEdits.WriteValue(lane.Curve, from, to, Current(setting), setting.Value, IsSwitch(setting)) });
            }
            return automation;
        });

    /// <summary>Snapshot: every parameter of <paramref name="addresses"/> (strips expand) takes its current value over [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public AutomationChange Snapshot(IReadOnlyList<string> addresses, long start, long end, string source) =>
        Change(source, $"snapshot {start}-{end}", live =>
        {
            var automation = live.Automation;
            foreach (var setting in Expand(ParameterCatalog.For(live), addresses))
            {
                var lane = LaneOf(automation, setting);
                automation = automation.WithLane(lane with { Curve = AutomationEdits.WriteValue(lane.Curve, start, end, Current(setting), setting.Value, IsSwitch(setting)) });
            }
            return automation;
        });

    /// <summary>Glide: from the lane's value at <paramref name="start"/> a straight line to <paramref name="value"/> at <paramref name="end"/>, held to the next breakpoint.</summary>
    public AutomationChange Glide(string address, long start, long end, double value, string source) =>
        Change(source, $"glide {address}", live =>
        {
            var setting = Automatable(ParameterCatalog.For(live), address, "address");
            CheckValue(value, "value", setting.Descriptor);
            var lane = LaneOf(live.Automation, setting);
            return live.Automation.WithLane(lane with { Curve = AutomationEdits.GlideTo(lane.Curve, start, end, value, setting.Value) });
        });

    /// <summary>Runs a scripted pass (JSON as <c>mixengine automate --pass</c> reads it) through a recorder at once; throws <see cref="PassScriptException"/> listing every problem.</summary>
    public (AutomationChange Change, PassResult Pass) RunPass(string json, string source)
    {
        PassResult? result = null;
        var change = Change(source, "scripted pass", live =>
        {
            var pass = ScriptedPassReader.Parse(json, "json", live);
            var recorder = new AutomationRecorder(live);
            result = pass.Run(recorder);
            return recorder.Automation;
        });
        return (change, result!);
    }

    /// <summary>Restores the automation before the last change; <see cref="InvalidOperationException"/> when there is none.</summary>
    public AutomationChange Undo(string source) => Change(source, null, _ =>
        _history.Undo() ?? throw new InvalidOperationException("nothing to undo: no automation change since the server started (or every one is undone)"));

    /// <summary>Re-applies the last undone change; <see cref="InvalidOperationException"/> when there is none.</summary>
    public AutomationChange Redo(string source) => Change(source, null, _ =>
        _history.Redo() ?? throw new InvalidOperationException("nothing to redo: no undone automation change (a new change clears the redo history)"));

    /// <summary>
    /// Undoes (or with <paramref name="redo"/> redoes) the newest live pass through the control facade as
    /// <paramref name="client"/>, and returns the addresses whose lanes it changed, in address order;
    /// <see cref="InvalidOperationException"/> when there is no such pass, a pass runs, or no live passes are written.
    /// </summary>
    public IReadOnlyList<string> StepLivePass(ControlClientId client, bool redo, string source)
    {
        SessionAutomation before = SessionAutomation.Empty, after = SessionAutomation.Empty;
        session.InstalledAutomation(() =>
        {
            before = control.Session.Automation;
            if (!(redo ? control.RedoAutomationPass(client) : control.UndoAutomationPass(client)))
                throw new InvalidOperationException(redo
                    ? "nothing to redo: no undone live automation pass (a new pass clears them), a pass is running, or the server writes no live passes"
                    : "nothing to undo: no live automation pass written (or every one is undone), a pass is running, or the server writes no live passes");
            after = control.Session.Automation;
        }, source);
        return Changed(before, after);
    }

    /// <summary>Runs <paramref name="edit"/> under the session's lock and records it as one undo step named <paramref name="what"/> (null: an undo or redo, not recorded).</summary>
    private AutomationChange Change(string source, string? what, Func<MixSession, SessionAutomation> edit)
    {
        SessionAutomation before = SessionAutomation.Empty, after = SessionAutomation.Empty;
        int undo = 0, redo = 0;
        session.ChangeAutomation(live =>
        {
            before = live.Automation;
            after = edit(live);
            if (what is not null && !after.Equals(before)) _history.Push(before, after, what);
            (undo, redo) = (_history.UndoCount, _history.RedoCount);
            return after;
        }, source);
        return new AutomationChange(Changed(before, after), undo, redo);
    }

    private static List<string> Changed(SessionAutomation before, SessionAutomation after) =>
        before.Lanes.Select(l => l.Address).Union(after.Lanes.Select(l => l.Address))
            .Where(a => !Equals(before.Lane(a), after.Lane(a))).Order(StringComparer.Ordinal).ToList();

    private double Current(ParameterSetting setting) => control.GetParameter(control.Resolve(setting.Descriptor.Address.ToString()));

    private static bool IsSwitch(ParameterSetting setting) => setting.Descriptor.Unit == ParameterUnit.Boolean;

    private static AutomationLane LaneOf(SessionAutomation automation, ParameterSetting setting)
    {
        string name = setting.Descriptor.Address.ToString();
        return automation.Lane(name) ?? new AutomationLane(name, AutomationCurve.Empty, AutomationCurve.Empty);
    }

    private static ParameterSetting Automatable(ParameterCatalog catalog, string address, string field)
    {
        if (string.IsNullOrEmpty(address)) throw new ArgumentException($"{field}: empty; name a parameter address (\"track/DX 1/fader\")");
        ParameterSetting setting;
        try
        {
            setting = catalog.Find(address);
        }
        catch (ParameterAddressException e)
        {
            throw new ParameterAddressException(address, $"{field}: {e.Message}");
        }
        if (!setting.Descriptor.Automatable) throw new ArgumentException($"{field}: '{setting.Descriptor.Address}' cannot be automated");
        return setting;
    }

    /// <summary>The automatable parameters named by <paramref name="addresses"/>: a parameter address, or a strip for all of its automatable parameters.</summary>
    private static List<ParameterSetting> Expand(ParameterCatalog catalog, IReadOnlyList<string> addresses)
    {
        if (addresses.Count == 0) throw new ArgumentException("addresses: empty; name parameters (\"track/DX 1/fader\") or strips (\"track/DX 1\")");
        var settings = new List<ParameterSetting>();
        for (int i = 0; i < addresses.Count; i++)
        {
            string field = $"addresses[{i}]";
            if (addresses[i].Count(c => c == '/') == 1 && catalog.FindTarget(addresses[i], out string strip, out _))
                settings.AddRange(catalog.Parameters.Where(p => p.Descriptor.Automatable && SessionAutomation.TargetOf(p.Descriptor.Address.ToString()) == strip));
            else settings.Add(Automatable(catalog, addresses[i], field));
        }
        return settings.DistinctBy(s => s.Descriptor.Address.ToString()).ToList();
    }

    private static AutomationCurve Curve(IReadOnlyList<AutomationPoint> points, string field, double minimum, double maximum, ParameterDescriptor descriptor)
    {
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.Position < 0) throw new ArgumentException($"{field}[{i}].position_samples: {p.Position} is before the session start; expected 0 or more");
            if (i > 0 && p.Position <= points[i - 1].Position)
                throw new ArgumentException($"{field}[{i}].position_samples: {p.Position} is not after {field}[{i - 1}] at {points[i - 1].Position}; points must ascend strictly");
            if (double.IsNaN(p.Value) || p.Value < minimum || p.Value > maximum || (double.IsInfinity(p.Value) && field == "trim_points"))
                throw new ArgumentException($"{field}[{i}].value: {p.Value} is outside what '{descriptor.Address}' takes ({(field == "trim_points" ? "a finite dB offset" : $"{minimum} … {maximum} {descriptor.UnitSymbol}")})");
        }
        return new AutomationCurve(points);
    }

    private static void CheckValue(double value, string field, ParameterDescriptor descriptor)
    {
        if (double.IsNaN(value) || value < descriptor.Minimum || value > descriptor.Maximum)
            throw new ArgumentException($"{field}: {value} is outside the range of '{descriptor.Address}' ({descriptor.Minimum} … {descriptor.Maximum} {descriptor.UnitSymbol})");
    }
}
