using MixEngine.Automation;
using MixEngine.Dsp;
using MixEngine.Session;
using static MixEngine.Tests.Automation.RecorderFixture;

namespace MixEngine.Tests.Automation;

/// <summary>One test (or more) per rule of automation.md 2.5, each driven by a scripted pass; names start with the rule number.</summary>
public class AutomationRecorderTests
{
    private static void AssertGain(double expectedDb, double sample, string what) =>
        Assert.True(Math.Abs(sample - Decibels.ToGain(expectedDb)) <= 1e-12 * Decibels.ToGain(expectedDb), $"{what}: {sample} vs {Decibels.ToGain(expectedDb)}"); // 1e-12 relative: pow + interpolation rounding

    [Fact]
    public void Rule1_write_trim_writes_fader_offsets_and_leaves_non_trimmable_pan_in_touch()
    {
        var session = Fixture(AutomationSettings.Default with { Coalesce = TrimCoalesce.Manual }, FlatFader());
        var (recorder, result) = Run(session, "writeTrim", 10_000, 100_000,
            Value(20_000, -2), Touch(30_000, "track/a/pan/x"), Value(31_000, 0.5, "track/a/pan/x"), Release(32_000, "track/a/pan/x"));
        var fader = recorder.Automation.Lane("track/a/fader")!;
        Assert.Equal(-2.0, fader.Trim.ValueAt(50_000)); // the delta, held over the whole pass
        Assert.Equal(-10.0, fader.Curve.ValueAt(50_000)); // the main curve is untouched
        var pan = Curve(recorder, "track/a/pan/x");
        Assert.Equal(0.5, pan.ValueAt(32_000));
        Assert.Equal(0.0, pan.ValueAt(32_000 + 12_000)); // pan acted as Touch: glided back to its static 0 over AutoMatch
        Assert.Contains("track/a/pan/x", result.Written);
        var rendered = Render(session, recorder.Automation, 0, 60_000);
        AssertGain(-10, rendered[9_999], "before the pass: the main curve alone");
        AssertGain(-12, rendered[50_000], "main curve + the written delta");
    }

