using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Automation;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>What the realtime engine publishes in <see cref="RealtimeEngine.Played"/>: the values its automation lanes play.</summary>
public class PlayedValuesTests
{
    private const int Block = 64;
    private static readonly AutomationLane FaderRamp = RecorderFixture.Lane("track/a/fader", new AutomationPoint(0, -40), new AutomationPoint(RecorderFixture.End, 0));
    private static readonly AutomationLane PanRamp = RecorderFixture.Lane("track/a/pan/x", new AutomationPoint(0, -1), new AutomationPoint(RecorderFixture.End, 1));

    private static (RealtimeEngine Engine, int Fader, int Pan) Engine(PassBehaviour behaviour = PassBehaviour.None, bool trim = false)
    {
        var fixture = RecorderFixture.Fixture(FaderRamp, PanRamp);
        var session = fixture with { Tracks = [fixture.Tracks[0]], Buses = [fixture.Buses[0]] };
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), RecorderFixture.Media()), [("pm", 0)], Block);
        var slots = engine.SlotAddresses.ToList();
        int fader = slots.IndexOf("track/a/fader"), pan = slots.IndexOf("track/a/pan/x");
        engine.LivePass.SetBehaviour(fader, behaviour, trim);
        engine.LivePass.SetBehaviour(pan, behaviour, trim: false);
        return (engine, fader, pan);
    }

    [Fact]
    public void A_ramp_played_in_Read_publishes_the_lane_value_at_the_last_sample_of_every_period()
    {
        var (engine, fader, pan) = Engine();
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 10_000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        long versionBefore = engine.Played.Version;
        for (int period = 0; period < 50; period++)
        {
            engine.RtRender(output, Block);
            long last = 10_000 + (period + 1) * Block - 1;
            // 1e-9: the lane is linear in dB, and the cursor interpolates the same two points the curve does.
            Assert.Equal(FaderRamp.ValueAt(last, 0), engine.Played.Value(fader), 1e-9);
            Assert.Equal(PanRamp.ValueAt(last, 0), engine.Played.Value(pan), 1e-9);
            Assert.Equal(period + 1, engine.Played.VersionOf(fader));
        }
        Assert.Equal(versionBefore + 50, engine.Played.Version);
    }

    [Fact]
    public void While_stopped_the_value_at_the_playhead_is_published_once_and_a_locate_moves_it()
    {
        var (engine, fader, _) = Engine();
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 240_000));
        engine.RtRender(output, Block);
        engine.RtRender(output, Block);
        Assert.Equal(FaderRamp.ValueAt(240_000, 0), engine.Played.Value(fader), 1e-9);
        Assert.Equal(1, engine.Played.VersionOf(fader)); // an unchanged value is no change
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, 120_000));
        engine.RtRender(output, Block);
        Assert.Equal(FaderRamp.ValueAt(120_000, 0), engine.Played.Value(fader), 1e-9);
        Assert.Equal(2, engine.Played.VersionOf(fader));
    }

    [Fact]
    public void A_lane_a_control_holds_in_Touch_publishes_nothing_to_show_and_its_glide_back_after_the_release()
    {
        var (engine, fader, _) = Engine(PassBehaviour.Touch);
        using var _ = engine;
        var output = new[] { new double[Block] };
        var client = new ControlClientId(1);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(output, Block);
        Assert.False(double.IsNaN(engine.Played.Value(fader)));
        engine.RequestTouch(fader, client, true, -6);
        engine.RtRender(output, Block);
        Assert.True(double.IsNaN(engine.Played.Value(fader)), "the touching control's value is what shows");
        engine.RequestTouch(fader, client, false, -6);
        engine.RtRender(output, Block); // release at 128: the glide from −6 dB back to the lane starts
        double glide = engine.Played.Value(fader);
        Assert.InRange(glide, FaderRamp.ValueAt(191, 0), -6.0);
        int periods = (int)(AutomationSettings.Default.AutoMatchSamples(48_000) / Block) + 2;
        for (int i = 0; i < periods; i++) engine.RtRender(output, Block);
        long last = (3 + periods) * Block - 1;
        Assert.Equal(FaderRamp.ValueAt(last, 0), engine.Played.Value(fader), 1e-9);
    }

    [Fact]
    public void A_slot_in_a_trim_mode_publishes_nothing_to_show_since_its_control_sets_a_trim_offset()
    {
        var (engine, fader, pan) = Engine(PassBehaviour.None, trim: true);
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(output, Block);
        Assert.True(double.IsNaN(engine.Played.Value(fader)));
        Assert.Equal(PanRamp.ValueAt(Block - 1, 0), engine.Played.Value(pan), 1e-9);
    }

    [Fact]
    public void A_plan_without_the_lane_publishes_nothing_to_show_for_its_slot_from_the_swap()
    {
        var (engine, fader, pan) = Engine();
        using var _ = engine;
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        engine.RtRender(output, Block);
        var session = engine.Session with { Automation = engine.Session.Automation.WithMode("track/a", new AutomationModeSetting(AutomationMode.Off)) };
        engine.Install(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), RecorderFixture.Media()));
        long before = engine.Played.VersionOf(fader);
        engine.RtRender(output, Block);
        Assert.True(double.IsNaN(engine.Played.Value(fader)));
        Assert.True(double.IsNaN(engine.Played.Value(pan)));
        Assert.Equal(before + 1, engine.Played.VersionOf(fader));
    }

    [Fact]
    public void Publishing_played_values_allocates_nothing_per_period()
    {
        var (engine, fader, _) = Engine(PassBehaviour.Touch);
        using var _ = engine;
        var output = new[] { new double[Block] };
        var client = new ControlClientId(1);
        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, 40_000));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        double sum = 0;
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int period = 0; period < 2000; period++)
            {
                if (period % 100 == 10) engine.RequestTouch(fader, client, true, -3);
                if (period % 100 == 30) engine.RequestTouch(fader, client, false, -3);
                engine.RtRender(output, Block);
                sum += engine.Played.Value(fader);
                while (engine.TryTakeMove(out var _)) { }
            }
        });
        Assert.Equal(0, bytes);
        Assert.True(double.IsNaN(sum), "some periods showed the touching control's value (NaN)");
    }
}
