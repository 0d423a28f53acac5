using System.Diagnostics;
using System.Globalization;
using System.Text;
using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Automation;
using MixEngine.Tests.Server;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class LiveAutomationTests
{
    private const int Block = 64;
    private const string Fader = "track/DX 1/fader";
    private static readonly AutomationModeSetting Touch = new(AutomationMode.Touch);

    [Theory]
    [InlineData("touch")]
    [InlineData("latch")]
    [InlineData("write")]
    [InlineData("touchTrim")]
    [InlineData("latchTrim")]
    [InlineData("writeTrim")]
    public void A_live_pass_through_the_control_facade_on_the_null_device_writes_what_the_same_scripted_pass_writes(string modeName)
    {
        var mode = RecorderFixture.Mode(modeName);
        using var folder = new SineSessionFolder();
        var ramp = new AutomationLane(Fader, new AutomationCurve([new(0, -20), new(48_000, 0)]), AutomationCurve.Empty);
        var original = SessionReader.Load(folder.SessionPath);
        SessionWriter.Save(original with { Automation = new SessionAutomation(AutomationSettings.Default with { AutoMatchMs = 50 }, new Dictionary<string, AutomationModeSetting>(), [ramp]) },
            folder.SessionPath);
        string scriptedPath = Path.Combine(folder.Directory, "scripted.json");
        File.Copy(folder.SessionPath, scriptedPath);
        Func<MixSession, RenderPlan> build = s => RenderPlanBuilder.Build(s, new RenderPlanOptions(Block), WavMediaOpener.Instance);

        var moves = new RecordingSubscriber();
        using var written = new ManualResetEventSlim();
        PassResult? result = null;
        using (var engine = new RealtimeEngine(build(SessionReader.Load(folder.SessionPath)), [("pm", 0)], Block))
        using (var control = new MixControl(engine))
        using (var device = new NullClockDevice(48_000, Block))
        {
            using var sink = control.AddMoveSink(moves);
            using (var live = new LiveAutomation(control, build, folder.SessionPath))
            {
                live.PassWritten += r =>
                {
                    result = r;
                    written.Set();
                };
                device.Open(["pm"]);
                device.Start(engine);
                var desk = control.RegisterClient("desk");
                var fader = control.Resolve(Fader);
                control.SetAutomationMode(desk, "track/DX 1", mode);
                control.Play(desk);
                WaitFor(control, 4_800);
                control.BeginTouch(desk, fader);
                WaitFor(control, 7_200);
                control.SetParameter(desk, fader, -6);
                WaitFor(control, 12_000);
                control.SetParameter(desk, fader, -3);
                WaitFor(control, 16_800);
                control.EndTouch(desk, fader);
                WaitFor(control, 26_400);
                control.Stop(desk);
                Assert.True(written.Wait(TimeSpan.FromSeconds(10)), "the pass was not written within 10 s of the stop");
                device.Stop();
            }
        }
        Assert.Equal([Fader], result!.Written);
        string pass = folder.Write("pass.json", ScriptOf(result, moves.Moves, modeName));
        var (exit, _, error) = CliRun.Run("automate", scriptedPath, "--pass", pass);
        Assert.True(exit == 0, error);

        var liveLane = SessionReader.Load(folder.SessionPath).Automation.Lane(Fader)!;
        var scriptedLane = SessionReader.Load(scriptedPath).Automation.Lane(Fader)!;
        Assert.Equal(scriptedLane.Curve.Points, liveLane.Curve.Points); // exact (tolerance 0): same recorder, same stamped positions and values
        Assert.Equal(scriptedLane.Trim.Points, liveLane.Trim.Points);
        Assert.Equal(scriptedLane.Mode, liveLane.Mode);
        Assert.Equal(SessionReader.Load(scriptedPath).Automation.Modes, SessionReader.Load(folder.SessionPath).Automation.Modes); // the after-Write switch alike
        long released = moves.Moves.Last(m => m.Kind == ControlMoveKind.TouchEnd).Position;
        double expected = mode.Trim ? ramp.Curve.ValueAt(released) - 3 : -3; // trim passes coalesce their −3 dB offset into the ramp after the pass
        Assert.Equal(expected, liveLane.Curve.ValueAt(released), 9); // the pass wrote the held value (1e-9: the coalesced sum of two interpolations)
        Assert.False(File.Exists(PassJournal.For(folder.SessionPath))); // saved, so the journal is gone
        var liveSamples = Render(SessionReader.Load(folder.SessionPath), 48_000);
        var scriptedSamples = Render(SessionReader.Load(scriptedPath), 48_000);
        Assert.Equal(scriptedSamples, liveSamples); // exact: identical lanes render identical samples (a function of lanes and positions alone)
    }

    [Fact]
    public void A_touched_fader_is_heard_during_the_pass_and_glides_back_as_the_written_lane_renders()
    {
        var lane = RecorderFixture.Lane("track/a/fader", new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(Touch, lane);
        var (session, engine, control, desk, fader, build) = (rig.Session, rig.Engine, rig.Control, rig.Desk, rig.Handle, rig.Build);
        control.Play(desk);
        var heard = new double[32_000];
        var output = new[] { new double[Block] };
        for (int p = 0; p < heard.Length; p += Block)
        {
            if (p == 6_400) control.BeginTouch(desk, fader, -6);
            if (p == 16_000) control.EndTouch(desk, fader);
            engine.RtRender(output, Block);
            Array.Copy(output[0], 0, heard, p, Block);
        }
        control.Stop(desk);
        engine.RtRender(output, Block);
        control.Hub.Pump(TimeSpan.FromMilliseconds(10));

        double held = Math.Pow(10, -6 / 20.0);
        for (int i = 6_400 + Block; i < 16_000; i++) Assert.Equal(held, heard[i], 12); // the touched value is heard, not the lane (1e-12: dB to gain)
        var written = RecorderFixture.Render(session, control.Session.Automation, 0, heard.Length);
        for (int i = 0; i < heard.Length; i++)
        {
            if (i is >= 6_400 and < 6_400 + Block) continue; // live moves ramp over 64 samples where the written lane steps
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * Math.Abs(written[i]), $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative: the same curve evaluated two ways)");
        }
        long glideEnd = 16_000 + AutomationSettings.Default.AutoMatchSamples(48_000);
        Assert.Equal(control.Session.Automation.Lane("track/a/fader")!.Curve.ValueAt(glideEnd), lane.Curve.ValueAt(glideEnd)); // exact: back on the lane after AutoMatch
    }

    [Fact]
    public void A_released_fader_without_a_lane_glides_back_to_its_value_at_the_pass_start_as_the_written_lane_renders()
    {
        using var rig = new LiveRig(Touch);
        var (session, engine, control, desk, fader, build) = (rig.Session, rig.Engine, rig.Control, rig.Desk, rig.Handle, rig.Build);
        control.Play(desk);
        var heard = new double[32_000];
        var output = new[] { new double[Block] };
        for (int p = 0; p < heard.Length; p += Block)
        {
            if (p == 6_400) control.BeginTouch(desk, fader, -12);
            if (p == 16_000) control.EndTouch(desk, fader);
            engine.RtRender(output, Block);
            Array.Copy(output[0], 0, heard, p, Block);
            if (p == 0) control.Hub.Pump(TimeSpan.FromMilliseconds(10)); // the recorder takes the pass start (and the fader's 0 dB) before the touch
        }
        control.Stop(desk);
        engine.RtRender(output, Block);
        control.Hub.Pump(TimeSpan.FromMilliseconds(10));

        long glideEnd = 16_000 + AutomationSettings.Default.AutoMatchSamples(48_000);
        Assert.Equal(Math.Pow(10, -12 / 20.0), heard[15_999], 12); // the touched value (1e-12: dB to gain)
        for (long i = glideEnd + Block; i < heard.Length; i++) Assert.Equal(1.0, heard[i]); // exactly back at 0 dB, where the pass started
        var written = RecorderFixture.Render(session, control.Session.Automation, 0, heard.Length);
        for (int i = 16_000; i < heard.Length; i++)
        {
            // The glide is set before each block at its last sample's value and the fader ramps linearly in gain across
            // the block: a chord of the dB-linear glide 64 samples long, within (64²/8)·(12 dB / 12,000 samples in neper)²
            // ≈ 7e-6 relative of it, plus the one sample the block ramp leads by (1e-4 relative): 2e-4 allowed. The block
            // holding the glide's end cuts its corner: up to half a block of the slope, 32 × 1.2e-4 ≈ 3.7e-3; 4e-3 allowed.
            double tolerance = Math.Abs(i - glideEnd) < Block ? 4e-3 : 2e-4;
            Assert.True(Math.Abs(heard[i] - written[i]) <= tolerance * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]}");
        }
    }

    [Fact]
    public void A_touch_held_through_a_structural_edit_keeps_playing_its_live_value_and_glides_back_after_the_release()
    {
        var lane = RecorderFixture.Lane("track/a/fader", new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(Touch, lane);
        var (session, engine, control, desk, fader, build) = (rig.Session, rig.Engine, rig.Control, rig.Desk, rig.Handle, rig.Build);
        control.Play(desk);
        var heard = new double[32_000];
        var output = new[] { new double[Block] };
        int swappedAt = -1;
        for (int p = 0; p < heard.Length; p += Block)
        {
            if (p == 6_400) control.BeginTouch(desk, fader, -6);
            if (p == 9_600) control.ApplySession(control.Session with { Buses = [.. control.Session.Buses, new Bus("fx", "FX", ChannelLayout.Stereo, Strip.Default, null, [])] }, build);
            if (p == 16_000) control.EndTouch(desk, fader);
            engine.RtRender(output, Block);
            Array.Copy(output[0], 0, heard, p, Block);
            if (engine.CollectRetired()) swappedAt = p;
        }
        control.Stop(desk);
        engine.RtRender(output, Block);
        control.Hub.Pump(TimeSpan.FromMilliseconds(10));

        Assert.Equal(9_600, swappedAt); // the edited plan was swapped in during the pass, while the fader was touched
        double held = Math.Pow(10, -6 / 20.0);
        for (int i = 6_400 + Block; i < 16_000; i++) Assert.Equal(held, heard[i], 12); // the touched value, before and after the swap (1e-12: dB to gain)
        var written = RecorderFixture.Render(session, control.Session.Automation, 0, heard.Length);
        for (int i = 16_000; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * Math.Abs(written[i]), $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (the AutoMatch glide as written, 1e-12 relative)");
    }

    [Fact]
    public void Undoing_a_live_pass_through_the_control_facade_restores_every_lane_it_wrote_in_one_step()
    {
        var fader = RecorderFixture.Lane("track/a/fader", new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        var send = RecorderFixture.Lane("track/b/send/pm2/level", new AutomationPoint(0, -10));
        var session = RecorderFixture.Fixture(fader, send);
        var media = RecorderFixture.Media();
        Func<MixSession, RenderPlan> build = s => RenderPlanBuilder.Build(s, new RenderPlanOptions(Block), media);
        using var engine = new RealtimeEngine(build(session), [("pm", 0)], Block);
        using var control = new MixControl(engine, FeedbackHubOptions.Default with { OwnThread = false });
        using var live = new LiveAutomation(control, build);
        var desk = control.RegisterClient("desk");
        control.SetAutomationMode(desk, "track/a", new AutomationModeSetting(AutomationMode.Latch));
        control.SetAutomationMode(desk, "track/b", new AutomationModeSetting(AutomationMode.Latch));
        control.Hub.Pump(TimeSpan.Zero);
        Assert.False(control.UndoAutomationPass(desk)); // nothing written yet
        control.Play(desk);
        var output = new[] { new double[Block] };
        for (int p = 0; p < 20_000; p += Block)
        {
            if (p == 3_200) control.SetParameter(desk, control.Resolve("track/a/fader"), -6);
            if (p == 6_400) control.SetParameter(desk, control.Resolve("track/b/send/pm2/level"), -3);
            engine.RtRender(output, Block);
        }
        control.Stop(desk);
        engine.RtRender(output, Block);
        control.Hub.Pump(TimeSpan.FromMilliseconds(10));
        var written = control.Session.Automation;
        Assert.Equal(-6.0, written.Lane("track/a/fader")!.Curve.ValueAt(10_000)); // both lanes written by the one pass (exact values)
        Assert.Equal(-3.0, written.Lane("track/b/send/pm2/level")!.Curve.ValueAt(10_000));

        Assert.True(control.UndoAutomationPass(desk));
        Assert.Equal(fader.Curve.Points, control.Session.Automation.Lane("track/a/fader")!.Curve.Points); // exact: the lanes before the pass
        Assert.Equal(send.Curve.Points, control.Session.Automation.Lane("track/b/send/pm2/level")!.Curve.Points);
        Assert.False(control.UndoAutomationPass(desk)); // the pass was one step
        Assert.True(control.RedoAutomationPass(desk));
        Assert.Equal(written.Lane("track/a/fader")!.Curve.Points, control.Session.Automation.Lane("track/a/fader")!.Curve.Points);
        Assert.Equal(written.Lane("track/b/send/pm2/level")!.Curve.Points, control.Session.Automation.Lane("track/b/send/pm2/level")!.Curve.Points);
    }

    [Fact]
    public void A_touched_send_level_is_heard_on_its_bus_and_the_pass_writes_the_send_lane()
    {
        const string send = "track/b/send/pm2/level";
        var lane = RecorderFixture.Lane(send, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        var session = RecorderFixture.Fixture(lane);
        var media = RecorderFixture.Media();
        Func<MixSession, RenderPlan> build = s => RenderPlanBuilder.Build(s, new RenderPlanOptions(Block), media);
        using var engine = new RealtimeEngine(build(session), [("pm2", 0)], Block);
        using var control = new MixControl(engine, FeedbackHubOptions.Default with { OwnThread = false });
        using var live = new LiveAutomation(control, build);
        var desk = control.RegisterClient("desk");
        var level = control.Resolve("track#b/send#pm2/level"); // the id form a surface may send resolves to the same send
        control.SetAutomationMode(desk, "track/b", Touch);
        control.Hub.Pump(TimeSpan.Zero);
        control.Play(desk);
        var heard = new double[32_000];
        var output = new[] { new double[Block] };
        for (int p = 0; p < heard.Length; p += Block)
        {
            if (p == 6_400) control.BeginTouch(desk, level, -6);
            if (p == 16_000) control.EndTouch(desk, level);
            engine.RtRender(output, Block);
            Array.Copy(output[0], 0, heard, p, Block);
        }
        control.Stop(desk);
        engine.RtRender(output, Block);
        control.Hub.Pump(TimeSpan.FromMilliseconds(10));

        const int I = AutomationPlayback.PointInterval;
        // The send reads its lane at the update points (multiples of I): the first point at or after 6,400 was taken by
        // the block before the touch, the next one hears the touched value, held exactly until the release (1e-12: dB to gain).
        int heardFrom = (6_400 + I - 1) / I * I + I;
        for (int i = heardFrom; i < 16_000; i++) Assert.Equal(Math.Pow(10, -6 / 20.0), heard[i], 12);
        var written = control.Session.Automation.Lane(send)!;
        Assert.Equal(-6.0, written.Curve.ValueAt(10_000)); // the pass wrote the send lane (exact: the touched value)
        var rendered = PlanCapture.Render(session with { Automation = control.Session.Automation }, media, "pm2", 0, heard.Length, blockSize: 256)[0];
        for (int i = 0; i < heard.Length; i++)
        {
            // Around the touch and the release the written lane's render leans towards the move from the point before it,
            // while the live move was taken after that point and the next one had been read: the heard move is later by
            // at most two intervals there.
            if (i is >= 6_400 - I and < 6_400 + 2 * I or >= 16_000 - I and < 16_000 + 2 * I) continue;
            Assert.True(Math.Abs(heard[i] - rendered[i]) <= 1e-12 * Math.Abs(rendered[i]), $"sample {i}: heard {heard[i]}, written lane renders {rendered[i]} (1e-12 relative: the same curve evaluated two ways)");
        }
    }

    private static void WaitFor(IMixControl control, long position)
    {
        var clock = Stopwatch.StartNew();
        while (control.Transport.Position < position)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"the transport did not reach sample {position} within 10 s (at {control.Transport.Position})");
            Thread.Sleep(1);
        }
    }

    /// <summary>The scripted pass (docs/automation.md, Scripted passes) of what the live pass took: its range, mode and stamped moves.</summary>
    private static string ScriptOf(PassResult result, IEnumerable<ControlMove> moves, string mode)
    {
        var events = new StringBuilder();
        foreach (var m in moves)
        {
            string kind = m.Kind switch { ControlMoveKind.TouchBegin => "touch", ControlMoveKind.TouchEnd => "release", _ => "value" };
            string value = m.Kind == ControlMoveKind.TouchEnd || double.IsNaN(m.Value) ? "" : $", \"value\": {m.Value.ToString("R", CultureInfo.InvariantCulture)}";
            if (events.Length > 0) events.Append(",\n");
            events.Append($"{{ \"position\": {m.Position}, \"address\": \"{m.Address}\", \"kind\": \"{kind}\"{value} }}");
        }
        return $"{{ \"start\": {result.Start}, \"end\": {result.End}, \"modes\": {{ \"track/DX 1\": \"{mode}\" }}, \"events\": [\n{events}\n] }}";
    }

    private static double[] Render(MixSession session, int length)
    {
        using var plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(256), WavMediaOpener.Instance);
        var samples = new double[length];
        for (int p = 0; p < length; p += 256)
        {
            int n = Math.Min(256, length - p);
            plan.RtRenderBlock(p, n, null);
            Array.Copy(plan.Bus("pm").OutputBuffers[0], 0, samples, p, n);
        }
        return samples;
    }
}
