using MixEngine.Automation;
using MixEngine.Session;
using MixEngine.Tests.Automation;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// Preview, Capture and Write-To made live through the control facade on the realtime engine (automation.md 2.5 rules
/// 10 and 11; docs/automation.md, Live passes): what is heard while they act, what they write, and that it is what the
/// same commands write as a scripted pass. The engine renders block by block on the test thread and the hub is pumped by
/// hand, so every stamp is deterministic. Fixture: track "a" (constant 1.0) into bus "pm" (<see cref="LiveRig"/>), so
/// the output is the fader's gain; its lane is a ramp from −20 dB at 0 to 0 dB at the session end.
/// </summary>
public class LivePreviewCaptureTests
{
    private const int Block = LiveRig.Block;
    private const string Fader = LiveRig.Fader;
    private static readonly AutomationLane Ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));

    private static double Gain(double db) => Math.Pow(10, db / 20);

    [Fact]
    public void A_previewed_fader_is_heard_at_its_preview_value_through_its_release_and_punch_preview_writes_it_from_the_punch_as_a_scripted_pass_does()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch), Ramp);
        rig.Control.SetPreview(rig.Desk, true);
        var heard = rig.Pass(32_000, p =>
        {
            if (p == 6_400) rig.Control.BeginTouch(rig.Desk, rig.Handle, -6);
            if (p == 9_600) rig.Control.EndTouch(rig.Desk, rig.Handle);
            if (p == 16_000) rig.Control.PunchPreview(rig.Desk);
        });

        // Heard: the ramp until the touch, then the preview value (reached over the 64-sample move ramp), through the
        // release (no glide back: the control is isolated) and from the punch to the stop.
        for (int i = 0; i < 6_400; i++)
            Assert.True(Math.Abs(heard[i] - Gain(Ramp.Curve.ValueAt(i))) <= 1e-12 * heard[i], $"sample {i}: heard {heard[i]}, the ramp (1e-12 relative: dB to gain)");
        for (int i = 6_400 + Block; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - Gain(-6)) <= 1e-12, $"sample {i}: heard {heard[i]}, the preview value −6 dB (1e-12: dB to gain)");

        // Written: nothing while isolated; from the punch the preview value, latched to the stop; the track went to Latch.
        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(Ramp.Curve.ValueAt(15_999), lane.ValueAt(15_999));
        Assert.Equal(-6.0, lane.ValueAt(16_000));
        Assert.Equal(-6.0, lane.ValueAt(31_999));
        Assert.Equal(Ramp.Curve.ValueAt(32_000 + AutomationSettings.GuardSamples), lane.ValueAt(32_000 + AutomationSettings.GuardSamples));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), rig.Control.GetAutomationMode("track/a"));
        var written = rig.Written(heard.Length);
        for (int i = 16_000; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");

        // The same commands as a scripted pass write the same lane and mode (exact: one recorder, the same positions).
        var scripted = new AutomationRecorder(rig.Session);
        var address = ParameterAddress.Parse(Fader);
        new ScriptedPass(0, 32_000, [("track/a", new AutomationModeSetting(AutomationMode.Touch))],
            [new PassEvent(PassEventKind.Preview, 0, On: true)],
            [new PassEvent(PassEventKind.Touch, 6_400, address, -6), new PassEvent(PassEventKind.Value, 6_400, address, -6),
                new PassEvent(PassEventKind.Release, 9_600, address), new PassEvent(PassEventKind.PunchPreview, 16_000)]).Run(scripted);
        Assert.Equal(scripted.Automation.Lane(Fader), rig.Control.Session.Automation.Lane(Fader));
        Assert.Equal(scripted.Automation.Modes["track/a"], rig.Control.GetAutomationMode("track/a"));
    }

    [Fact]
    public void Suspending_preview_plays_the_lane_again_and_resuming_plays_the_preview_value_while_nothing_is_written()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
        rig.Control.SetPreview(rig.Desk, true);
        var heard = rig.Pass(24_000, p =>
        {
            if (p == 3_200) rig.Control.SetParameter(rig.Desk, rig.Handle, -3);
            if (p == 8_000) rig.Control.SuspendPreview(rig.Desk, true);
            if (p == 12_800) rig.Control.SuspendPreview(rig.Desk, false);
            if (p == 19_200) rig.Control.SetPreview(rig.Desk, false);
        });

        Assert.Equal(Ramp.Curve, rig.Control.Session.Automation.Lane(Fader)!.Curve); // Latch, yet nothing written: the moved control was isolated
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), rig.Control.GetAutomationMode("track/a"));
        for (int i = 0; i < heard.Length; i++)
        {
            bool preview = i is >= 3_200 + Block and < 8_000 or >= 12_800 + Block and < 19_200;
            bool ramping = i is >= 3_200 and < 3_200 + Block or >= 12_800 and < 12_800 + Block; // the move ramp to the preview value
            if (ramping) continue;
            double expected = preview ? Gain(-3) : Gain(Ramp.Curve.ValueAt(i));
            Assert.True(Math.Abs(heard[i] - expected) <= 1e-12 * expected, $"sample {i}: heard {heard[i]}, expected {expected} ({(preview ? "preview value" : "the lane")}; 1e-12 relative)");
        }
    }

    [Fact]
    public void A_captured_value_is_punched_into_a_later_pass_heard_from_the_punch_to_the_stop_as_written()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch), Ramp);
        rig.Pass(16_000, p =>
        {
            if (p == 3_200) rig.Control.BeginTouch(rig.Desk, rig.Handle, -4);
            if (p == 6_400) rig.Control.Capture(rig.Desk);
            if (p == 9_600) rig.Control.EndTouch(rig.Desk, rig.Handle);
        });
        const long from = 100_000;
        var heard = rig.Pass(16_000, p =>
        {
            if (p == from + 6_400) rig.Control.PunchCapture(rig.Desk, strips: ["track/a"]);
        }, from: from);

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(Ramp.Curve.ValueAt(from + 6_399), lane.ValueAt(from + 6_399)); // exact: the ramp up to the punch
        Assert.Equal(-4.0, lane.ValueAt(from + 6_400)); // exact: the captured value from the punch
        Assert.Equal(-4.0, lane.ValueAt(from + 15_999)); // latched to the stop
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), rig.Control.GetAutomationMode("track/a")); // Touch went to Latch
        for (int i = 6_400 + Block; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - Gain(-4)) <= 1e-12, $"sample {from + i}: heard {heard[i]}, the captured −4 dB (1e-12: dB to gain)");
        var written = rig.Written(heard.Length, from);
        for (int i = 0; i < heard.Length; i++)
        {
            if (i is >= 6_400 and < 6_400 + Block) continue; // the live value ramps over 64 samples where the written lane steps
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {from + i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");
        }
    }

    [Fact]
    public void Punch_preview_while_stopped_switches_the_strip_to_latch_at_once_and_the_next_pass_writes_and_plays_the_value_from_its_start()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch), Ramp);
        var output = new[] { new double[Block] };
        rig.Control.SetPreview(rig.Desk, true);
        rig.Control.SetParameter(rig.Desk, rig.Handle, -8);
        rig.Engine.RtRender(output, Block);
        rig.Control.PunchPreview(rig.Desk);
        rig.Engine.RtRender(output, Block);
        rig.Control.Hub.Pump(TimeSpan.Zero);
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), rig.Control.GetAutomationMode("track/a")); // installed while stopped

        var heard = rig.Pass(16_000, _ => { });
        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-8.0, lane.ValueAt(0)); // exact: primed, written from the pass start
        Assert.Equal(-8.0, lane.ValueAt(15_999));
        for (int i = 0; i < heard.Length; i++)
            Assert.True(Math.Abs(heard[i] - Gain(-8)) <= 1e-12, $"sample {i}: heard {heard[i]}, the punched −8 dB (1e-12: dB to gain)");
    }

    [Fact]
    public void Write_to_all_during_a_live_pass_spreads_the_writing_value_over_the_selection()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
        rig.Pass(16_000, p =>
        {
            if (p == 3_200) rig.Control.SetParameter(rig.Desk, rig.Handle, -5);
            if (p == 6_400) rig.Control.WriteAutomationTo(rig.Desk, WriteTarget.All, 100_000, 200_000);
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-5.0, lane.ValueAt(100_000)); // exact: the value written at the command over the selection
        Assert.Equal(-5.0, lane.ValueAt(200_000));
        Assert.Equal(Ramp.Curve.ValueAt(250_000), lane.ValueAt(250_000)); // exact: outside the selection the ramp is kept
        var written = rig.Written(1_000, 150_000);
        Assert.True(Math.Abs(written[0] - Gain(-5)) <= 1e-12, $"rendered {written[0]} at 150,000, expected −5 dB (1e-12: dB to gain)");
    }

    [Fact]
    public void Punch_capture_of_an_unknown_strip_is_refused_naming_it_and_nothing_is_queued()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Touch), Ramp);
        var e = Assert.Throws<ParameterAddressException>(() => rig.Control.PunchCapture(rig.Desk, strips: ["track/zz"]));
        Assert.Contains("zz", e.Message);
        Assert.Throws<ArgumentException>(() => rig.Control.WriteAutomationTo(rig.Desk, WriteTarget.All, 200, 100));
    }
}
