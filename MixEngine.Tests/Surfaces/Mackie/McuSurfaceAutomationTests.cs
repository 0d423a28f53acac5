using MixEngine.Automation;
using MixEngine.ControlPlane;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceAutomationTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    [Fact]
    public async Task Automation_keys_set_the_mode_of_every_selected_strip_and_light_the_first_ones()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0x90, 0x4B, 0x7F); // WRITE with nothing selected: nothing changes
        peer.Send(0x90, 0x18, 0x7F, 0x90, 0x19, 0x7F); // SELECT strips 1 and 2
        peer.Send(0x90, 0x4D, 0x7F); // TOUCH
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x4D, 0x7F)));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch), f.Control.GetAutomationMode("track/Dialog 1"));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch), f.Control.GetAutomationMode("track/Dialog 2"));
        Assert.Equal(AutomationModeSetting.Default, f.Control.GetAutomationMode("track/Dialog 3"));

        peer.Send(0x90, 0x4C, 0x7F); // TRIM: touch trim
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x4C, 0x7F)));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch, Trim: true), f.Control.GetAutomationMode("track/Dialog 1"));
        peer.Send(0x90, 0x4E, 0x7F); // LATCH keeps the trim variant
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x4E, 0x7F)));
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch, Trim: true), f.Control.GetAutomationMode("track/Dialog 2"));

        peer.Send(0x90, 0x4F, 0x7F); // GROUP as OFF: no trim variant
        var off = peer.CollectAll([Hex(0x90, 0x4F, 0x7F), Hex(0x90, 0x4C, 0x00), Hex(0x90, 0x4E, 0x00)]);
        Assert.Contains(Hex(0x90, 0x4F, 0x7F), off);
        Assert.Contains(Hex(0x90, 0x4C, 0x00), off);
        Assert.Contains(Hex(0x90, 0x4E, 0x00), off);
        peer.Send(0x90, 0x4C, 0x7F); // TRIM on OFF is refused and logged
        peer.Send(0x90, 0x4A, 0x7F); // READ
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x4A, 0x7F)));
        Assert.Equal(AutomationModeSetting.Default, f.Control.GetAutomationMode("track/Dialog 1"));

        f.Control.SetAutomationMode(f.Control.RegisterClient("other"), "track/Dialog 1", new AutomationModeSetting(AutomationMode.Write));
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x4B, 0x7F))); // the LEDs follow a change made elsewhere
    }

    [Fact]
    public async Task A_touch_pass_written_from_surface_bytes_equals_the_same_moves_replayed_as_a_scripted_pass()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        peer.Send(0x90, 0x18, 0x7F, 0x90, 0x4D, 0x7F); // SELECT strip 1, TOUCH
        Assert.True(Settles(() => f.Control.GetAutomationMode("track/Dialog 1").Mode == AutomationMode.Touch));
        const string fader = "track/Dialog 1/fader";
        var live = new AutomationRecorder(f.Session);
        live.SetMode("track/Dialog 1", f.Control.GetAutomationMode("track/Dialog 1"));
        var sink = new LockedSink(live);
        using var registration = f.Control.AddMoveSink(sink);
        var transport = f.Control.RegisterClient("transport");
        f.Control.Play(transport);
        Assert.True(Settles(() => f.Control.Transport is { State: TransportState.Playing, Position: > 4800 }));
        long start = sink.Begin(f.Control.Transport.Position);

        // Each value is awaited before the next is sent: values of one parameter that reach the audio thread in the same
        // block coalesce to the newest (by design), which a stalled block on a loaded machine would otherwise cause.
        int ValuesSeen() => sink.Moves.Count(m => m.Address.ToString() == fader && m.Kind == ControlMoveKind.Value);
        peer.Send(0x90, 0x68, 0x7F, 0xE0, 0x00, 0x40); // touch, −10 dB
        Assert.True(Settles(() => ValuesSeen() == 1));
        Thread.Sleep(250);
        peer.Send(0xE0, 0x33, 0x26); // −20 dB
        Assert.True(Settles(() => ValuesSeen() == 2));
        Thread.Sleep(250);
        peer.Send(0x90, 0x68, 0x00); // release: Touch glides back to the underlying (static 0 dB) value
        Assert.True(Settles(() => sink.Moves.Any(m => m.Address.ToString() == fader && m.Kind == ControlMoveKind.TouchEnd)));
        Thread.Sleep(200);
        var (result, moves) = sink.End(f.Control.Transport.Position);

        var mine = moves.Where(m => m.Address.ToString() == fader && m.Client == f.Surface.Client.Value).ToList();
        Assert.Equal(ControlMoveKind.TouchBegin, mine[0].Kind);
        Assert.Equal(ControlMoveKind.TouchEnd, mine[^1].Kind);
        Assert.Equal(2, mine.Count(m => m.Kind == ControlMoveKind.Value));
        Assert.Contains(fader, result.Written);
        var curve = live.Automation.Lane(fader)!.Curve;
        var minus10 = mine.First(m => m.Kind == ControlMoveKind.Value);
        var minus20 = mine.Last(m => m.Kind == ControlMoveKind.Value);
        Assert.Equal(-10.0, curve.ValueAt(minus10.Position), 0.005); // 8192 is one 14-bit step (0.003 dB) from −10 dB
        Assert.Equal(-20.0, curve.ValueAt(minus20.Position), 0.005);

        var scripted = new AutomationRecorder(f.Session);
        scripted.SetMode("track/Dialog 1", new AutomationModeSetting(AutomationMode.Touch));
        scripted.BeginPass(start);
        foreach (var m in moves) scripted.OnControlMove(m);
        scripted.EndPass(result.End);
        Assert.Equal(scripted.Automation.Lane(fader)!.Curve, curve);
    }

    /// <summary>Feeds the live recorder from the hub's thread and keeps the moves of the pass, one lock for both.</summary>
    private sealed class LockedSink(AutomationRecorder recorder) : IControlMoveSink
    {
        private readonly List<ControlMove> _moves = [];
        private bool _running;

        public IReadOnlyList<ControlMove> Moves
        {
            get { lock (_moves) return [.. _moves]; }
        }

        public long Begin(long position)
        {
            lock (_moves)
            {
                recorder.BeginPass(position);
                _running = true;
                return position;
            }
        }

        public (PassResult Result, List<ControlMove> Moves) End(long position)
        {
            lock (_moves)
            {
                _running = false;
                return (recorder.EndPass(position), [.. _moves]);
            }
        }

        public void OnControlMove(in ControlMove move)
        {
            lock (_moves)
            {
                if (!_running) return;
                _moves.Add(move);
                recorder.OnControlMove(move);
            }
        }
    }
}
