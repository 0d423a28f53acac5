using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// AutomationService over the in-memory server on the sine session (one track "DX 1", 48 kHz, 1 s = 48000 samples,
/// fader at 0 dB): every RPC with its errors and role checks. Values are compared exactly where the engine stores what
/// was sent, and with 1e-9 dB where a curve is interpolated (double rounding of a dB-linear segment).
/// </summary>
public class AutomationApiTests
{
    private const string Fader = "track/DX 1/fader";

    private static AutomationService.AutomationServiceClient Desk(GrpcFixture f, string key = GrpcFixture.MixerKey) => new(f.Channel(key));

    private static AutomationLane Lane(string address, params (long At, double Value)[] points)
    {
        var lane = new AutomationLane { Address = address };
        foreach (var (at, value) in points) lane.Points.Add(new AutomationPoint { PositionSamples = at, Value = value });
        return lane;
    }

    /// <summary>The lane's value at <paramref name="position"/> as the engine plays it (reads the running session's curve).</summary>
    private static double Played(GrpcFixture f, long position) =>
        f.Control.Session.Automation.Lane(Fader)!.ValueAt(position, 0.0);

    [Fact]
    public async Task A_put_lane_is_read_back_listed_installed_and_announced()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        using var watch = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None)); // subscribed: the current state arrives first
        var desk = Desk(f);
        var put = Lane(Fader, (0, 0), (24000, -12), (48000, -3));
        put.Points[1].Shape = SegmentShape.Step;
        var back = desk.PutLane(put);
        Assert.Equal(put.Points, back.Points);
        Assert.Equal(AutomationMode.Read, back.Mode);
        Assert.Equal(put.Points, desk.GetLane(new GetLaneRequest { Address = "track#dx1/fader" }).Points); // id form resolves to the same lane
        var listed = Assert.Single(desk.ListLanes(new ListLanesRequest { AddressPrefix = "track/DX 1/" }).Lanes);
        Assert.Equal((Fader, 3, 0), (listed.Address, listed.Points, listed.TrimPoints));
        Assert.Equal(-12.0, Played(f, 30000)); // a step segment holds its value exactly
        Assert.Equal(-6.0, Played(f, 12000), 1e-9); // halfway along the linear 0 → −12 dB segment
        Event? seen = null;
        while (seen is null && await watch.ResponseStream.MoveNext(CancellationToken.None))
            if (watch.ResponseStream.Current.Session is { Action: "automation" }) seen = watch.ResponseStream.Current;
        Assert.Equal("desk", seen!.Source); // session changes name the key, as SessionService does
    }

    public static TheoryData<string, AutomationLane, string> BadLanes => new()
    {
        { "descending", Lane(Fader, (100, 0), (50, -3)), "points[1].position_samples" },
        { "negative", Lane(Fader, (-1, 0)), "points[0].position_samples" },
        { "above the range", Lane(Fader, (0, 30)), "points[0].value" },
        { "NaN", Lane(Fader, (0, double.NaN)), "points[0].value" },
        { "unknown track", Lane("track/DX 9/fader", (0, 0)), "address: " },
        { "trim on a pan", new AutomationLane { Address = "track/DX 1/pan/x", TrimPoints = { new AutomationPoint { PositionSamples = 0, Value = 1 } } }, "trim_points" },
    };

    [Theory]
    [MemberData(nameof(BadLanes))]
    public void A_bad_lane_is_invalid_argument_naming_the_field_and_changes_nothing(string what, AutomationLane lane, string field)
    {
        using var f = new GrpcFixture();
        var e = Assert.Throws<RpcException>(() => Desk(f).PutLane(lane));
        Assert.True(e.StatusCode == StatusCode.InvalidArgument, what);
        Assert.Contains(field, e.Status.Detail);
        Assert.Empty(f.Control.Session.Automation.Lanes);
    }

    [Fact]
    public void Write_to_end_spreads_the_current_value_from_the_playhead_to_the_selection_end()
    {
        using var f = new GrpcFixture();
        var channel = f.Channel(GrpcFixture.MixerKey);
        new MixerService.MixerServiceClient(channel).SetParameter(new ParameterSet { Address = Fader, Value = -7, Mode = ValueMode.Absolute });
        var transport = new TransportService.TransportServiceClient(channel);
        transport.Locate(new LocateRequest { PositionSamples = 24000 });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (f.Control.Transport.Position != 24000 && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Desk(f).PutLane(Lane(Fader, (0, -3)));
        var done = Desk(f).WriteTo(new WriteToRequest { Addresses = { Fader }, Target = WriteTarget.End, Selection = new SampleRange { StartSamples = 0, EndSamples = 40000 } });
        Assert.Equal([Fader], done.Addresses);
        Assert.Equal(-3.0, Played(f, 23999)); // before the playhead the old lane, exactly
        Assert.Equal(-7.0, Played(f, 24000)); // from the playhead the current value, exactly
        Assert.Equal(-7.0, Played(f, 40000));
        Assert.Equal(-3.0, Played(f, 40001)); // after the selection the old lane again
        Assert.Equal(2, done.UndoDepth);
    }

    [Fact]
    public void Write_to_start_with_the_playhead_before_the_selection_is_refused_naming_the_target()
    {
        using var f = new GrpcFixture();
        var e = Assert.Throws<RpcException>(() => Desk(f).WriteTo(new WriteToRequest
        {
            Addresses = { Fader }, Target = WriteTarget.Start, Selection = new SampleRange { StartSamples = 1000, EndSamples = 2000 },
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("target:", e.Status.Detail);
        var unspecified = Assert.Throws<RpcException>(() => Desk(f).WriteTo(new WriteToRequest { Addresses = { Fader } }));
        Assert.StartsWith("target:", unspecified.Status.Detail);
    }

    [Fact]
    public void Glide_runs_a_straight_line_to_the_value_and_holds_it()
    {
        using var f = new GrpcFixture();
        Desk(f).Glide(new GlideRequest { Address = Fader, Range = new SampleRange { StartSamples = 1000, EndSamples = 3000 }, Value = -10 });
        Assert.Equal(0.0, Played(f, 1000));
        Assert.Equal(-5.0, Played(f, 2000), 1e-9); // halfway in dB
        Assert.Equal(-10.0, Played(f, 3000));
        Assert.Equal(-10.0, Played(f, 47000)); // held: no breakpoint after it
        var e = Assert.Throws<RpcException>(() => Desk(f).Glide(new GlideRequest { Address = Fader, Range = new SampleRange { StartSamples = 10, EndSamples = 20 }, Value = 99 }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("value: 99", e.Status.Detail);
        var reversed = Assert.Throws<RpcException>(() => Desk(f).Glide(new GlideRequest { Address = Fader, Range = new SampleRange { StartSamples = 20, EndSamples = 10 }, Value = -1 }));
        Assert.StartsWith("range.end_samples:", reversed.Status.Detail);
    }

    [Fact]
    public void A_snapshot_of_a_strip_writes_every_automatable_parameter_at_its_current_value()
    {
        using var f = new GrpcFixture();
        new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey)).SetParameter(new ParameterSet { Address = Fader, Value = -4.5, Mode = ValueMode.Absolute });
        var done = Desk(f).Snapshot(new SnapshotRequest { Addresses = { "track/DX 1" }, Range = new SampleRange { StartSamples = 0, EndSamples = 48000 } });
        var automatable = f.Control.Descriptors.Where(d => d.Automatable && d.Address.ToString().StartsWith("track/DX 1/")).Select(d => d.Address.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(automatable, done.Addresses);
        Assert.Equal(-4.5, Played(f, 20000));
        var e = Assert.Throws<RpcException>(() => Desk(f).Snapshot(new SnapshotRequest { Addresses = { "track/DX 9" }, Range = new SampleRange { EndSamples = 10 } }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("addresses[0]:", e.Status.Detail);
    }

    [Fact]
    public void Undo_and_redo_step_through_automation_changes_and_refuse_past_the_ends()
    {
        using var f = new GrpcFixture();
        var desk = Desk(f);
        var nothing = Assert.Throws<RpcException>(() => desk.UndoAutomation(new UndoAutomationRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, nothing.StatusCode);
        desk.PutLane(Lane(Fader, (0, -2)));
        desk.PutLane(Lane(Fader, (0, -9)));
        var undone = desk.UndoAutomation(new UndoAutomationRequest());
        Assert.Equal([Fader], undone.Addresses);
        Assert.Equal((1, 1), (undone.UndoDepth, undone.RedoDepth));
        Assert.Equal(-2.0, Played(f, 0));
        desk.UndoAutomation(new UndoAutomationRequest());
        Assert.Null(f.Control.Session.Automation.Lane(Fader));
        desk.RedoAutomation(new RedoAutomationRequest());
        desk.RedoAutomation(new RedoAutomationRequest());
        Assert.Equal(-9.0, Played(f, 0));
        var e = Assert.Throws<RpcException>(() => desk.RedoAutomation(new RedoAutomationRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("nothing to redo", e.Status.Detail);
    }

    [Fact]
    public void A_scripted_pass_writes_through_the_recorder_and_is_one_undo_step()
    {
        using var f = new GrpcFixture();
        var desk = Desk(f);
        var ran = desk.RunPass(new RunPassRequest
        {
            Json = """
                { "start": 0, "end": 48000, "modes": { "track/DX 1": "latch" },
                  "events": [ { "position": 12000, "address": "track/DX 1/fader", "kind": "value", "value": -8 } ] }
                """,
        });
        Assert.Equal([Fader], ran.Written);
        Assert.Empty(ran.NotWritten);
        Assert.Equal(1, ran.UndoDepth);
        Assert.Equal(-8.0, Played(f, 30000)); // latch holds the value to the stop, exactly
        Assert.Equal(AutomationMode.Latch, desk.GetLane(new GetLaneRequest { Address = Fader }).Mode);
        desk.UndoAutomation(new UndoAutomationRequest());
        Assert.True(f.Control.Session.Automation.IsEmpty);
    }

    [Fact]
    public void A_bad_scripted_pass_is_invalid_argument_naming_every_json_path()
    {
        using var f = new GrpcFixture();
        var e = Assert.Throws<RpcException>(() => Desk(f).RunPass(new RunPassRequest
        {
            Json = """{ "start": 0, "end": 100, "events": [ { "position": 10, "address": "track/DX 9/fader", "kind": "value", "value": 0 }, { "position": 20, "kind": "wobble" } ] }""",
        }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("$.events[0].address", e.Status.Detail);
        Assert.Contains("$.events[1].kind", e.Status.Detail);
        Assert.True(f.Control.Session.Automation.IsEmpty);
    }

    [Fact]
    public async Task Modes_set_per_strip_and_per_parameter_are_in_force_and_reach_every_client()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        using var watch = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(20));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        var desk = Desk(f);
        var strip = desk.SetMode(new SetModeRequest { Address = "track#dx1", Mode = AutomationMode.Touch });
        Assert.Equal(("track/DX 1", AutomationMode.Touch, false), (strip.Address, strip.Mode, strip.Trim));
        Assert.Equal(AutomationMode.Touch, desk.GetLane(new GetLaneRequest { Address = Fader }).Mode);
        var own = desk.SetMode(new SetModeRequest { Address = Fader, Mode = AutomationMode.Latch, Trim = true });
        Assert.Equal((Fader, AutomationMode.Latch, true, false), (own.Address, own.Mode, own.Trim, own.FollowsStrip));
        var back = desk.SetMode(new SetModeRequest { Address = Fader, FollowStrip = true });
        Assert.Equal((AutomationMode.Touch, true), (back.Mode, back.FollowsStrip));
        Event? seen = null;
        while (seen is null && await watch.ResponseStream.MoveNext(CancellationToken.None))
            if (watch.ResponseStream.Current.Mode is { Target: Fader, Mode: AutomationMode.Latch, Trim: true }) seen = watch.ResponseStream.Current;
        Assert.Equal("grpc desk", seen!.Source);
    }

    public static TheoryData<SetModeRequest, string> BadModes => new()
    {
        { new SetModeRequest { Address = Fader }, "mode:" },
        { new SetModeRequest { Address = "track/DX 1", Mode = AutomationMode.Off, Trim = true }, "off has no trim variant" },
        { new SetModeRequest { Address = "track/DX 1/pan/x", Mode = AutomationMode.Touch, Trim = true }, "trim modes apply only to gain-type parameters" },
        { new SetModeRequest { Address = "track/DX 9", Mode = AutomationMode.Read }, "DX 9" },
        { new SetModeRequest { Address = "track/DX 1", FollowStrip = true }, "follow_strip:" },
        { new SetModeRequest { Mode = AutomationMode.Read }, "address: empty" },
    };

    [Theory]
    [MemberData(nameof(BadModes))]
    public void A_mode_that_does_not_exist_or_an_unknown_target_is_invalid_argument(SetModeRequest request, string message)
    {
        using var f = new GrpcFixture();
        var e = Assert.Throws<RpcException>(() => Desk(f).SetMode(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(message, e.Status.Detail);
        Assert.Empty(f.Control.Session.Automation.Modes);
    }

    [Theory]
    [InlineData(GrpcFixture.ObserverKey, "SetMode", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.MixerKey, "SetMode", StatusCode.OK)]
    [InlineData(GrpcFixture.ObserverKey, "GetLane", StatusCode.OK)]
    [InlineData(GrpcFixture.ObserverKey, "ListLanes", StatusCode.OK)]
    [InlineData(GrpcFixture.ObserverKey, "PutLane", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "Glide", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "Snapshot", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "WriteTo", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "UndoAutomation", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "RedoAutomation", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.ObserverKey, "RunPass", StatusCode.PermissionDenied)]
    [InlineData(GrpcFixture.MixerKey, "PutLane", StatusCode.OK)]
    [InlineData(GrpcFixture.MixerKey, "Glide", StatusCode.OK)]
    [InlineData(GrpcFixture.MixerKey, "RunPass", StatusCode.OK)]
    public void Reading_lanes_needs_an_observer_and_changing_them_a_mixer(string key, string rpc, StatusCode expected)
    {
        using var f = new GrpcFixture();
        var desk = Desk(f, key);
        var range = new SampleRange { StartSamples = 0, EndSamples = 100 };
        Action call = rpc switch
        {
            "SetMode" => () => desk.SetMode(new SetModeRequest { Address = "track/DX 1", Mode = AutomationMode.Write }),
            "GetLane" => () => desk.GetLane(new GetLaneRequest { Address = Fader }),
            "ListLanes" => () => desk.ListLanes(new ListLanesRequest()),
            "PutLane" => () => desk.PutLane(Lane(Fader, (0, -1))),
            "Glide" => () => desk.Glide(new GlideRequest { Address = Fader, Range = range, Value = -1 }),
            "Snapshot" => () => desk.Snapshot(new SnapshotRequest { Addresses = { Fader }, Range = range }),
            "WriteTo" => () => desk.WriteTo(new WriteToRequest { Addresses = { Fader }, Target = WriteTarget.All }),
            "UndoAutomation" => () => desk.UndoAutomation(new UndoAutomationRequest()),
            "RedoAutomation" => () => desk.RedoAutomation(new RedoAutomationRequest()),
            _ => () => desk.RunPass(new RunPassRequest { Json = """{ "start": 0, "end": 10, "events": [] }""" }),
        };
        var code = StatusCode.OK;
        try
        {
            call();
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
        }
        Assert.Equal(expected, code);
    }
}
