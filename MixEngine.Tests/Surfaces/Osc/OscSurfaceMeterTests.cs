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
        var after = peer.Collect(1000);

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

        var clock = Stopwatch.StartNew();
        int meters = peer.Collect(2000).Count(m => IsMeter(m, 2));
        double seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await riding;

        // Never more than one per tick (+1 for a tick at each edge of the window).
        Assert.InRange(meters, 1, (int)Math.Ceiling(rateHz * seconds) + 1);
        Assert.True(meters >= rateHz * seconds / 4, $"{meters} meter messages in {seconds:F2} s at {rateHz} Hz"); // a loaded machine may skip ticks, not three in four
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

        var clock = Stopwatch.StartNew();
        var playing = peer.Collect(2000).Where(m => m.Address == "/position/smpte").Select(m => m.Arguments[0].AsString).ToList();
        double seconds = clock.Elapsed.TotalSeconds;
        f.Control.Control.Stop(f.Control.Control.RegisterClient("stopper"));
        Assert.True(SpinWait.SpinUntil(() => f.Control.Control.Transport.State == TransportState.Stopped, 10_000));
        peer.Drain(300);
        var stopped = peer.Collect(1000);

        Assert.InRange(playing.Count, 2, (int)Math.Ceiling(10 * seconds) + 2); // 10 Hz, plus the registration's full state
        Assert.All(playing.Zip(playing.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // only changes: never the same label twice in a row (the 1 s loop may repeat labels later)
        Assert.All(playing, tc => Assert.Matches(@"^\d\d:\d\d:\d\d[:;]\d\d$", tc));
        Assert.DoesNotContain(stopped, m => m.Address == "/position/smpte"); // a stopped playhead sends nothing more
    }
}