    [Fact]
    public void Rule2_a_pass_is_one_undo_step_and_undo_restores_every_lane_exactly()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "latch", 0, 100_000, Value(10_000, -3), Value(20_000, 0, "track/a/pan/x"));
        Assert.Equal(1, recorder.History.UndoCount - 1); // the mode change is its own step, the pass one more
        var after = recorder.Automation;
        Assert.True(recorder.Undo());
        Assert.Equal(session.Automation.WithMode("track/a", Mode("latch")), recorder.Automation); // exact: the lanes as before the pass
        Assert.Equal(Render(session, session.Automation, 0, 30_000), Render(session, recorder.Automation, 0, 30_000)); // exact: the render as before the pass
        Assert.True(recorder.Redo());
        Assert.Equal(after, recorder.Automation);
    }

    [Fact]
    public void Rule3_touch_writes_only_while_touched_and_glides_back_over_exactly_the_automatch_time()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "touch", 0, 200_000, Touch(10_000), Value(20_000, -5), Value(30_000, -3), Release(40_000));
        Assert.Equal([new(0, -10), new(10_000, -10), new(20_000, -5), new(30_000, -3), new(40_000, -3), new(52_000, -10), new(End, -10)],
            Curve(recorder).Points); // the glide ends 250 ms = 12,000 samples after the release
        var rendered = Render(session, recorder.Automation, 0, 60_000);
        AssertGain(-10, rendered[9_999], "before the touch");
        AssertGain(-4, rendered[25_000], "while touched");
        AssertGain(-6.5, rendered[46_000], "half way through the glide");
        AssertGain(-10, rendered[52_000], "after the glide");
    }

    [Fact]
    public void Rule3_a_value_only_control_releases_after_the_touch_timeout_then_glides()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "touch", 0, 300_000, Value(10_000, -5), Value(20_000, -4));
        var curve = Curve(recorder);
        Assert.Equal(-4.0, curve.ValueAt(20_000 + 96_000)); // held for the 2 s timeout
        Assert.Equal(-10.0, curve.ValueAt(20_000 + 96_000 + 12_000)); // then AutoMatch
        Assert.Equal(-7.0, curve.ValueAt(20_000 + 96_000 + 6_000), 12); // linear glide, 1e-12 dB rounding
    }

    [Fact]
    public void Rule4_latch_holds_the_last_value_to_stop()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "latch", 0, 60_000, Touch(10_000), Value(20_000, -4), Release(25_000));
        var curve = Curve(recorder);
        Assert.Equal(-4.0, curve.ValueAt(59_999));
        Assert.Equal(-4.0, curve.ValueAt(60_000));
        Assert.Equal(-10.0, curve.ValueAt(60_000 + AutomationSettings.GuardSamples)); // guard back to the old curve after stop
        AssertGain(-4, Render(session, recorder.Automation, 0, 60_000)[59_999], "held to stop");
    }

    [Fact]
    public void Rule4_latch_prime_while_stopped_starts_the_pass_at_the_primed_value()
    {
        var session = Fixture(FlatFader());
        var recorder = new AutomationRecorder(session);
        Run(recorder, [("track/a", Mode("latch"))], 10_000, 50_000, [Value(0, -7)], []);
        var curve = Curve(recorder);
        Assert.Equal(-10.0, curve.ValueAt(9_999));
        Assert.Equal(-7.0, curve.ValueAt(10_000));
        Assert.Equal(-7.0, curve.ValueAt(50_000));
    }

    [Fact]
    public void Rule4_autojoin_resumes_latch_writing_where_the_previous_pass_stopped()
    {
        var session = Fixture(AutomationSettings.Default with { AutoJoin = true }, FlatFader());
        var recorder = new AutomationRecorder(session);
        Run(recorder, [("track/a", Mode("latch"))], 0, 30_000, [], [Value(10_000, -4)]);
        Run(recorder, [], 0, 80_000, [], []);
        var curve = Curve(recorder);
        Assert.Equal(-4.0, curve.ValueAt(30_000 + 1_000)); // resumed at the join point with the held value
        Assert.Equal(-4.0, curve.ValueAt(80_000));
        Assert.Equal(-10.0, curve.ValueAt(80_000 + AutomationSettings.GuardSamples));
    }

    [Fact]
    public void Rule5_touch_latch_runs_the_fader_as_touch_and_other_controls_as_latch()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "touchLatch", 0, 100_000,
            Touch(10_000), Value(11_000, -3), Release(20_000),
            Touch(10_000, "track/a/pan/x"), Value(11_000, 0.5, "track/a/pan/x"), Release(20_000, "track/a/pan/x"));
        Assert.Equal(-10.0, Curve(recorder).ValueAt(20_000 + 12_000)); // fader: glided back
        Assert.Equal(0.5, Curve(recorder, "track/a/pan/x").ValueAt(99_999)); // pan: latched to stop
        var rendered = Render(session, recorder.Automation, 0, 40_000);
        AssertGain(-3, rendered[15_000], "the touched fader");
        AssertGain(-10, rendered[32_000], "the fader after its AutoMatch glide");
    }

    [Fact]
    public void Rule6_write_erases_the_pass_range_and_switches_to_touch_after_the_pass()
    {
        var session = Fixture(Lane("track/a/fader", new(0, -10), new(30_000, 0), new(60_000, -20), new(200_000, -10)));
        var (recorder, _) = Run(session, "write", 20_000, 100_000, Value(50_000, -6));
        var curve = Curve(recorder);
        Assert.DoesNotContain(curve.Points, p => p.Position is 30_000 or 60_000); // the old points inside the pass are gone
        Assert.Equal(-6.0, curve.ValueAt(70_000));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch), recorder.Automation.Modes["track/a"]);
        Assert.Contains(curve.Points, p => p.Position == 200_000 && p.Value == -10); // after the pass: untouched
        var rendered = Render(session, recorder.Automation, 0, 260_000);
        AssertGain(session.Automation.Lane("track/a/fader")!.Curve.ValueAt(10_000), rendered[10_000], "before the pass: the old curve");
        AssertGain(-6, rendered[70_000], "the written value where the old 0 / −20 dB points were");
        AssertGain(-10, rendered[250_000], "after the pass: the old curve");
    }

    [Theory]
    [InlineData(AfterWritePass.Latch, "latch")]
    [InlineData(AfterWritePass.NoChange, "write")]
    public void Rule6_after_a_write_pass_the_mode_becomes_the_configured_after_write_mode(AfterWritePass afterWrite, string expected)
    {
        var session = Fixture(AutomationSettings.Default with { AfterWrite = afterWrite }, FlatFader());
        var (recorder, _) = Run(session, "write", 0, 50_000, Value(10_000, -6));
        Assert.Equal(Mode(expected), recorder.Automation.Modes["track/a"]);
        Assert.Equal(-6.0, Curve(recorder).ValueAt(30_000));
    }

    [Fact]
    public void Rule7_a_switch_in_touch_latches_until_the_next_existing_breakpoint()
    {
        var session = Fixture(Lane("track/a/mute", new(0, 0, SegmentShape.Step), new(50_000, 1, SegmentShape.Step), new(90_000, 0, SegmentShape.Step)));
        var (recorder, _) = Run(session, "touch", 0, 200_000, Value(10_000, 1, "track/a/mute"));
        var mute = Curve(recorder, "track/a/mute");
        Assert.Equal(0.0, mute.ValueAt(9_999));
        Assert.Equal(1.0, mute.ValueAt(49_999));
        Assert.Equal([new(0, 0, SegmentShape.Step), new(10_000, 1, SegmentShape.Step), new(50_000, 1, SegmentShape.Step), new(90_000, 0, SegmentShape.Step)],
            mute.Points.Where(p => p.Position != 9_999 && p.Position != 49_999).ToArray()); // the breakpoints at 50,000 and 90,000 are the old ones
        var rendered = Render(session, recorder.Automation, 0, 100_000);
        Assert.Equal(1.0, rendered[9_999]); // exact: unmuted before the move
        Assert.Equal(0.0, rendered[30_000]); // exact: muted from the move (after its 64-sample fade) to the old breakpoints
        Assert.Equal(1.0, rendered[95_000]); // exact: the old breakpoint at 90,000 unmutes
    }

    [Fact]
    public void Rule8_guard_points_leave_data_outside_the_pass_bit_identical()
    {
        var old = Lane("track/a/fader", new(0, -10), new(5_000, -8), new(10_000, -12, SegmentShape.SCurve), new(80_000, -2), new(120_000, -14), new(300_000, -6));
        var session = Fixture(old);
        var before = Render(session, session.Automation, 0, 400_000);
        var (recorder, _) = Run(session, "touch", 0, 400_000, Touch(7_000), Value(8_000, 0), Release(9_000));
        var curve = Curve(recorder);
        foreach (var p in old.Curve.Points.Where(p => p.Position < 7_000 || p.Position > 9_000 + 12_000))
            Assert.Contains(p, curve.Points); // every old point outside the written range, bit for bit
        var after = Render(session, recorder.Automation, 0, 400_000);
        for (int i = 0; i < 5_000; i++) Assert.Equal(before[i], after[i]); // before the cut segment: exact
        for (int i = 80_000; i < 400_000; i++) Assert.Equal(before[i], after[i]); // after the cut segment: exact
        for (int i = 5_000; i < 7_000; i++) Assert.True(Math.Abs(before[i] - after[i]) <= 1e-12 * before[i], $"sample {i}"); // cut linear segment: rounding only
    }

    [Fact]
    public void Rule9_writing_goes_forward_only()
    {
        var session = Fixture(FlatFader());
        var (recorder, result) = Run(session, "latch", 0, 100_000, Value(40_000, -3), Value(30_000, -20));
        Assert.Contains(result.NotWritten, m => m.Contains("at sample 30000 is before sample 40000") && m.Contains("forward only"));
        Assert.DoesNotContain(Curve(recorder).Points, p => p.Value == -20);
    }

    [Fact]
    public void Rule9_a_loop_wrap_splits_the_pass_and_the_second_lap_writes_over_the_first()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "latch", 0, 40_000,
            Value(10_000, -3), new PassEvent(PassEventKind.Jump, 50_000, To: 20_000), Value(30_000, -6));
        var curve = Curve(recorder);
        Assert.Equal(-3.0, curve.ValueAt(20_000)); // lap 2 starts with the held value
        Assert.Equal(-4.5, curve.ValueAt(25_000), 12);
        Assert.Equal(-6.0, curve.ValueAt(40_000));
        Assert.Equal(-3.0, curve.ValueAt(45_000)); // lap 1's write survives after lap 2 stopped
        Assert.Equal(-10.0, curve.ValueAt(50_000 + AutomationSettings.GuardSamples)); // lap 1 ended at the loop end with a guard
        var rendered = Render(session, recorder.Automation, 0, 60_000);
        AssertGain(-6, rendered[40_000], "lap 2's value");
        AssertGain(-3, rendered[45_000], "lap 1's value after lap 2 stopped");
    }

    [Fact]
    public void Rule10_write_to_end_fills_from_the_punch_out_point_to_the_session_end()
    {
        var session = Fixture(Lane("track/a/fader", new(0, -10), new(200_000, -20), new(400_000, -10)));
        var (recorder, _) = Run(session, "latch", 0, 100_000, Value(10_000, -4), new PassEvent(PassEventKind.WriteTo, 30_000, Target: WriteTarget.End));
        var curve = Curve(recorder);
        Assert.Equal(-4.0, curve.ValueAt(30_000));
        Assert.Equal(-4.0, curve.ValueAt(End)); // to the session end
        Assert.DoesNotContain(curve.Points, p => p.Position is 200_000 or 400_000);
        var rendered = Render(session, recorder.Automation, 0, End);
        AssertGain(-4, rendered[200_000], "the value filled over the old −20 dB point");
        AssertGain(-4, rendered[End - 1], "to the session end");
    }

    [Fact]
    public void Rule10_write_to_next_breakpoint_fills_up_to_the_next_existing_point_and_punches_out()
    {
        var session = Fixture(Lane("track/a/fader", new(0, -10), new(60_000, -20), new(200_000, -10)));
        var (recorder, _) = Run(session, "latch", 0, 100_000, Value(10_000, -4), new PassEvent(PassEventKind.WriteTo, 20_000, Target: WriteTarget.NextBreakpoint));
        var curve = Curve(recorder);
        Assert.Equal(-4.0, curve.ValueAt(20_000));
        Assert.Equal(-4.0, curve.ValueAt(59_999)); // up to one sample before the next existing breakpoint
        Assert.Equal(-20.0, curve.ValueAt(60_000)); // the breakpoint itself is kept
        Assert.Contains(new AutomationPoint(200_000, -10), curve.Points);
        Assert.Equal(-15.0, curve.ValueAt(130_000), 12); // punched out: the old curve plays after the breakpoint (1e-12 dB rounding)
    }

    [Fact]
    public void Rule10_write_to_start_and_punch_point_fill_backwards_and_keep_writing()
    {
        var session = Fixture(FlatFader());
        var (recorder, _) = Run(session, "latch", 0, 100_000, Value(50_000, -4), Value(55_000, -8),
            new PassEvent(PassEventKind.WriteTo, 60_000, Target: WriteTarget.PunchPoint), Value(70_000, -2));
        var curve = Curve(recorder);
        Assert.Equal(-10.0, curve.ValueAt(49_999));
        Assert.Equal(-8.0, curve.ValueAt(50_000)); // from the punch-in point (the first move) the current value replaces the ramp
        Assert.Equal(-8.0, curve.ValueAt(52_000));
        Assert.Equal(-2.0, curve.ValueAt(70_000)); // still writing after the command

        var (r2, _) = Run(session, "latch", 0, 100_000, Value(50_000, -4),
            new PassEvent(PassEventKind.WriteTo, 60_000, Target: WriteTarget.Start, SelectionStart: 20_000, SelectionEnd: 90_000));
        Assert.Equal(-10.0, Curve(r2).ValueAt(19_999));
        Assert.Equal(-4.0, Curve(r2).ValueAt(20_000));
    }

    private const string PreviewPass = """
        { "start": 0, "end": 100000, "modes": { "track/a": "touch" },
          "events": [
            { "position": 0, "kind": "preview", "on": true },
            { "position": 10000, "address": "track/a/fader", "kind": "touch" },
            { "position": 20000, "address": "track/a/fader", "kind": "value", "value": -4 },
            { "position": 25000, "address": "track/a/fader", "kind": "release" },
            { "position": 40000, "kind": "punchPreview" } ] }
        """;

    [Fact]
    public void Rule11_preview_isolates_a_touched_control_and_punch_preview_latches_its_value_from_the_punch_point()
    {
        var session = Fixture(FlatFader());
        var recorder = new AutomationRecorder(session);
        var result = ScriptedPassReader.Parse(PreviewPass, "preview.json", session).Run(recorder);
        Assert.Equal([new(0, -10), new(39_999, -10, SegmentShape.Step), new(40_000, -4), new(100_000, -4), new(100_000 + AutomationSettings.GuardSamples, -10), new(End, -10)],
            Curve(recorder).Points); // nothing written while isolated (10,000–40,000); from the punch the preview value, latched to the stop
        Assert.Equal(Mode("latch"), recorder.Automation.Modes["track/a"]); // Punch Preview put the track in Latch
        Assert.Empty(recorder.PreviewValues);
        Assert.True(recorder.PreviewOn);
        Assert.Equal(["track/a/fader"], result.Written);
        var rendered = Render(session, recorder.Automation, 0, 110_000);
        AssertGain(-10, rendered[30_000], "isolated: the lane, not the preview value, is in the automation");
        AssertGain(-4, rendered[40_000], "from the punch point");
        AssertGain(-4, rendered[99_999], "latched to the stop");
        AssertGain(-10, rendered[100_000 + AutomationSettings.GuardSamples], "back on the old curve after the guard");
    }

    [Fact]
    public void Rule11_punch_preview_while_stopped_primes_latch_and_write_to_spreads_a_preview_value_over_the_selection()
    {
        var session = Fixture(FlatFader());
        var recorder = new AutomationRecorder(session);
        var preview = new PassEvent(PassEventKind.Preview, 0, On: true);
        Run(recorder, [("track/a", Mode("touch"))], 50_000, 150_000,
            [preview, Touch(0), Value(0, -6), new PassEvent(PassEventKind.PunchPreview, 0)], []);
        var curve = Curve(recorder);
        Assert.Equal(-10.0, curve.ValueAt(49_999));
        Assert.Equal(-6.0, curve.ValueAt(50_000)); // primed: the pass writes the preview value from its start
        Assert.Equal(-6.0, curve.ValueAt(150_000));
        Assert.Equal(3, recorder.History.UndoCount); // mode, the stopped punch's switch to Latch, the pass

        var second = new AutomationRecorder(session);
        Run(second, [("track/a", Mode("touch"))], 300_000, 310_000,
            [preview, Value(0, -3), new PassEvent(PassEventKind.WriteTo, 0, Target: WriteTarget.All, SelectionStart: 100_000, SelectionEnd: 200_000)], []);
        var written = Curve(second);
        Assert.Equal(-10.0, written.ValueAt(99_998));
        Assert.Equal(-3.0, written.ValueAt(100_000));
        Assert.Equal(-3.0, written.ValueAt(200_000));
        Assert.Equal(-10.0, written.ValueAt(200_001));
        Assert.Equal(Mode("touch"), second.Automation.Modes["track/a"]); // Write-To does not punch: the mode stays
        Assert.Empty(second.PreviewValues);
        AssertGain(-3, Render(session, second.Automation, 0, 210_000)[150_000], "preview value over the selection");
    }

    [Fact]
    public void Rule11_capture_stores_a_writing_value_and_punch_capture_writes_it_elsewhere_leaving_read_tracks_alone()
    {
        var session = Fixture(FlatFader());
        var recorder = new AutomationRecorder(session);
        Run(recorder, [("track/a", Mode("touch"))], 0, 100_000, [],
            [Touch(10_000), Value(12_000, -4), new PassEvent(PassEventKind.Capture, 15_000), Release(20_000)]);
        Assert.Equal(-4.0, recorder.Captured["track/a/fader"]);
        Run(recorder, [], 200_000, 300_000, [], [new PassEvent(PassEventKind.PunchCapture, 250_000)]);
        var curve = Curve(recorder);
        Assert.Equal(-10.0, curve.ValueAt(249_999));
        Assert.Equal(-4.0, curve.ValueAt(250_000)); // the captured value from the punch on
        Assert.Equal(-4.0, curve.ValueAt(300_000));
        Assert.Equal(-10.0, curve.ValueAt(300_000 + AutomationSettings.GuardSamples));
        Assert.Equal(Mode("latch"), recorder.Automation.Modes["track/a"]); // Touch went to Latch
        AssertGain(-4, Render(session, recorder.Automation, 0, 310_000)[260_000], "captured value played back");

        var (_, read) = Run(recorder, [("track/a", Mode("read"))], 350_000, 400_000, [], [new PassEvent(PassEventKind.PunchCapture, 360_000)]);
        Assert.Empty(read.Written); // Read tracks are unaffected
        var (_, all) = Run(recorder, [], 400_000, 450_000, [], [new PassEvent(PassEventKind.PunchCapture, 420_000, All: true)]);
        Assert.Equal(["track/a/fader"], all.Written); // the "all" variant punches Read tracks too
        Assert.Equal(-4.0, Curve(recorder).ValueAt(430_000));
        Assert.Equal(Mode("latch"), recorder.Automation.Modes["track/a"]);
    }

    [Fact]
    public void Rule11_preview_and_capture_commands_replay_from_the_journal_to_the_same_lanes()
    {
        var session = Fixture(FlatFader());
        string dir = Directory.CreateTempSubdirectory("preview-journal").FullName;
        try
        {
            string path = Path.Combine(dir, "s.json.journal");
            var live = new AutomationRecorder(session, new PassJournal(path));
            var pass = ScriptedPassReader.Parse(PreviewPass, "preview.json", session);
            pass.Run(live);
            live.Capture(100_000);
            ((PassJournal)live.Journal!).Dispose();
            var replayed = new AutomationRecorder(session);
            PassJournal.Replay(path, replayed);
            Assert.Equal(live.Automation, replayed.Automation); // exact: the same lanes and modes
            Assert.True(replayed.PreviewOn);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Rule12_trim_writes_db_offsets_and_coalesces_after_every_pass()
    {
        var session = Fixture(Lane("track/a/fader", new(0, -10), new(100_000, -20)));
        var (recorder, _) = Run(session, "touchTrim", 0, 200_000, Touch(10_000), Value(20_000, -2), Release(30_000));
        var lane = recorder.Automation.Lane("track/a/fader")!;
        Assert.True(lane.Trim.IsEmpty); // folded
        Assert.Equal(-10 - 10 * 0.25 - 2, lane.Curve.ValueAt(25_000), 12); // main (dB-linear) + trim, 1e-12 dB rounding
        Assert.Equal(-10 - 10 * 0.5, lane.Curve.ValueAt(50_000), 12); // after the glide: the main curve alone
    }

    [Fact]
    public void Rule12_with_manual_coalesce_the_trim_curve_stays_and_plays_on_top()
    {
        var session = Fixture(AutomationSettings.Default with { Coalesce = TrimCoalesce.Manual }, FlatFader());
        var (recorder, _) = Run(session, "latchTrim", 0, 100_000, Value(10_000, -3));
        var lane = recorder.Automation.Lane("track/a/fader")!;
        Assert.Equal(-3.0, lane.Trim.ValueAt(50_000));
        AssertGain(-13, Render(session, recorder.Automation, 0, 60_000)[50_000], "main + trim");
        recorder.Coalesce("track/a/fader");
        Assert.Equal(-13.0, recorder.Automation.Lane("track/a/fader")!.Curve.ValueAt(50_000));
    }

    [Fact]
    public void Rule12_with_on_exit_trim_the_trim_curve_folds_in_when_the_strip_leaves_its_trim_mode()
    {
        var session = Fixture(AutomationSettings.Default with { Coalesce = TrimCoalesce.OnExitTrim }, FlatFader());
        var (recorder, _) = Run(session, "latchTrim", 0, 100_000, Value(10_000, -3));
        Assert.Equal(-3.0, recorder.Automation.Lane("track/a/fader")!.Trim.ValueAt(50_000)); // not folded after the pass
        recorder.SetMode("track/a", Mode("latch"));
        var lane = recorder.Automation.Lane("track/a/fader")!;
        Assert.True(lane.Trim.IsEmpty);
        Assert.Equal(-13.0, lane.Curve.ValueAt(50_000)); // folded on leaving the trim mode
    }

    [Fact]
    public void Rule12_composite_moves_of_a_vca_member_are_stored_as_inverse_master_values()
    {
        var session = Fixture(FlatFader(), Lane("vca/v/fader", new(0, 0), new(100_000, -20)));
        var recorder = new AutomationRecorder(session);
        var composite = (long at, double db) => new PassEvent(PassEventKind.Value, at, ParameterAddress.Parse("track/a/fader"), db, Composite: true);
        var (_, result) = Run(recorder, [("track/a", Mode("latch"))], 0, 100_000, [],
            [composite(20_000, -14), composite(60_000, -20), new PassEvent(PassEventKind.Value, 70_000, ParameterAddress.Parse("track/a/pan/x"), 0.5, Composite: true)]);
        var curve = Curve(recorder);
        Assert.Equal(-10.0, curve.ValueAt(20_000), 12); // -14 composite minus the master's -4 dB there (1e-12 dB: one subtraction)
        Assert.Equal(-8.0, curve.ValueAt(60_000), 12); // -20 composite minus the master's -12 dB
        Assert.Equal(0.0, recorder.Automation.Lane("vca/v/fader")!.Curve.ValueAt(0)); // the master's lane is untouched
        Assert.Contains(result.NotWritten, m => m.Contains("composite levels exist only for track and bus faders"));
        var rendered = Render(session, recorder.Automation, 0, 70_000);
        AssertGain(-14, rendered[20_000], "own + master = the composite level the surface sent");
        AssertGain(-20, rendered[60_000], "own + master = the composite level the surface sent");
    }

    [Fact]
    public void Rule12_coalescing_a_vca_folds_its_fader_and_mute_lanes_into_its_members_and_the_render_is_unchanged()
    {
        var session = Fixture(
            Lane("track/a/fader", new(0, -10), new(50_000, -4), new(100_000, -10)),
            Lane("vca/v/fader", new(0, 0), new(30_000, -6, SegmentShape.Step), new(60_000, 3)),
            Lane("vca/v/mute", new(0, 0, SegmentShape.Step), new(70_000, 1, SegmentShape.Step), new(80_000, 0, SegmentShape.Step)));
        var before = Render(session, session.Automation, 0, 120_000);
        var recorder = new AutomationRecorder(session);
        Assert.Equal(["track/a/fader", "track/a/mute"], recorder.CoalesceVca("v"));
        Assert.Equal([new AutomationPoint(0, 0)], recorder.Automation.Lane("vca/v/fader")!.Curve.Points); // the master is left at 0 dB
        Assert.Equal([new AutomationPoint(0, 0, SegmentShape.Step)], recorder.Automation.Lane("vca/v/mute")!.Curve.Points);
        Assert.Equal(-10 + 6.0 * 42_000 / 50_000 - 6, Curve(recorder).ValueAt(42_000), 12); // member ramp + master step, 1e-12 dB rounding
        Assert.Equal(1.0, Curve(recorder, "track/a/mute").ValueAt(75_000));
        var after = Render(session, recorder.Automation, 0, 120_000);
        for (int i = 0; i < before.Length; i++)
            Assert.True(Math.Abs(before[i] - after[i]) <= 1e-12 * Math.Abs(before[i]), $"sample {i}: {after[i]} vs {before[i]}"); // one pow of the sum vs a product of two pows: 1e-12 relative
        Assert.True(recorder.Undo());
        Assert.Equal(session.Automation, recorder.Automation); // one undo step restores the lanes exactly
        Assert.Throws<ArgumentException>(() => recorder.CoalesceVca("nope"));
    }

    [Fact]
    public void Rule13_thinning_keeps_the_curve_within_its_tolerance_and_is_deterministic()
    {
        var session = Fixture(FlatFader());
        var moves = Enumerable.Range(0, 1000).Select(i => Value(10_000 + i * 64, -10 + i * 0.01 + (i % 2) * 0.001)).ToArray();
        var (first, _) = Run(session, "latch", 0, 100_000, moves);
        var (second, _) = Run(session, "latch", 0, 100_000, moves);
        var curve = Curve(first);
        Assert.Equal(curve, Curve(second));
        Assert.True(curve.Points.Count < 20, $"{curve.Points.Count} points");
        foreach (var m in moves) Assert.True(Math.Abs(curve.ValueAt(m.Position) - m.Value) <= 0.01 + 1e-9, $"at {m.Position}"); // the 0.01 dB tolerance
        var rendered = Render(session, first.Automation, 0, 80_000);
        foreach (var m in moves) // the thinned curve renders within 0.01 dB of every move, 1.2e-3 relative in gain
            Assert.True(Math.Abs(rendered[m.Position] / Decibels.ToGain(m.Value) - 1) <= 1.2e-3, $"sample {m.Position}: {rendered[m.Position]} vs {Decibels.ToGain(m.Value)}");
    }
}
