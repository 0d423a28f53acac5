using MixEngine.ControlPlane;
using MixEngine.Realtime;
using MixEngine.Tests.ControlPlane;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

public sealed class MonitorPathTests
{
    private static readonly double Centre = Math.Sqrt(0.5);

    [Fact]
    public void The_monitor_plays_the_printmaster_by_default_and_a_selected_stem_instead()
    {
        using var f = new MonitorFixture();
        f.Render();
        // The monitor sums its source into zeroed buffers at unity, so it carries the printmaster's exact samples.
        Assert.Equal(f.Reference.Bus("pm").OutputBuffers[0], f.MonitorL);
        Assert.Equal(f.Reference.Bus("pm").OutputBuffers[1], f.MonitorR);
        Assert.Equal(f.MonitorL, f.Outputs[0]);

        f.Control.SetMonitorSource(f.Client, "dx");
        f.Render();
        Assert.Equal(f.Reference.Bus("dx").OutputBuffers[0], f.MonitorL);
        Assert.Equal(f.Reference.Bus("dx").OutputBuffers[1], f.MonitorR);
        Assert.Equal(f.Reference.Bus("pm").OutputBuffers[0], f.Outputs[0]); // the printmaster ports are untouched
        Assert.Equal(("dx", "dx"), (f.Control.Monitor.Source, f.Control.Monitor.SourceName));

        f.Control.SetMonitorSource(f.Client, null);
        f.Render();
        Assert.Equal(f.Reference.Bus("pm").OutputBuffers[0], f.MonitorL);
        var e = Assert.Throws<ArgumentException>(() => f.Control.SetMonitorSource(f.Client, "music"));
        Assert.Contains("monitor source 'music'", e.Message);
    }

