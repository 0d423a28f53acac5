using System.Diagnostics;
using MixEngine.ControlPlane;
using MixEngine.Surfaces.Osc;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>
/// Meter and timecode feedback (both at the meter rate) from a playing engine (null device, looping the fixture's one-second session): track "DX 1" plays a
/// 0.5-amplitude 440 Hz sine (−6.02 dBFS peak, the same in every meter interval), track "b" seeded noise through a −6 dB
/// fader (its peak stays within 0.05 dB of −12 dBFS, so it changes only when its fader moves), both into stereo bus "pm".
/// </summary>
public class OscSurfaceMeterTests
{
    private const double SineDb = -6.0206; // 20·log10(0.5)

    private static OscSurfaceFixture Playing(double meterRateHz = 10)
    {
        var f = new OscSurfaceFixture(new OscSurfaceOptions { MeterRateHz = meterRateHz });
        var id = f.Control.Control.RegisterClient("test transport");
        f.Control.Control.SetLoop(id, new LoopRange(0, 48000));
        f.Control.Control.Play(id);
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Playing, 10_000));
        return f;
    }

    private static bool IsMeter(OscMessage m, int ssid) => m.Address == "/strip/meter" && m.Arguments[0].AsNumber == ssid;

    [Fact]
    public async Task Strip_meters_show_each_strips_peak_in_dBFS_and_a_steady_level_is_sent_once()
    {
        await using var f = Playing();
        using var peer = f.Peer();

        peer.Send("/set_surface", Int32(0), Int32(159), Int32(128), Int32(0));
        // The first reading may predate the audio (−200); wait for the sine's level.
        var first = peer.WaitFor(m => IsMeter(m, 1) && m.Arguments[1].AsNumber > -200);
        // Until the bus meter has come (its first reading may come late on a loaded machine), then one second more.
        var after = peer.CollectUntil(received => received.Any(m => IsMeter(m, 3) && m.Arguments[1].AsNumber > -200));
        after.AddRange(peer.Collect(1000));

        Assert.NotNull(first);
        Assert.Equal(SineDb, (double)first.Arguments[1].AsNumber!, 0.06); // 0.1 dB steps, and the interval's highest sample is within 0.004 dB of the crest
        Assert.DoesNotContain(after, m => IsMeter(m, 1)); // a steady sine does not change its peak: only changes are sent
        Assert.Contains(after, m => IsMeter(m, 3) && m.Arguments[1].AsNumber > -200); // bus pm: sine plus noise, changing
        Assert.DoesNotContain(after, m => IsMeter(m, 4)); // a VCA has no audio to meter

        f.Control.Control.Stop(f.Control.Control.RegisterClient("stopper"));
        var silence = peer.WaitFor(m => IsMeter(m, 1));
        Assert.Equal(-200.0, silence!.Arguments[1].AsNumber); // stopped: silence, sent as Ardour's −∞ (−200)
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public async Task A_changing_meter_is_sent_at_most_at_the_configured_rate(double rateHz)
    {
        await using var f = Playing(rateHz);
        using var peer = f.Peer();
        peer.Send("/set_surface", Int32(0), Int32(159), Int32(128), Int32(0));
        Assert.NotNull(peer.WaitFor(m => IsMeter(m, 2)));
        // Track b's fader steps through 20 levels every 5 ms, so its meter differs at nearly every tick.
        using var stop = new CancellationTokenSource();
        var mover = f.Control.Control.RegisterClient("fader rider");
        var fader = f.Control.Control.Resolve("track/b/fader");
        var riding = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                f.Control.Control.SetParameter(mover, fader, -6 - i % 20);
                await Task.Delay(5);
            }
        });

        var arrivals = peer.Arrivals(m => IsMeter(m, 2), (int)(2 * rateHz) + 1).Select(a => a.Ms).ToList();
        await stop.CancelAsync();
        await riding;

        // The rate is judged by the median interval between arrivals, not by a count in a fixed window: a loaded 2-core
        // machine holds up some rounds (one long interval, then short ones as the receiver catches up), which moves a
        // few intervals but not the median. The hub never delivers sooner than one period (it rounds up to its 5 ms
        // tick), so a median under 0.8 of a period means meters go out faster than configured; over 4 periods, that
        // most rounds are skipped.
        Assert.Equal((int)(2 * rateHz) + 1, arrivals.Count);
        double period = 1000 / rateHz, median = OscPeer.MedianInterval(arrivals);
        Assert.InRange(median, 0.8 * period, 4 * period);
    }

    [Fact]
    public async Task A_bus_meter_watched_in_the_mixengine_namespace_sends_one_peak_per_channel()
    {
        await using var f = Playing();
        using var peer = f.Peer();
        peer.Send("/set_surface/feedback", Int32(0));
        peer.Drain();

        peer.Send("/mixengine/meter/bus/pm");
        var meter = peer.WaitFor(m => m.Address == "/mixengine/meter/bus/pm");

        Assert.NotNull(meter);
        Assert.Equal(2, meter.Arguments.Count); // stereo bus: L and R
        Assert.All(meter.Arguments, a => Assert.InRange((double)a.AsNumber!, -30, 0)); // sine + noise, both about −6 dBFS before panning and summing
        peer.Send("/mixengine/meter/track/DX%201");
        var track = peer.WaitFor(m => m.Address == "/mixengine/meter/track/DX%201");
        Assert.Single(track!.Arguments);
        Assert.Equal(SineDb, (double)track.Arguments[0].AsNumber!, 0.06);

        peer.Send("/mixengine/meter/bus/pm", Int32(0));
        // Meters already on their way may still arrive; within 10 s a half-second passes with none (a loaded machine may lag).
        var quiet = Stopwatch.StartNew();
        bool stopped = false;
        while (!stopped && quiet.Elapsed < TimeSpan.FromSeconds(10)) stopped = !peer.Collect(500).Any(m => m.Address == "/mixengine/meter/bus/pm");
        Assert.True(stopped, "bus meters kept coming after the watch was stopped");
    }

    [Fact]
    public async Task Timecode_follows_the_playhead_at_most_at_the_meter_rate_and_is_not_repeated_once_stopped()
    {
        await using var f = Playing();
        using var peer = f.Peer();
        peer.Send("/set_surface/feedback", Int32(64)); // timecode only

        var arrivals = peer.Arrivals(m => m.Address == "/position/smpte", 12);
        var playing = arrivals.Select(a => a.Message.Arguments[0].AsString).ToList();
        f.Control.Control.Stop(f.Control.Control.RegisterClient("stopper"));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Stopped, 10_000));
        // Labels already on their way (the stop position among them) may still arrive; within 10 s a second passes with none.
        var quiet = Stopwatch.StartNew();
        bool stopped = false;
        while (!stopped && quiet.Elapsed < TimeSpan.FromSeconds(10)) stopped = !peer.Collect(1000).Any(m => m.Address == "/position/smpte");

        Assert.Equal(12, playing.Count);
        // 10 Hz at most: the median interval (robust to rounds a loaded machine holds up, see the meter rate test) is at
        // least 0.8 of the 100 ms period; the first label (the registration's full state) is left out.
        Assert.InRange(OscPeer.MedianInterval([.. arrivals.Skip(1).Select(a => a.Ms)]), 80.0, 400.0);
        Assert.All(playing.Zip(playing.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // only changes: never the same label twice in a row (the 1 s loop may repeat labels later)
        Assert.All(playing, tc => Assert.Matches(@"^\d\d:\d\d:\d\d[:;]\d\d$", tc));
        Assert.True(stopped, "timecode kept coming after the transport stopped"); // a stopped playhead sends nothing more
    }
}
