using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Automation;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public class LivePassTests
{
    private const int Block = 64;

    /// <summary>An engine over track "a" (DC) with fader and pan lanes, both in <paramref name="behaviour"/>.</summary>
    private static (RealtimeEngine Engine, int Fader, int Pan) Engine(PassBehaviour behaviour)
    {
        var fixture = RecorderFixture.Fixture(
            RecorderFixture.Lane("track/a/fader", new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0)),
            RecorderFixture.Lane("track/a/pan/x", new AutomationPoint(0, -1), new AutomationPoint(RecorderFixture.End, 1)));
        var session = fixture with { Tracks = [fixture.Tracks[0]], Buses = [fixture.Buses[0]] };
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), RecorderFixture.Media()), [("pm", 0)], Block);
        var slots = engine.SlotAddresses.ToList();
        int fader = slots.IndexOf("track/a/fader"), pan = slots.IndexOf("track/a/pan/x");
        engine.LivePass.SetBehaviour(fader, behaviour, trim: false);
        engine.LivePass.SetBehaviour(pan, behaviour, trim: false);
        return (engine, fader, pan);
    }

    private static List<StampedMove> Drain(RealtimeEngine engine)
    {
        var list = new List<StampedMove>();
        while (engine.TryTakeMove(out var m)) list.Add(m);
        return list;
    }

    [Fact]
    public void Play_loop_wrap_and_stop_are_stamped_as_pass_start_jump_and_end_in_order_with_the_moves()
    {
        var (engine, fader, _) = Engine(PassBehaviour.Touch);
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 1_000));
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 1_000, 1_200));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RequestParameter(fader, -6);
        engine.RtRender(output, Block); // 1000 … 1064
        engine.RtRender(output, Block); // 1064 … 1128
        engine.RtRender(output, Block); // 1128 … 1192
        engine.RtRender(output, Block); // 1192 … 1200, wraps, 1000 … 1056
        engine.RequestTransport(new TransportCommand(TransportAction.Stop));
        engine.RtRender(output, Block);
        Assert.Equal(
            [
                new StampedMove(1_000, -1, StampedKind.PassStart, 1, 0),
                new StampedMove(1_000, fader, StampedKind.Value, -6, 0),
                new StampedMove(1_200, -1, StampedKind.Jump, 1_000, 0),
                new StampedMove(1_056, -1, StampedKind.PassEnd, 0, 0),
            ], Drain(engine));
    }

    [Fact]
    public void A_pre_roll_starts_the_pass_at_the_play_position()
    {
        var (engine, _, _) = Engine(PassBehaviour.Touch);
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 1_000));
        engine.RequestTransport(new TransportCommand(TransportAction.SetPreRoll, 100));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(output, Block); // 900 … 964, pre-roll
        Assert.Empty(Drain(engine));
        engine.RtRender(output, Block); // 964 … 1000 pre-roll, then playing from 1000
        Assert.Equal([new StampedMove(1_000, -1, StampedKind.PassStart, 1, 0)], Drain(engine));
    }

    [Fact]
    public void Live_overrides_of_gain_and_stepped_lanes_allocate_nothing_per_block()
    {
        var (engine, fader, pan) = Engine(PassBehaviour.Touch);
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, 40_000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        var client = new ControlClientId(1);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 2000; block++)
            {
                if (block % 40 == 0)
                {
                    engine.RequestTouch(fader, client, true, double.NaN);
                    engine.RequestTouch(pan, client, true, 0.5);
                }
                engine.RequestParameter(fader, -(block % 30));
                if (block % 7 == 0) engine.RequestParameter(pan, (block % 20) / 10.0 - 1);
                if (block % 40 == 20)
                {
                    engine.RequestTouch(fader, client, false, 0);
                    engine.RequestTouch(pan, client, false, 0);
                }
                if (block % 500 == 0) engine.RequestTransport(new TransportCommand(TransportAction.Stop));
                if (block % 500 == 1) engine.RequestTransport(new TransportCommand(TransportAction.Play));
                engine.RtRender(output, Block);
                while (engine.TryTakeMove(out var _)) { }
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Preview_capture_and_punch_commands_allocate_nothing_on_the_audio_thread()
    {
        var (engine, fader, pan) = Engine(PassBehaviour.Latch);
        using var _ = engine;
        int trim = engine.SlotAddresses.ToList().IndexOf("track/a/trim"); // no lane
        engine.LivePass.SetBehaviour(trim, PassBehaviour.Latch, trim: false);
        var output = new[] { new double[Block] };
        var client = new ControlClientId(1);
        var commands = new[]
        {
            new PassCommand(PassCommandKind.Preview, On: true), new PassCommand(PassCommandKind.Suspend, On: true),
            new PassCommand(PassCommandKind.Suspend, On: false), new PassCommand(PassCommandKind.Capture),
            new PassCommand(PassCommandKind.PunchPreview), new PassCommand(PassCommandKind.PunchCapture, All: true),
            new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.All), new PassCommand(PassCommandKind.Preview, On: false),
        };
        // After 1000 warm-up blocks (every path has run: JIT, tiering), three windows of two passes each are counted. A
        // per-block or per-command allocation shows in every window; a one-off runtime step (a tier-up, or the thread's
        // allocation count shifting when another thread's collection retires its allocation context) in at most one.
        var marks = new List<long>();
        for (int block = 0; block < 2800; block++)
        {
            if (block >= 1000 && (block - 1000) % 600 == 0) marks.Add(engine.Timing.Read().AllocatedBytes);
            int inPass = block % 300;
            if (inPass == 0) engine.RequestTransport(new TransportCommand(TransportAction.Play));
            if (inPass % 30 == 3) engine.RequestPassCommand(commands[inPass / 30 % commands.Length], inPass % 60 == 3 ? null : new bool[engine.SlotCapacity], client);
            if (inPass % 30 == 5) engine.RequestTouch(fader, client, inPass % 60 == 5, -(block % 20));
            if (inPass % 10 == 7) engine.RequestParameter(inPass % 20 == 7 ? pan : trim, (inPass % 20) / 20.0);
            if (inPass == 250) engine.RequestTransport(new TransportCommand(TransportAction.Stop));
            engine.RtRender(output, Block);
            while (engine.TryTakeMove(out var _)) { }
        }
        marks.Add(engine.Timing.Read().AllocatedBytes);
        long cheapest = Enumerable.Range(0, marks.Count - 1).Min(i => marks[i + 1] - marks[i]);
        Assert.Equal(0, cheapest); // exact: at least one window of 600 blocks with every command kind allocated nothing
    }

    [Fact]
    public void AutoJoin_points_and_touch_timeouts_of_lane_less_controls_allocate_nothing_per_block()
    {
        var (engine, fader, pan) = Engine(PassBehaviour.Latch);
        using var _ = engine;
        int trim = engine.SlotAddresses.ToList().IndexOf("track/a/trim"); // no lane: its values glide back after the touch timeout
        engine.LivePass.SetBehaviour(trim, PassBehaviour.Touch, trim: false);
        engine.LivePass.SetTiming(AutomationSettings.Default with { AutoJoin = true, TouchTimeoutMs = 20, AutoMatchMs = 20 }, 48_000);
        var output = new[] { new double[Block] };
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 2000; block++)
            {
                int inPass = block % 200;
                if (inPass == 0)
                {
                    engine.RequestTransport(new TransportCommand(TransportAction.Locate, 1_000));
                    engine.RequestTransport(new TransportCommand(TransportAction.Play));
                }
                if (inPass == 10 && block % 400 == 10) engine.RequestParameter(fader, -(block % 30)); // every other pass latches, the next one joins
                if (inPass == 12) engine.RequestParameter(pan, 0.25);
                if (inPass % 20 == 5) engine.RequestParameter(trim, inPass / 20.0);
                if (inPass == 150) engine.RequestTransport(new TransportCommand(TransportAction.Stop));
                engine.RtRender(output, Block);
                while (engine.TryTakeMove(out var _)) { }
            }
        });
        Assert.Equal(0, bytes);
    }
}