    [Fact]
    public void Dim_lowers_the_monitor_by_its_level_after_a_one_period_ramp_and_mono_check_plays_the_mean_of_the_channels()
    {
        using var f = new MonitorFixture();
        f.Control.SetDimLevel(f.Client, -12);
        f.Control.SetDim(f.Client, true);
        f.Render();
        double dim = Math.Pow(10, -12 / 20.0);
        var pm = f.Reference.Bus("pm").OutputBuffers;
        // The ramp's first sample moves 1/64 of the way from unity to the dim gain, its last reaches it.
        Assert.Equal(pm[0][0] * (1 + (dim - 1) / MonitorFixture.Block), f.MonitorL[0], 1e-15);
        Assert.Equal(pm[0][^1] * dim, f.MonitorL[^1], 1e-15);
        f.Render();
        for (int i = 0; i < MonitorFixture.Block; i++) Assert.Equal(pm[1][i] * dim, f.MonitorR[i], 1e-15); // one rounding of a product: 1e-15 on samples ≤ 1

        f.Control.SetDim(f.Client, false);
        f.Control.SetMonoCheck(f.Client, true);
        f.Render();
        f.Render();
        for (int i = 0; i < MonitorFixture.Block; i++)
        {
            double mean = pm[0][i] * 0.5 + pm[1][i] * 0.5;
            Assert.Equal(mean, f.MonitorL[i], 1e-15);
            Assert.Equal(mean, f.MonitorR[i], 1e-15);
        }
        Assert.Equal(pm[0], f.Outputs[0]);
        Assert.NotEqual(pm[0], pm[1]); // the noise track is panned half left, so folding changes both sides
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Control.SetDimLevel(f.Client, 3));
    }

    [Fact]
    public void Afl_hears_the_soloed_strip_after_its_fader_and_pfl_before_it_while_the_mix_keeps_every_strip()
    {
        using var f = new MonitorFixture();
        f.Control.SetSoloMode(f.Client, SoloMode.AfterFader);
        f.Control.SetSolo(f.Client, "track/b", true);
        f.Render();
        var b = f.Reference.Tracks[1];
        // A mono strip on a stereo monitor without a centre reaches L and R at −3 dB.
        for (int i = 0; i < MonitorFixture.Block; i++) Assert.Equal(b.PostFaderBuffers[0][i] * Centre, f.MonitorL[i], 1e-15);
        Assert.Equal(f.MonitorL, f.MonitorR);
        Assert.Equal(f.Reference.Bus("pm").OutputBuffers[0], f.Outputs[0]); // the mix is not soloed
        Assert.Equal(["track/b"], f.Control.Monitor.Listening);
        Assert.Equal(0, f.Control.GetParameter(f.Control.Resolve("track/b/solo")));

        f.Control.SetSoloMode(f.Client, SoloMode.PreFader);
        f.Render();
        for (int i = 0; i < MonitorFixture.Block; i++) Assert.Equal(b.PreFaderBuffers[0][i] * Centre, f.MonitorL[i], 1e-15);
        Assert.NotEqual(b.PreFaderBuffers[0][0], b.PostFaderBuffers[0][0]); // −6 dB fader: pre and post differ

        f.Control.SetSolo(f.Client, "bus/dx", true);
        f.Render();
        var dx = f.Reference.Bus("dx").PreFaderBuffers;
        for (int i = 0; i < MonitorFixture.Block; i++) Assert.Equal(b.PreFaderBuffers[0][i] * Centre + dx[0][i], f.MonitorL[i], 1e-15);

        f.Control.SetSoloMode(f.Client, SoloMode.InPlace);
        Assert.Empty(f.Control.Monitor.Listening); // listens never become mix solos
        f.Control.SetSolo(f.Client, "track/b", true);
        Assert.Equal(1, f.Control.GetParameter(f.Control.Resolve("track/b/solo")));
        f.Render();
        Assert.Equal(f.Outputs[0], f.MonitorL); // solo in place is the mix's: the monitor plays the (soloed) printmaster
    }

    [Fact]
    public void A_record_print_with_monitor_changes_flowing_equals_one_without_sample_for_sample()
    {
        using var folder = new TempFolder();
        var options = new RecordPrintOptions { Origination = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), RingSeconds = 30 };
        string[] Take(string name, bool changes)
        {
            using var f = new MonitorFixture();
            f.Control.StartRecordPrint(f.Client, Path.Combine(folder.Path, name), options);
            var printmaster = new List<double>();
            for (int block = 0; block < 300; block++)
            {
                if (changes) Change(f, block);
                f.Render();
                printmaster.AddRange(f.Outputs[0]);
            }
            var report = f.Control.StopRecordPrint(f.Client)!;
            Assert.True(report.IsContinuousRange, $"{name}: overruns {report.OverrunFrames}, {report.Failure}");
            Assert.Equal(300 * MonitorFixture.Block, report.Frames);
            return [.. report.Files.Select(file => Convert.ToHexString(File.ReadAllBytes(file))), string.Join(",", printmaster)];
        }
        Assert.Equal(Take("quiet", changes: false), Take("busy", changes: true)); // both prints byte for byte, and the printmaster ports
    }

    // A monitor change every few periods: source, dim and its level, mono check, AFL/PFL listens on tracks and buses, modes.
    private static void Change(MonitorFixture f, int block)
    {
        var c = f.Control;
        switch (block % 12)
        {
            case 0: c.SetMonitorSource(f.Client, block % 24 == 0 ? "dx" : null); break;
            case 2: c.SetDim(f.Client, block % 24 == 2); break;
            case 3: c.SetDimLevel(f.Client, -(block % 40)); break;
            case 5: c.SetMonoCheck(f.Client, block % 36 == 5); break;
            case 6: c.SetSoloMode(f.Client, block % 24 == 6 ? SoloMode.AfterFader : SoloMode.PreFader); break;
            case 7: c.SetSolo(f.Client, "track/a", true); break;
            case 8: c.SetSolo(f.Client, "bus/dx", block % 24 == 8); break;
            case 10: c.SetSolo(f.Client, "track/a", false); break;
            case 11: c.SetSoloMode(f.Client, SoloMode.InPlace); break;
        }
    }

    [Fact]
    public void Monitor_changes_reach_every_other_subscriber_with_the_client_that_made_them()
    {
        using var f = new MonitorFixture();
        var other = new RecordingSubscriber();
        var own = new RecordingSubscriber();
        using var a = f.Control.Feedback.Subscribe(other, FeedbackRates.Surface("other", f.Control.RegisterClient("other")));
        using var b = f.Control.Feedback.Subscribe(own, FeedbackRates.Surface("own", f.Client));
        f.Control.Hub.Pump(TimeSpan.Zero);
        Assert.Equal(SoloMode.InPlace, Assert.Single(other.Monitors).SoloMode); // the current state on subscribing
        f.Control.SetDim(f.Client, true);
        f.Control.SetMonoCheck(f.Client, true);
        f.Control.Hub.Pump(TimeSpan.FromSeconds(1));
        var seen = other.Monitors[^1];
        Assert.Equal((true, true, f.Client), (seen.Dimmed, seen.Mono, seen.ChangedBy));
        Assert.Equal(2, other.Monitors.Count); // two changes between pumps coalesce into one delivery
        Assert.Single(own.Monitors); // its own change is not echoed
    }

    [Fact]
    public void Periods_with_the_monitor_listening_dimming_and_folding_allocate_nothing()
    {
        using var f = new MonitorFixture();
        f.Control.SetSoloMode(f.Client, SoloMode.PreFader);
        f.Control.SetSolo(f.Client, "track/a", true);
        f.Control.SetMonoCheck(f.Client, true);
        var path = f.Engine.Monitor!;
        f.Control.SetLoop(f.Client, new LoopRange(0, MonitorFixture.Length));
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 2000; block++)
            {
                path.SetDim(block % 3 == 0); // dim ramps in and out every few periods
                f.Engine.RtRender(f.Outputs, MonitorFixture.Block);
            }
        });
        Assert.Equal(0, bytes);
    }
}
