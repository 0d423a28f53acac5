using MixEngine.Automation;
using MixEngine.Tests.Automation;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// Write-To commands made live through the control facade while the transport rolls (automation.md 2.5 rule 10;
/// docs/automation.md, Preview, Capture and Write-To live): a command that punches the controls out (End, All, Next
/// Breakpoint) makes them play what it wrote from that block on, in the running mix, and what was heard is what the
/// installed lane renders. The engine renders block by block on the test thread and the hub is pumped by hand, so every
/// stamp is deterministic. Fixture: track "a" (constant 1.0) into bus "pm" (<see cref="LiveRig"/>), so the output is the
/// fader's gain; its lane is a ramp from −20 dB at 0 to 0 dB at the session end.
/// </summary>
public class LiveWriteToTests
{
    private const int Block = LiveRig.Block;
    private const string Fader = LiveRig.Fader;
    private static readonly AutomationLane Ramp = RecorderFixture.Lane(Fader, new AutomationPoint(0, -20), new AutomationPoint(RecorderFixture.End, 0));

    private static double Gain(double db) => Math.Pow(10, db / 20);

    /// <summary>Every heard sample equals the written lanes' render to 1e-12 relative (dB to gain), except in [<paramref name="skipFrom"/>, +64) where a live move ramps and the written lane steps.</summary>
    private static void AssertHeardAsWritten(double[] heard, double[] written, long skipFrom)
    {
        for (int i = 0; i < heard.Length; i++)
        {
            if (i >= skipFrom && i < skipFrom + Block) continue;
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");
        }
    }

    [Theory]
    [InlineData(AutomationMode.Touch)]
    [InlineData(AutomationMode.Latch)]
    [InlineData(AutomationMode.TouchLatch)]
    public void Write_to_end_while_rolling_plays_the_written_value_to_the_selection_end_at_once_and_the_lane_holds_it(AutomationMode mode)
    {
        using var rig = new LiveRig(new AutomationModeSetting(mode), Ramp);
        // Touched at −6 dB, Write-To End over a selection ending at 24,000 at 12,800, released at 19,200 (after the
        // punch-out, so no AutoMatch glide: the control no longer writes), stopped at 32,000.
        var heard = rig.Pass(32_000, p =>
        {
            if (p == 6_400) rig.Control.BeginTouch(rig.Desk, rig.Handle, -6);
            if (p == 12_800) rig.Control.WriteAutomationTo(rig.Desk, WriteTarget.End, 0, 24_000);
            if (p == 19_200) rig.Control.EndTouch(rig.Desk, rig.Handle);
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-6.0, lane.ValueAt(12_800)); // exact: the value at the command
        Assert.Equal(-6.0, lane.ValueAt(24_000)); // exact: held to the selection end
        Assert.Equal(Ramp.Curve.ValueAt(24_001), lane.ValueAt(24_001)); // exact: the ramp after it
        for (int i = 6_400 + Block; i <= 24_000; i++)
            Assert.True(Math.Abs(heard[i] - Gain(-6)) <= 1e-12, $"sample {i}: heard {heard[i]}, the written −6 dB (1e-12: dB to gain)");
        Assert.Equal(Gain(Ramp.Curve.ValueAt(28_000)), heard[28_000], 12); // the ramp after the selection end, while still rolling (1e-12: dB to gain)
        AssertHeardAsWritten(heard, rig.Written(heard.Length), 6_400);
    }

    [Fact]
    public void Write_to_all_over_a_later_selection_returns_the_control_to_its_lane_at_the_command()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
        var heard = rig.Pass(16_000, p =>
        {
            if (p == 3_200) rig.Control.SetParameter(rig.Desk, rig.Handle, -5);
            if (p == 6_400) rig.Control.WriteAutomationTo(rig.Desk, WriteTarget.All, 100_000, 200_000);
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-5.0, lane.ValueAt(100_000)); // exact: the value written over the selection
        // Punched out at 6,400: the lane plays from there (after the 64-sample guard back to the ramp, as written).
        Assert.Equal(Gain(Ramp.Curve.ValueAt(10_000)), heard[10_000], 12); // (1e-12: dB to gain)
        AssertHeardAsWritten(heard, rig.Written(heard.Length), 3_200);
    }

    [Fact]
    public void A_latched_fader_moved_again_after_write_to_end_writes_over_the_filled_value_and_the_stop_returns_to_it()
    {
        using var rig = new LiveRig(new AutomationModeSetting(AutomationMode.Latch), Ramp);
        var heard = rig.Pass(32_000, p =>
        {
            if (p == 6_400) rig.Control.SetParameter(rig.Desk, rig.Handle, -6);
            if (p == 12_800) rig.Control.WriteAutomationTo(rig.Desk, WriteTarget.End);
            if (p == 19_200) rig.Control.SetParameter(rig.Desk, rig.Handle, -12);
        });

        var lane = rig.Control.Session.Automation.Lane(Fader)!.Curve;
        Assert.Equal(-6.0, lane.ValueAt(19_199)); // exact: the filled value up to the new move
        Assert.Equal(-12.0, lane.ValueAt(25_000)); // exact: the move after the punch-out punched in again and latched
        Assert.Equal(-6.0, lane.ValueAt(40_000)); // exact: after the stop's guard, the value Write-To End filled to the end
        Assert.Equal(-6.0, lane.ValueAt(RecorderFixture.End));
        Assert.Equal(Gain(-12), heard[^1], 12); // (1e-12: dB to gain)
        var written = rig.Written(heard.Length);
        for (int i = 0; i < heard.Length; i++)
        {
            if (i is >= 6_400 and < 6_400 + Block or >= 19_200 and < 19_200 + Block) continue; // live moves ramp, the lane steps
            Assert.True(Math.Abs(heard[i] - written[i]) <= 1e-12 * written[i], $"sample {i}: heard {heard[i]}, written lane renders {written[i]} (1e-12 relative)");
        }
    }
}
