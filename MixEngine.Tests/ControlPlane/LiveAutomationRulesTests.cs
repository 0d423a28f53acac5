using MixEngine.Automation;
using MixEngine.Tests.Automation;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// Rules 4 (Latch Prime), 5, 7, 8, 12 and 13 of automation.md 2.5 on the live path: passes made through the control facade on the realtime
/// engine (<see cref="LiveRig"/>: blocks rendered on the test thread, the hub pumped by hand, so every stamp is
/// deterministic), asserting what was heard, what was written and that the two agree. Fixture: track "a" (constant 1.0)
/// into mono bus "pm", so the output is the strip's gain (trim × fader × VCA).
/// </summary>
public class LiveAutomationRulesTests
{
    private const int Block = LiveRig.Block;
    private const string Fader = LiveRig.Fader;
    private static readonly AutomationLane Ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));

    private static double Gain(double db) => Math.Pow(10, db / 20);

    /// <summary>Heard equals the written lanes' render to 1e-12 relative (dB to gain), except where a live move ramps over 64 samples and the written lane steps.</summary>
    private static void AssertHeardAsWritten(double[] heard, double[] written, params long[] moves)
    {
        for (int i = 0; i < heard.Length; i++)
        {
            if (moves.Any(m => i >= m && i < m + Block)) continue;
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lanes render {written[i]} (1e-12 relative)");
        }
    }

    [Fact]
    public void Rule5_live_touch_latch_glides_the_fader_back_on_release_and_latches_the_trim_to_the_stop()
    {
        var trimLane = RecorderFixture.Lane("track/a/trim", new AutomationPoint(0, 0), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.TouchLatch), Ramp, trimLane);
        var trim = rig.Control.Resolve("track/a/trim");
        var heard = rig.Pass(40_000, p =>
        {
            if (p == 6_400) rig.Control.BeginTouch(rig.Desk, rig.Handle, -6);
            if (p == 12_800) rig.Control.EndTouch(rig.Desk, rig.Handle);
            if (p == 16_000) rig.Control.BeginTouch(rig.Desk, trim, -3);
            if (p == 19_200) rig.Control.EndTouch(rig.Desk, trim);
        });

        long glideEnd = 12_800 + AutomationSettings.Default.AutoMatchSamples(48_000);
        var fader = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        var written = rig.Control.Session.Automation.Lane("track/a/trim")!.Curve;
        Assert.Equal(-6.0, fader.ValueAt(12_800)); // exact: the fader wrote while touched (Touch)
        Assert.Equal(Ramp.Curve.ValueAt(glideEnd), fader.ValueAt(glideEnd)); // exact: and glided back over the AutoMatch time
        Assert.Equal(-3.0, written.ValueAt(39_999)); // exact: the trim held its value after the release, to the stop (Latch)
        Assert.Equal(Gain(Ramp.Curve.ValueAt(39_000) - 3), heard[39_000], 12); // heard: the ramp back, the trim still −3 dB (1e-12: dB to gain)
        AssertHeardAsWritten(heard, rig.Written(heard.Length), 6_400, 16_000);
    }

    [Fact]
    public void Rule8_a_live_latch_pass_leaves_every_point_and_sample_outside_its_range_bit_identical()
    {
        // Flat stretches around the pass, so the cut segments keep their values exactly.
        var old = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(4_000, -10), new AutomationPoint(6_000, -14),
            new AutomationPoint(48_000, -14), new AutomationPoint(100_000, 0, SegmentShape.SCurve), new AutomationPoint(RecorderFixture.End, -5));
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), old);
        var before = RecorderFixture.Render(rig.Session, rig.Session.Automation, 0, 120_000);
        const long from = 8_000, move = from + 6_400, stop = from + 24_000;
        var heard = rig.Pass(24_000, p =>
        {
            if (p == move) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
        }, from: from);

        var curve = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        foreach (var p in old.Curve.Points.Where(p => p.Position < move || p.Position > stop + AutomationSettings.GuardSamples))
            Assert.Contains(p, curve.Points); // every old point outside the written range, bit for bit
        Assert.Contains(new AutomationPoint(move - 1, -14, SegmentShape.Step), curve.Points); // the guard before the punch-in holds the old value
        Assert.Equal(-14.0, curve.ValueAt(stop + AutomationSettings.GuardSamples)); // exact: 64 samples after the stop, back on the old curve
        var after = rig.Written(120_000);
        for (int i = 0; i < 120_000; i++)
            if (i < move - 1 || i > stop + AutomationSettings.GuardSamples) Assert.Equal(before[i], after[i]); // exact outside the pass's range
        Assert.Equal(Gain(-6), heard[(int)(stop - from) - 1], 12); // the latched value heard to the stop (1e-12: dB to gain)
        var written = rig.Written(heard.Length, from);
        AssertHeardAsWritten(heard, written, move - from);
    }

    [Fact]
    public void Rule12_a_live_latch_trim_pass_coalesces_into_the_fader_lane_after_the_pass_and_plays_as_heard()
    {
        using var rig = new LiveRig(AutomationSettings.Default with { Coalesce = TrimCoalesce.AfterEveryPass }, RecorderFixture.Mode("latchTrim"), Ramp);
        var heard = rig.Pass(24_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -6); // a −6 dB trim offset
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!;
        Assert.True(lane.Trim.IsEmpty); // folded into the main curve after the pass
        Assert.Equal(Ramp.Curve.ValueAt(10_000) - 6, lane.Curve.ValueAt(10_000), 12); // the ramp − 6 dB (1e-12 dB: the fold adds in dB)
        Assert.Equal(Ramp.Curve.ValueAt(5_000), lane.Curve.ValueAt(5_000), 12); // before the offset, the ramp
        Assert.Equal(Ramp.Curve.ValueAt(100_000), lane.Curve.ValueAt(100_000), 12); // after the stop's guard, the ramp
        AssertHeardAsWritten(heard, rig.Written(heard.Length), 6_400);
    }

    [Fact]
    public void Rule12_a_live_move_of_a_vca_members_fader_is_stored_as_its_own_value_without_the_master()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Read));
        rig.Control.SetParameter(rig.Desk, rig.Control.Resolve("vca/v/fader"), -6); // the master at −6 dB
        rig.Engine.RtRender([new double[Block]], Block);
        rig.Control.SetAutomationMode(rig.Desk, "track/a", new AutomationModeSetting(AutomationMode.Latch));
        rig.Control.Hub.Pump(TimeSpan.Zero);
        var heard = rig.Pass(24_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -10); // the member's own fader, as every control sends it
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-10.0, lane.ValueAt(20_000)); // exact: the member's own value, the master's −6 dB factored out (inverse master)
        Assert.Null(rig.Control.Session.Automation.Lane("vca/v/fader")); // the master wrote nothing
        Assert.Equal(Gain(-16), heard[20_000], 12); // heard: own × master (1e-12: dB to gain)
        var written = rig.Written(heard.Length);
        for (int i = 6_400 + 960; i < heard.Length; i++) // after the lane-less move's 10 ms smoothing, as written (1e-12 relative)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lanes render {written[i]}");
    }

    [Fact]
    public void Rule13_a_dense_live_ride_is_thinned_within_the_tolerance_deterministically_and_plays_as_heard()
    {
        // 64 values on a straight line in dB, one per block (−14 → −13 dB over 4,096 samples), in two separate rigs.
        double[] Ride(out AutomationCurve curve, out double[] written)
        {
            using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
            var heard = rig.Pass(16_000, p =>
            {
                if (p is >= 6_400 and < 6_400 + 64 * Block) rig.Control.SetParameter(rig.Desk, rig.Handle, -14 + (p - 6_400) / (64.0 * Block));
            });
            curve = rig.Control.Session.Automation.Lane(Fader)!.Curve;
            written = rig.Written(heard.Length);
            return heard;
        }
        var heard = Ride(out var first, out var written);
        Ride(out var second, out _);

        Assert.Equal(first.Points, second.Points); // deterministic: the same ride gives the same points
        var inPass = first.Points.Where(p => p.Position is >= 6_400 and <= 16_000 + AutomationSettings.GuardSamples).ToList();
        Assert.True(inPass.Count <= 4, $"{inPass.Count} points kept of 64 collinear values: {string.Join(", ", inPass)}"); // first, last, stop, guard
        // The written line stays within the 0.01 dB thinning tolerance of the values; the live value reaches each value
        // over 64 samples after it arrives, so it lags the line by up to 64 samples of its slope (1/4,096 dB per sample).
        double tolerance = AutomationSettings.Default.ThinningDb + 64.0 / 4_096 + 1e-9;
        for (int i = 6_400 + Block; i < heard.Length; i++)
        {
            double db = 20 * Math.Log10(heard[i] / written[i]);
            Assert.True(Math.Abs(db) <= tolerance, $"sample {i}: heard {heard[i]}, written {written[i]}: {db} dB (tolerance {tolerance} dB)");
        }
    }

    [Fact]
    public void Rule4_a_value_while_stopped_primes_a_latch_fader_which_the_next_pass_plays_and_writes_from_its_start()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
        rig.Control.SetParameter(rig.Desk, rig.Handle, -8); // Latch Prime while stopped
        rig.Engine.RtRender([new double[Block]], Block);
        rig.Control.Hub.Pump(TimeSpan.Zero);
        var heard = rig.Pass(16_000, _ => { });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-8.0, lane.ValueAt(0)); // exact: written from the pass start
        Assert.Equal(-8.0, lane.ValueAt(15_999)); // and held to the stop
        Assert.Equal(Gain(-8), heard[0], 12); // heard from the first sample (1e-12: dB to gain)
        AssertHeardAsWritten(heard, rig.Written(heard.Length));
    }

    [Fact]
    public void Rule7_a_live_mute_released_in_touch_holds_until_the_lanes_next_breakpoint_as_written()
    {
        var mute = new AutomationLane("track/a/mute",
            new AutomationCurve([new AutomationPoint(0, 0, SegmentShape.Step), new AutomationPoint(16_000, 0, SegmentShape.Step)]), AutomationCurve.Empty);
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch), mute);
        var handle = rig.Control.Resolve("track/a/mute");
        var heard = rig.Pass(24_000, p =>
        {
            if (p == 6_400) rig.Control.BeginTouch(rig.Desk, handle, 1);
            if (p == 9_600) rig.Control.EndTouch(rig.Desk, handle);
        });

        var lane = rig.Control.Session.Automation.Lane("track/a/mute")!.Curve;
        Assert.Equal(1.0, lane.ValueAt(15_999)); // exact: latched after the release up to the next breakpoint
        Assert.Equal(0.0, lane.ValueAt(16_000)); // exact: the breakpoint ends it
        Assert.Equal(0.0, heard[15_999]); // silent up to there (exact: a mute's gain is 0)
        Assert.Equal(1.0, heard[16_000 + Block]); // exact: unmuted after the 64-sample fade
        var written = rig.Written(heard.Length);
        for (int i = 0; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12, $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12: the same fades)");
    }
}
