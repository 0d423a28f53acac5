using Grpc.Core;
using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;
using MixEngine.Session;
using EngineMode = MixEngine.Automation.AutomationMode;
using EnginePoint = MixEngine.Automation.AutomationPoint;
using EngineShape = MixEngine.Automation.SegmentShape;
using EngineTarget = MixEngine.Automation.WriteTarget;
using Lane = MixEngine.Protocol.V1.AutomationLane;
using Mode = MixEngine.Protocol.V1.AutomationMode;
using Point = MixEngine.Protocol.V1.AutomationPoint;
using Shape = MixEngine.Protocol.V1.SegmentShape;
using Target = MixEngine.Protocol.V1.WriteTarget;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.AutomationService</c>: maps the proto messages onto the running session's automation (reads) and
/// <see cref="AutomationDesk"/> (changes). Errors propagate to <see cref="Hosting.ErrorInterceptor"/>. Request threads.
/// </summary>
public sealed class AutomationApi(MixControl control, AutomationDesk desk, Callers callers) : AutomationService.AutomationServiceBase
{
    /// <inheritdoc/>
    public override Task<SetModeResponse> SetMode(SetModeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Address)) throw new ArgumentException("address: empty; name a strip (\"track/DX 1\") or a parameter (\"track/DX 1/fader\")");
        var client = callers.ClientOf(context);
        AutomationModeSetting? mode = request.FollowStrip ? null : new AutomationModeSetting(FromProto(request.Mode), request.Trim);
        if (ParameterCatalog.For(control.Session).FindTarget(request.Address.TrimEnd('/'), out string strip, out _))
        {
            if (mode is not { } stripMode) throw new ArgumentException($"follow_strip: '{strip}' is a strip; only a parameter follows its strip");
            control.SetAutomationMode(client, strip, stripMode);
            var now = control.GetAutomationMode(strip);
            return Task.FromResult(new SetModeResponse { Address = strip, Mode = ToProto(now.Mode), Trim = now.Trim });
        }
        ParameterHandle handle;
        try
        {
            handle = control.Resolve(request.Address);
        }
        catch (ParameterAddressException e)
        {
            throw new ParameterAddressException(request.Address, $"address: {e.Message}");
        }
        control.SetAutomationMode(client, handle, mode);
        var inForce = control.GetAutomationMode(handle);
        return Task.FromResult(new SetModeResponse
        {
            Address = handle.Address.ToString(), Mode = ToProto(inForce.Mode), Trim = inForce.Trim, FollowsStrip = control.GetOwnAutomationMode(handle) is null,
        });
    }

    /// <inheritdoc/>
    public override Task<ListLanesResponse> ListLanes(ListLanesRequest request, ServerCallContext context)
    {
        var automation = control.Session.Automation;
        var response = new ListLanesResponse();
        foreach (var lane in automation.Lanes)
        {
            if (!lane.Address.StartsWith(request.AddressPrefix, StringComparison.Ordinal)) continue;
            var mode = automation.ModeOf(lane.Address);
            response.Lanes.Add(new LaneSummary
            {
                Address = lane.Address, Mode = ToProto(mode.Mode), Trim = mode.Trim, Points = lane.Curve.Points.Count, TrimPoints = lane.Trim.Points.Count,
            });
        }
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override Task<Lane> GetLane(GetLaneRequest request, ServerCallContext context) => Task.FromResult(LaneOf(request.Address, "address"));

    /// <inheritdoc/>
    public override Task<Lane> PutLane(Lane request, ServerCallContext context)
    {
        desk.PutLane(request.Address, Points(request.Points, "points"), Points(request.TrimPoints, "trim_points"), Callers.KeyOf(context).Name);
        return Task.FromResult(LaneOf(request.Address, "address"));
    }

    /// <inheritdoc/>
    public override Task<AutomationEditResponse> WriteTo(WriteToRequest request, ServerCallContext context)
    {
        var target = WriteTarget(request.Target, inPass: false);
        var selection = request.Selection is null ? ((long?)null, (long?)null) : Range(request.Selection, "selection");
        return Reply(desk.WriteTo(request.Addresses, target, selection.Item1, selection.Item2, Callers.KeyOf(context).Name));
    }

    /// <inheritdoc/>
    public override Task<AutomationEditResponse> Glide(GlideRequest request, ServerCallContext context)
    {
        var (start, end) = Range(request.Range ?? throw new ArgumentException("range: missing; give start_samples and end_samples"), "range");
        return Reply(desk.Glide(request.Address, start, end, request.Value, Callers.KeyOf(context).Name));
    }

    /// <inheritdoc/>
    public override Task<AutomationEditResponse> Snapshot(SnapshotRequest request, ServerCallContext context)
    {
        var (start, end) = Range(request.Range ?? throw new ArgumentException("range: missing; give start_samples and end_samples"), "range");
        return Reply(desk.Snapshot(request.Addresses, start, end, Callers.KeyOf(context).Name));
    }

    /// <inheritdoc/>
    public override Task<AutomationEditResponse> UndoAutomation(UndoAutomationRequest request, ServerCallContext context) =>
        Reply(desk.Undo(Callers.KeyOf(context).Name));

    /// <inheritdoc/>
    public override Task<AutomationEditResponse> RedoAutomation(RedoAutomationRequest request, ServerCallContext context) =>
        Reply(desk.Redo(Callers.KeyOf(context).Name));

    /// <inheritdoc/>
    public override Task<RunPassResponse> RunPass(RunPassRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Json)) throw new ArgumentException("json: empty; send a scripted pass (docs/automation.md, Scripted passes)");
        var (change, pass) = desk.RunPass(request.Json, Callers.KeyOf(context).Name);
        return Task.FromResult(new RunPassResponse { Written = { pass.Written }, NotWritten = { pass.NotWritten }, UndoDepth = change.UndoDepth });
    }

    /// <inheritdoc/>
    public override Task<AutomationPassStepResponse> UndoAutomationPass(UndoAutomationPassRequest request, ServerCallContext context) =>
        Task.FromResult(new AutomationPassStepResponse { Addresses = { desk.StepLivePass(callers.ClientOf(context), redo: false, Callers.KeyOf(context).Name) } });

    /// <inheritdoc/>
    public override Task<AutomationPassStepResponse> RedoAutomationPass(RedoAutomationPassRequest request, ServerCallContext context) =>
        Task.FromResult(new AutomationPassStepResponse { Addresses = { desk.StepLivePass(callers.ClientOf(context), redo: true, Callers.KeyOf(context).Name) } });

    /// <inheritdoc/>
    public override Task<PassCommandResponse> SetPreview(SetPreviewRequest request, ServerCallContext context) =>
        Queued(() => control.SetPreview(callers.ClientOf(context), request.On));

    /// <inheritdoc/>
    public override Task<PassCommandResponse> SuspendPreview(SuspendPreviewRequest request, ServerCallContext context) =>
        Queued(() => control.SuspendPreview(callers.ClientOf(context), request.Suspended));

    /// <inheritdoc/>
    public override Task<PassCommandResponse> PunchPreview(PunchPreviewRequest request, ServerCallContext context) =>
        Queued(() => control.PunchPreview(callers.ClientOf(context)));

    /// <inheritdoc/>
    public override Task<PassCommandResponse> Capture(CaptureRequest request, ServerCallContext context) =>
        Queued(() => control.Capture(callers.ClientOf(context)));

    /// <inheritdoc/>
    public override Task<PassCommandResponse> PunchCapture(PunchCaptureRequest request, ServerCallContext context) => Queued(() =>
    {
        try
        {
            control.PunchCapture(callers.ClientOf(context), request.All, request.Strips.Count == 0 ? null : request.Strips);
        }
        catch (ParameterAddressException e)
        {
            throw new ParameterAddressException(e.Address, $"strips: {e.Message}");
        }
    });

    /// <inheritdoc/>
    public override Task<PassCommandResponse> WriteToInPass(WriteToInPassRequest request, ServerCallContext context)
    {
        var target = WriteTarget(request.Target, inPass: true);
        var selection = request.Selection is null ? ((long?)null, (long?)null) : Range(request.Selection, "selection");
        return Queued(() => control.WriteAutomationTo(callers.ClientOf(context), target, selection.Item1, selection.Item2));
    }

    /// <summary>The proto form of an engine mode.</summary>
    internal static Mode ToProto(EngineMode mode) => mode switch
    {
        EngineMode.Off => Mode.Off,
        EngineMode.Read => Mode.Read,
        EngineMode.Touch => Mode.Touch,
        EngineMode.Latch => Mode.Latch,
        EngineMode.TouchLatch => Mode.TouchLatch,
        _ => Mode.Write,
    };

    private static EngineMode FromProto(Mode mode) => mode switch
    {
        Mode.Off => EngineMode.Off,
        Mode.Read => EngineMode.Read,
        Mode.Touch => EngineMode.Touch,
        Mode.Latch => EngineMode.Latch,
        Mode.TouchLatch => EngineMode.TouchLatch,
        Mode.Write => EngineMode.Write,
        _ => throw new ArgumentException($"mode: {mode} is not an automation mode; expected OFF, READ, TOUCH, LATCH, TOUCH_LATCH or WRITE"),
    };

    private Lane LaneOf(string address, string field)
    {
        if (string.IsNullOrEmpty(address)) throw new ArgumentException($"{field}: empty; name a parameter address (\"track/DX 1/fader\")");
        var session = control.Session;
        ParameterSetting setting;
        try
        {
            setting = ParameterCatalog.For(session).Find(address);
        }
        catch (ParameterAddressException e)
        {
            throw new ParameterAddressException(address, $"{field}: {e.Message}");
        }
        string name = setting.Descriptor.Address.ToString();
        var lane = session.Automation.Lane(name);
        var mode = session.Automation.ModeOf(name);
        var reply = new Lane { Address = name, Mode = ToProto(mode.Mode), Trim = mode.Trim };
        if (lane is not null)
        {
            reply.Points.Add(lane.Curve.Points.Select(ToProto));
            reply.TrimPoints.Add(lane.Trim.Points.Select(ToProto));
        }
        return reply;
    }

    private static Point ToProto(EnginePoint p) => new()
    {
        PositionSamples = p.Position,
        Value = p.Value,
        Shape = p.Shape switch { EngineShape.Step => Shape.Step, EngineShape.SCurve => Shape.SCurve, _ => Shape.Linear },
    };

    private static List<EnginePoint> Points(IList<Point> points, string field) => points.Select((p, i) => new EnginePoint(p.PositionSamples, p.Value, p.Shape switch
    {
        Shape.Linear => EngineShape.Linear,
        Shape.Step => EngineShape.Step,
        Shape.SCurve => EngineShape.SCurve,
        _ => throw new ArgumentException($"{field}[{i}].shape: {p.Shape} is not a segment shape; expected LINEAR, STEP or S_CURVE"),
    })).ToList();

    /// <summary>
    /// The engine's Write-To target for the proto one; the punch point exists only during a pass (<paramref name="inPass"/>).
    /// Throws <see cref="ArgumentException"/> naming the field for any other value.
    /// </summary>
    private static EngineTarget WriteTarget(Target target, bool inPass) => target switch
    {
        Target.Start => EngineTarget.Start,
        Target.End => EngineTarget.End,
        Target.All => EngineTarget.All,
        Target.NextBreakpoint => EngineTarget.NextBreakpoint,
        Target.PunchPoint when inPass => EngineTarget.PunchPoint,
        _ => throw new ArgumentException(inPass
            ? $"target: {target} is not a Write-To target; expected START, END, ALL, NEXT_BREAKPOINT or PUNCH_POINT"
            : $"target: {target} is not a Write-To target; expected START, END, ALL or NEXT_BREAKPOINT"),
    };

    private static (long, long) Range(SampleRange range, string field)
    {
        if (range.StartSamples < 0) throw new ArgumentException($"{field}.start_samples: {range.StartSamples} is before the session start; expected 0 or more");
        if (range.EndSamples < range.StartSamples)
            throw new ArgumentException($"{field}.end_samples: {range.EndSamples} is before start_samples {range.StartSamples}; expected an end at or after the start");
        return (range.StartSamples, range.EndSamples);
    }

    private static Task<PassCommandResponse> Queued(Action send)
    {
        send();
        return Task.FromResult(new PassCommandResponse());
    }

    private static Task<AutomationEditResponse> Reply(AutomationChange change) => Task.FromResult(new AutomationEditResponse
    {
        Addresses = { change.Addresses },
        UndoDepth = change.UndoDepth,
        RedoDepth = change.RedoDepth,
    });
}
