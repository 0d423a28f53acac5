using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Automation;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// What a live pass plays against what it writes, for the cases beyond a touched lane (docs/automation.md, Live
/// passes): controls without a lane, value-only controls, trim modes and the pass start. The engine renders block by
/// block on the test thread and the feedback hub is pumped by hand, so every stamp is deterministic. Fixture: track "a"
/// (constant 1.0, fader at 0 dB) into mono bus "pm" (<see cref="RecorderFixture"/>), the bus output is the track's gain.
/// </summary>
public class LiveAutomationHeardTests
{
    private const int Block = 64;
    private const string Fader = "track/a/fader";

    [Fact]
    public void A_touch_stamped_at_the_first_block_of_a_pass_is_written_in_that_pass_which_starts_from_the_value_before_it()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch));
        // Play and the touch reach the engine in the same period: the touch takes effect at the pass's first block, and
        // the hub hears the pass start only after the control side already holds the touched value.
        var heard = rig.Pass(32_000, p =>
        {
            if (p == 0) rig.Control.BeginTouch(rig.Desk, rig.Handle, -12);
            if (p == 16_000) rig.Control.EndTouch(rig.Desk, rig.Handle);
        }, pumpAfterFirstBlock: false);

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        long glideEnd = 16_000 + AutomationSettings.Default.AutoMatchSamples(48_000);
        Assert.Equal(-12.0, lane.ValueAt(0)); // exact: the touch at the first block belongs to this pass
        Assert.Equal(0.0, lane.ValueAt(glideEnd)); // exact: the glide returns to 0 dB, the value before the pass, not the touched one
        Assert.Equal(Math.Pow(10, -12 / 20.0), heard[15_999], 12); // the touched value is heard (1e-12: dB to gain)
        var written = rig.Written(heard.Length);
        for (int i = 16_000; i < heard.Length; i++)
        {
            // As for any lane-less glide (LiveAutomationTests): 2e-4 relative along it, 4e-3 in the block holding its end.
            double tolerance = Math.Abs(i - glideEnd) < Block ? 4e-3 : 2e-4;
            Assert.True(Math.Abs(heard[i] - written[i]) <= tolerance * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]}");
        }
    }

    [Fact]
    public void A_fader_without_a_lane_that_sends_values_but_no_touch_glides_back_after_the_touch_timeout_as_written()
    {
        var settings = AutomationSettings.Default with { TouchTimeoutMs = 250 }; // 12,000 samples, so the test stays short
        using var rig = new LiveRig(settings, new AutomationModeSetting(AutomationMode.Touch));
        var heard = rig.Pass(40_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -12);
            if (p == 9_600) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
        });

        long deadline = 9_600 + settings.TouchTimeoutSamples(48_000), glideEnd = deadline + settings.AutoMatchSamples(48_000);
        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-6.0, lane.ValueAt(deadline)); // exact: the last value is written until the touch timeout
        Assert.Equal(0.0, lane.ValueAt(glideEnd)); // exact: then the AutoMatch glide back to the value at the pass start
        Assert.Equal(Math.Pow(10, -6 / 20.0), heard[(int)deadline - Block - 1], 12); // the last value heard until the timeout (1e-12: dB to gain)
        Assert.Equal(1.0, heard[^1]); // exactly back at 0 dB after the glide, live
        var written = rig.Written(heard.Length);
        for (int i = 16_000; i < heard.Length; i++)
        {
            // The glide is set before each block at its last sample (as a release's, LiveAutomationTests): 2e-4 relative
            // along it; the blocks holding its start (mid-block here) and its end cut a corner of up to half a block of
            // the slope, 32 × 1.2e-4 ≈ 3.7e-3: 4e-3 allowed there.
            double tolerance = Math.Abs(i - glideEnd) < Block || Math.Abs(i - deadline) < Block ? 4e-3 : 2e-4;
            Assert.True(Math.Abs(heard[i] - written[i]) <= tolerance * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]}");
        }
    }

    [Fact]
    public void A_fader_on_a_lane_that_sends_values_but_no_touch_glides_back_to_the_lane_after_the_touch_timeout_as_written()
    {
        var settings = AutomationSettings.Default with { TouchTimeoutMs = 250 }; // 12,000 samples, so the test stays short
        var ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(settings, new AutomationModeSetting(AutomationMode.Touch), ramp);
        var heard = rig.Pass(40_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -12);
            if (p == 9_600) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
        });

        long deadline = 9_600 + settings.TouchTimeoutSamples(48_000), glideEnd = deadline + settings.AutoMatchSamples(48_000);
        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-6.0, lane.ValueAt(deadline)); // exact: the last value is written until the touch timeout
        Assert.Equal(ramp.Curve.ValueAt(glideEnd), lane.ValueAt(glideEnd)); // exact: then the AutoMatch glide lands on the ramp
        var written = rig.Written(heard.Length);
        // Before the first value the lane plays; between two values the written curve is a straight line while the live
        // value holds the last one (the recorder cannot know the next value in advance); from the last value (after its
        // 64-sample ramp) through the timeout and the glide back the two agree.
        for (int i = 0; i < heard.Length; i++)
        {
            if (i is >= 6_400 and < 9_600 + Block) continue;
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");
        }
    }

    [Theory]
    [InlineData("touchTrim")]
    [InlineData("latchTrim")]
    [InlineData("writeTrim")]
    public void A_trim_pass_over_a_ramp_is_heard_as_the_ramp_plus_the_live_offset_and_equals_the_written_lanes(string mode)
    {
        var ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(AutomationSettings.Default with { Coalesce = TrimCoalesce.Manual }, RecorderFixture.Mode(mode), ramp);
        var heard = rig.Pass(32_000, p =>
        {
            if (p == 6_400) rig.Control.BeginTouch(rig.Desk, rig.Handle, -6);
            if (p == 16_000) rig.Control.EndTouch(rig.Desk, rig.Handle);
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!;
        Assert.Equal(ramp.Curve, lane.Curve); // the main curve is untouched: the pass wrote dB offsets to the trim curve
        Assert.Equal(-6.0, lane.Trim.ValueAt(10_000)); // exact: the held offset
        for (int i = 6_400 + Block; i < 16_000; i++)
        {
            double expected = Math.Pow(10, (ramp.Curve.ValueAt(i) - 6) / 20.0);
            Assert.True(Math.Abs(heard[i] - expected) <= 1e-12 * expected, $"sample {i}: heard {heard[i]}, ramp − 6 dB is {expected} (1e-12 relative: dB to gain)");
        }
        var written = rig.Written(heard.Length);
        for (int i = 0; i < heard.Length; i++)
        {
            if (i is >= 6_400 and < 6_400 + Block) continue; // a live move ramps over 64 samples where the written lane steps
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lanes render {written[i]} (1e-12 relative)");
        }
    }

    [Fact]
    public void With_AutoJoin_a_latched_fader_resumes_its_value_where_the_last_pass_stopped_heard_as_written()
    {
        var ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));
        using var rig = new LiveRig(AutomationSettings.Default with { AutoJoin = true }, new AutomationModeSetting(AutomationMode.Latch), ramp);
        rig.Pass(16_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
        });
        // The second pass starts before the first one's stop (16,000), off the block grid, and nothing is moved.
        const long from = 8_010;
        var heard = rig.Pass(24_000, _ => { }, from: from);

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-6.0, lane.ValueAt(24_000)); // exact: the second pass joined at 16,000 with the latched −6 dB
        Assert.Equal(-6.0, lane.ValueAt(from + 24_000 - 1)); // and held it to its stop
        double joined = Math.Pow(10, -6 / 20.0);
        Assert.Equal(joined, heard[(int)(20_000 - from)], 12); // heard live after the join point (1e-12: dB to gain)
        var written = rig.Written(heard.Length, from);
        for (int i = 0; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {from + i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");
    }

    [Fact]
    public void A_fader_without_a_lane_in_latch_trim_is_heard_as_its_value_plus_the_offset_and_keeps_its_value_after_the_pass()
    {
        using var rig = new LiveRig(AutomationSettings.Default with { Coalesce = TrimCoalesce.Manual }, new AutomationModeSetting(AutomationMode.Read));
        rig.Control.SetParameter(rig.Desk, rig.Handle, -10); // the fader's value before any trim
        rig.Engine.RtRender([new double[Block]], Block); // applied while stopped, in Read
        rig.Control.SetAutomationMode(rig.Desk, "track/a", RecorderFixture.Mode("latchTrim"));
        rig.Control.Hub.Pump(TimeSpan.Zero);
        var heard = rig.Pass(24_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -6); // in a trim mode the control sends a dB offset
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!;
        Assert.True(lane.Curve.IsEmpty); // no main curve: the static value plays under the trim curve
        Assert.Equal(-6.0, lane.Trim.ValueAt(20_000)); // exact: the offset, latched to the stop
        Assert.Equal(-10.0, rig.Control.Session.Tracks[0].Strip.FaderDb); // exact: the fader keeps its value, the offset is not taken for it
        Assert.Equal(Math.Pow(10, -16 / 20.0), heard[^1], 12); // heard: value + offset (1e-12: dB to gain)
        var written = rig.Written(heard.Length);
        for (int i = 0; i < 6_400; i++) Assert.Equal(written[i], heard[i], 12); // before the move: the value, as written (1e-12: dB to gain)
        // From the move the parameter's own 10 ms smoothing draws the step the written trim curve makes at once; after it
        // the two agree to 1e-12 relative.
        for (int i = 6_400 + 960; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lanes render {written[i]}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_fader_without_a_lane_in_touch_trim_glides_its_offset_back_to_0_dB_over_the_automatch_time_as_written(bool sendsTouch)
    {
        var settings = AutomationSettings.Default with { Coalesce = TrimCoalesce.Manual, TouchTimeoutMs = 250 };
        using var rig = new LiveRig(settings, new AutomationModeSetting(AutomationMode.Read));
        rig.Control.SetParameter(rig.Desk, rig.Handle, -10); // the fader's value before any trim
        rig.Engine.RtRender([new double[Block]], Block); // applied while stopped, in Read
        rig.Control.SetAutomationMode(rig.Desk, "track/a", RecorderFixture.Mode("touchTrim"));
        rig.Control.Hub.Pump(TimeSpan.Zero);
        // With touch: touched at 6,400 with a −6 dB offset, released at 16,000. Without: one offset value at 6,400, released
        // by the touch timeout 12,000 samples later.
        long release = sendsTouch ? 16_000 : 6_400 + settings.TouchTimeoutSamples(48_000);
        var heard = rig.Pass(40_000, p =>
        {
            if (p == 6_400 && sendsTouch) rig.Control.BeginTouch(rig.Desk, rig.Handle, -6);
            if (p == 6_400 && !sendsTouch) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
            if (p == 16_000 && sendsTouch) rig.Control.EndTouch(rig.Desk, rig.Handle);
        });

        long glideEnd = release + settings.AutoMatchSamples(48_000);
        var lane = rig.Control.Session.Automation.Lane(Fader)!;
        Assert.True(lane.Curve.IsEmpty); // no main curve: the static value plays under the trim curve
        Assert.Equal(-6.0, lane.Trim.ValueAt(release)); // exact: the offset is written up to the release
        Assert.Equal(0.0, lane.Trim.ValueAt(glideEnd)); // exact: then glides to 0 dB over the AutoMatch time
        Assert.Equal(-10.0, rig.Control.Session.Tracks[0].Strip.FaderDb); // exact: the fader keeps its value
        // Value + offset heard up to the block holding the release (its glide is set at that block's last sample; 1e-12: dB to gain).
        Assert.Equal(Math.Pow(10, -16 / 20.0), heard[(int)release - Block - 1], 12);
        for (long i = glideEnd + Block; i < heard.Length; i++)
            Assert.Equal(Math.Pow(10, -10 / 20.0), heard[i], 12); // back at the value while the pass still runs (1e-12: dB to gain)
        var written = rig.Written(heard.Length);
        for (int i = 6_400 + 960; i < heard.Length; i++)
        {
            // As for a lane-less absolute glide (LiveAutomationTests): the glide is set before each block at its last
            // sample, 2e-4 relative along it; the blocks holding its start (mid-block without touch) and its end cut a
            // corner of up to half a block of the slope, 32 × 1.2e-4 ≈ 3.7e-3: 4e-3 allowed there. Before the move's
            // 10 ms smoothing has settled (6,400 + 960) the two differ by design (LatchTrim test above).
            double tolerance = Math.Abs(i - glideEnd) < Block || Math.Abs(i - release) < Block ? 4e-3 : 2e-4;
            Assert.True(Math.Abs(heard[i] - written[i]) <= tolerance * written[i], $"sample {i}: heard {heard[i]}, written lanes render {written[i]}");
        }
    }
}
