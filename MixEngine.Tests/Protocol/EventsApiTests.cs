using System.Diagnostics;
using Grpc.Core;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class EventsApiTests
{
    /// <summary>The next event that matches, or null when the stream ends at its deadline or is cancelled by the test.</summary>
    private static async Task<Event?> NextMatching(IAsyncStreamReader<Event> stream, Func<Event, bool> match)
    {
        try
        {
            while (await stream.MoveNext())
                if (match(stream.Current)) return stream.Current;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
        }
        return null;
    }

    [Fact]
    public async Task A_fader_moved_by_one_client_reaches_the_other_clients_event_stream_with_its_source()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        using var call = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.NotNull(await NextMatching(call.ResponseStream, e => e.Parameter?.Address == "track/DX 1/fader")); // the initial state
        mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -9.25, Mode = ValueMode.Absolute });
        var moved = await NextMatching(call.ResponseStream, e => e.Parameter is { Address: "track/DX 1/fader", Value: -9.25 });
        Assert.NotNull(moved);
        Assert.Equal("grpc desk", moved!.Source);
    }

    [Fact]
    public async Task Touches_and_session_edits_are_events_too()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        var session = new SessionService.SessionServiceClient(f.Channel(GrpcFixture.AdminKey));
        using var call = events.Subscribe(new SubscribeRequest { ParameterIntervalMs = 20 }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.True(await call.ResponseStream.MoveNext());
        mixer.SetTouch(new TouchRequest { Address = "track/DX 1/fader", Touched = true });
        var touch = await NextMatching(call.ResponseStream, e => e.Touch is not null);
        Assert.Equal(("track/DX 1/fader", true, "grpc desk"), (touch!.Touch.Address, touch.Touch.Touched, touch.Source));
        var json = session.GetSession(new GetSessionRequest()).Json.Replace("\"CLI sine\"", "\"Edited\"");
        session.EditSession(new EditSessionRequest { Json = json });
        var edit = await NextMatching(call.ResponseStream, e => e.Session is not null);
        Assert.Equal(("Edited", "edit", 2L, "ops"), (edit!.Session.SessionName, edit.Session.Action, edit.Session.Revision, edit.Source));
    }

    [Fact]
    public async Task Own_changes_are_skipped_unless_echo_is_asked()
    {
        using var f = new GrpcFixture();
        var channel = f.Channel(GrpcFixture.MixerKey);
        var events = new EventsService.EventsServiceClient(channel);
        var mixer = new MixerService.MixerServiceClient(channel);
        using var stopQuiet = new CancellationTokenSource();
        using var quiet = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: stopQuiet.Token);
        using var echo = events.Subscribe(new SubscribeRequest { EchoOwnChanges = true }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.True(await quiet.ResponseStream.MoveNext());
        Assert.True(await echo.ResponseStream.MoveNext());
        mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -4, Mode = ValueMode.Absolute });
        Assert.NotNull(await NextMatching(echo.ResponseStream, e => e.Parameter is { Address: "track/DX 1/fader", Value: -4 }));
        stopQuiet.CancelAfter(TimeSpan.FromSeconds(1)); // the echo has arrived: one more second for the quiet stream to (wrongly) show it
        Assert.Null(await NextMatching(quiet.ResponseStream, e => e.Parameter is { Address: "track/DX 1/fader", Value: -4 }));
    }

    [Fact]
    public async Task Record_arm_changes_reach_the_stream_whole_with_their_source_after_the_arms_as_they_are()
    {
        using var f = new GrpcFixture();
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        using var call = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        var initial = await NextMatching(call.ResponseStream, e => e.RecordArm is not null);
        Assert.Empty(initial!.RecordArm.Armed);
        Assert.Contains("bus/Printmaster", initial.RecordArm.Armable);

        mixer.SetStripSwitch(new StripSwitchRequest { Strip = "bus/Printmaster", Switch = StripSwitch.RecordArm, On = true });
        var armed = await NextMatching(call.ResponseStream, e => e.RecordArm is not null);
        Assert.Equal(["bus/Printmaster"], armed!.RecordArm.Armed);
        Assert.Equal("grpc desk", armed.Source);
        Assert.Equal(initial.RecordArm.Armable, armed.RecordArm.Armable);

        mixer.SetStripSwitch(new StripSwitchRequest { Strip = "bus/Printmaster", Switch = StripSwitch.RecordArm, On = false });
        var disarmed = await NextMatching(call.ResponseStream, e => e.RecordArm is not null);
        Assert.Empty(disarmed!.RecordArm.Armed);
    }

    [Fact]
    public async Task Values_automation_plays_reach_the_stream_marked_played_from_automation_at_most_every_100_ms_per_parameter()
    {
        using var f = new GrpcFixture();
        const string fader = "track/DX 1/fader";
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.MixerKey));
        double before = mixer.GetParameters(new GetParametersRequest { Addresses = { fader } }).Values[0].Value;
        var ramp = new MixEngine.Automation.AutomationLane(fader, new MixEngine.Automation.AutomationCurve(
            [new MixEngine.Automation.AutomationPoint(0, -60), new MixEngine.Automation.AutomationPoint(f.Session.SampleRate * 20L, 0)]), MixEngine.Automation.AutomationCurve.Empty);
        f.Control.InstallAutomation(MixEngine.Automation.SessionAutomation.Empty.WithLane(ramp),
            s => RenderPlanBuilder.Build(s, new RenderPlanOptions(GrpcFixture.Block), WavMediaOpener.Instance));
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var transport = new TransportService.TransportServiceClient(f.Channel(GrpcFixture.MixerKey));
        var subscribed = Stopwatch.StartNew();
        using var call = events.Subscribe(new SubscribeRequest { ParameterIntervalMs = 0 }, deadline: DateTime.UtcNow.AddSeconds(30));
        transport.Play(new PlayRequest());
        var played = new List<double>();
        while (played.Count < 6 && await NextMatching(call.ResponseStream, e => e.Parameter is { Address: fader, Played: true }) is { } e)
        {
            Assert.Equal("automation", e.Source);
            played.Add(e.Parameter.Value);
        }
        double elapsedMs = subscribed.Elapsed.TotalMilliseconds;
        Assert.Equal(6, played.Count);
        Assert.Equal(played.Order(), played); // the ramp climbs
        Assert.All(played, v => Assert.InRange(v, -60.0, 0.0));
        // Sent at least 100 ms apart, all after the subscription began: the span received bounds how many can have come.
        Assert.True(played.Count <= elapsedMs / 100 + 1, $"{played.Count} played values in {elapsedMs:F0} ms");
        Assert.Equal(before, mixer.GetParameters(new GetParametersRequest { Addresses = { fader } }).Values[0].Value); // exact: the value set stays
    }
}
