using MixEngine.Automation;
using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

public class MixControlTests
{
    [Fact]
    public void Descriptors_are_the_session_catalog_in_catalog_order()
    {
        using var f = new ControlFixture();
        var expected = ParameterCatalog.For(f.Session).Parameters.Select(p => p.Descriptor.Address.ToString());
        Assert.Equal(expected, f.Control.Descriptors.Select(d => d.Address.ToString()));
    }

    [Fact]
    public void An_address_in_name_form_and_in_id_form_resolves_to_the_same_slot()
    {
        using var f = new ControlFixture();
        var byName = f.Control.Resolve("track/DX 1/fader");
        var byId = f.Control.Resolve("track#a/fader");
        Assert.Equal(byName.Slot, byId.Slot);
        Assert.Equal("track/DX 1/fader", byId.Address.ToString());
    }

    [Fact]
    public void An_unknown_address_is_refused_naming_it_and_the_tracks_that_exist()
    {
        using var f = new ControlFixture();
        var e = Assert.Throws<ParameterAddressException>(() => f.Control.Resolve("track/DX 9/fader"));
        Assert.Contains("DX 9", e.Message);
        Assert.Contains("DX 1", e.Message);
    }

    [Fact]
    public void Absolute_values_are_clamped_to_the_descriptor_range_and_switches_to_0_or_1()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        Assert.Equal(12.0, f.Control.SetParameter(client, "track/DX 1/fader", 40)); // exact: the fader's maximum
        Assert.Equal(-24.0, f.Control.SetParameter(client, "track/DX 1/trim", -100)); // exact: the trim's minimum
        Assert.Equal(double.NegativeInfinity, f.Control.SetParameter(client, "track/DX 1/fader", double.NegativeInfinity));
        Assert.Equal(1.0, f.Control.SetParameter(client, "track/b/mute", 0.7));
        Assert.Equal(0.0, f.Control.SetParameter(client, "track/b/mute", 0.2));
        Assert.Equal(-24.0, f.Control.GetParameter(f.Control.Resolve("track/DX 1/trim")));
    }

    [Fact]
    public void Normalized_values_go_through_the_descriptor_taper_both_ways()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        var fader = f.Control.Resolve("track/DX 1/fader");
        Assert.Equal(0.0, f.Control.SetParameter(client, fader, FaderTaper.UnityPosition, ValueMode.Normalized), 12); // 1e-12: taper arithmetic
        Assert.Equal(12.0, f.Control.SetParameter(client, fader, 1.0, ValueMode.Normalized));
        Assert.Equal(double.NegativeInfinity, f.Control.SetParameter(client, fader, 0.0, ValueMode.Normalized));
        Assert.Equal(0.5, f.Control.SetParameter(client, "track/DX 1/pan/x", 0.75, ValueMode.Normalized), 12); // linear −1 … 1
        Assert.Equal(0.75, f.Control.GetNormalized(f.Control.Resolve("track/DX 1/pan/x")), 12);
        f.Control.SetParameter(client, fader, -10);
        Assert.Equal(0.5, f.Control.GetNormalized(fader), 12); // the taper's −10 dB breakpoint
    }

    [Fact]
    public void Relative_values_add_to_the_current_value_clamp_and_toggle_switches()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        var fader = f.Control.Resolve("track/b/fader"); // −6 dB in the session
        Assert.Equal(-4.5, f.Control.SetParameter(client, fader, 1.5, ValueMode.Relative));
        Assert.Equal(12.0, f.Control.SetParameter(client, fader, 100, ValueMode.Relative));
        Assert.Equal(1.0, f.Control.SetParameter(client, "track/b/mute", 1, ValueMode.Relative));
        Assert.Equal(0.0, f.Control.SetParameter(client, "track/b/mute", -1, ValueMode.Relative));
        Assert.Equal(0.0, f.Control.SetParameter(client, "track/b/mute", 0, ValueMode.Relative));
    }

    [Fact]
    public void A_NaN_value_or_an_unregistered_client_is_refused_and_nothing_changes()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        var fader = f.Control.Resolve("track/b/fader");
        var nan = Assert.Throws<ArgumentException>(() => f.Control.SetParameter(client, fader, double.NaN));
        Assert.Contains("track/b/fader", nan.Message);
        var stranger = Assert.Throws<ArgumentException>(() => f.Control.SetParameter(new ControlClientId(99), fader, 0));
        Assert.Contains("99", stranger.Message);
        Assert.Equal(-6.0, f.Control.GetParameter(fader)); // exact: the session value
    }

    [Fact]
    public void Mute_solo_and_solo_safe_are_set_by_strip_address()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        f.Control.SetMute(client, "track/b", true);
        f.Control.SetSolo(client, "track/DX 1", true);
        f.Control.SetSoloSafe(client, "bus/pm", true);
        f.Control.SetMute(client, "vca/dlg", true);
        Assert.Equal(1.0, f.Control.GetParameter(f.Control.Resolve("track/b/mute")));
        Assert.Equal(1.0, f.Control.GetParameter(f.Control.Resolve("track/DX 1/solo")));
        Assert.Equal(1.0, f.Control.GetParameter(f.Control.Resolve("bus/pm/soloSafe")));
        Assert.Equal(1.0, f.Control.GetParameter(f.Control.Resolve("vca/dlg/mute")));
        var e = Assert.Throws<ParameterAddressException>(() => f.Control.SetSolo(client, "vca/dlg", true));
        Assert.Contains("vca/dlg/solo", e.Message);
    }

    [Fact]
    public void A_value_set_through_the_facade_reaches_the_audio_thread_at_the_next_block()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        f.Control.Play(client);
        f.Render();
        Assert.Contains(f.Outputs[0], s => s != 0.0);
        f.Control.SetParameter(client, "track/DX 1/fader", double.NegativeInfinity);
        f.Control.SetMute(client, "track/b", true);
        f.Render(2); // the first block ramps down
        Assert.All(f.Outputs[0], s => Assert.Equal(0.0, s)); // exact: one track at −∞, the other muted
    }

    [Fact]
    public void Transport_commands_move_the_published_transport()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("test");
        f.Control.SetPreRoll(client, 0);
        f.Control.Locate(client, new Timecode(1, 0, 0, 12, TimecodeRate.Fps24)); // half a second after the 01:00:00:00 start
        f.Control.SetLoop(client, new LoopRange(24000, 30000));
        f.Control.Play(client);
        f.Render();
        var t = f.Control.Transport;
        Assert.Equal(TransportState.Playing, t.State);
        Assert.Equal(24000 + ControlFixture.Block, t.Position);
        Assert.Equal(new LoopRange(24000, 30000), t.Loop);
        f.Control.Stop(client);
        f.Render();
        Assert.Equal(TransportState.Stopped, f.Control.Transport.State);
        Assert.Throws<ArgumentException>(() => f.Control.Locate(client, new Timecode(0, 59, 0, 0, TimecodeRate.Fps24)));
        Assert.Throws<ArgumentException>(() => f.Control.SetLoop(client, new LoopRange(10, 5)));
        Assert.Throws<ArgumentException>(() => f.Control.SetPreRoll(client, -1));
    }

    [Fact]
    public void Unregistering_a_client_releases_every_touch_it_held()
    {
        using var f = new ControlFixture();
        var a = f.Control.RegisterClient("surface a");
        var b = f.Control.RegisterClient("surface b");
        var fader = f.Control.Resolve("track/DX 1/fader");
        var pan = f.Control.Resolve("track/DX 1/pan/x");
        f.Control.BeginTouch(a, fader);
        f.Control.BeginTouch(a, pan);
        f.Control.BeginTouch(b, pan);
        f.Control.UnregisterClient(a);
        Assert.False(f.Control.IsTouched(fader));
        Assert.True(f.Control.IsTouched(pan)); // b still holds it
        var sink = new RecordingSubscriber();
        using var _ = f.Control.AddMoveSink(sink);
        f.Render();
        f.Control.Hub.Pump(TimeSpan.Zero);
        var ends = sink.Moves.Where(m => m.Kind == ControlMoveKind.TouchEnd).ToList();
        Assert.Equal(2, ends.Count);
        Assert.All(ends, m => Assert.Equal(a.Value, m.Client));
        Assert.Throws<ArgumentException>(() => f.Control.BeginTouch(a, fader));
    }

    [Fact]
    public void Values_and_touches_come_back_stamped_with_the_position_of_the_block_that_applied_them()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("mixer");
        var fader = f.Control.Resolve("track/DX 1/fader");
        var sink = new RecordingSubscriber();
        using var registration = f.Control.AddMoveSink(sink);
        f.Control.Locate(client, 1000);
        f.Control.Play(client);
        f.Render(3); // the playhead is at 1000 + 3 · 64
        f.Control.BeginTouch(client, fader);
        f.Control.SetParameter(client, fader, -3);
        f.Control.SetParameter(client, fader, -4); // coalesced with −3: only the newest is applied
        f.Control.EndTouch(client, fader);
        f.Render();
        f.Control.SetParameter(client, fader, -5);
        f.Render();
        f.Control.Hub.Pump(TimeSpan.Zero);
        var moves = sink.Moves;
        Assert.Equal(
            [
                new ControlMove(1192, fader.Address, ControlMoveKind.TouchBegin, double.NaN, client.Value), // a plain touch carries no value: it takes the control as it plays
                new ControlMove(1192, fader.Address, ControlMoveKind.Value, -4, client.Value),
                new ControlMove(1192, fader.Address, ControlMoveKind.TouchEnd, -4, client.Value),
                new ControlMove(1256, fader.Address, ControlMoveKind.Value, -5, client.Value),
            ], moves);
        Assert.Equal(0, f.Engine.MovesDropped);
    }

    [Fact]
    public void A_full_move_ring_counts_the_overflow_and_keeps_the_oldest_moves()
    {
        using var f = new ControlFixture(options: new MixEngine.Realtime.RealtimeEngineOptions(MoveRingCapacity: 4));
        var client = f.Control.RegisterClient("mixer");
        var fader = f.Control.Resolve("track/DX 1/fader");
        for (int i = 0; i < 6; i++)
        {
            f.Control.SetParameter(client, fader, -i);
            f.Render();
        }
        Assert.Equal(2, f.Engine.MovesDropped);
        var sink = new RecordingSubscriber();
        using var _ = f.Control.AddMoveSink(sink);
        f.Control.Hub.Pump(TimeSpan.Zero);
        Assert.Equal([0.0, -1, -2, -3], sink.Moves.Select(m => m.Value));
    }

    [Fact]
    public void Concurrent_clients_flooding_one_fader_leave_one_of_their_last_values_everywhere()
    {
        using var f = new ControlFixture();
        var fader = f.Control.Resolve("track/b/fader");
        var clients = Enumerable.Range(0, 4).Select(i => f.Control.RegisterClient($"client {i}")).ToArray();
        const int Rounds = 20_000;
        var threads = clients.Select((c, i) => new Thread(() =>
        {
            for (int r = 0; r < Rounds; r++) f.Control.SetParameter(c, fader, -(i * Rounds + r) * 1e-4);
        })).ToArray();
        foreach (var t in threads) t.Start();
        while (threads.Any(t => t.IsAlive)) f.Render();
        foreach (var t in threads) t.Join();
        var sink = new RecordingSubscriber();
        using var _ = f.Control.AddMoveSink(sink);
        f.Control.Hub.Pump(TimeSpan.Zero);
        f.Render();
        f.Control.Hub.Pump(TimeSpan.Zero);
        double final = f.Control.GetParameter(fader);
        var lasts = Enumerable.Range(0, 4).Select(i => -(i * Rounds + Rounds - 1) * 1e-4).ToArray();
        Assert.Contains(final, lasts); // exact: the newest value of whichever client set last
        Assert.Equal(final, sink.Moves[^1].Value); // exact: the audio thread applied the same value
    }

    [Fact]
    public void Setting_through_a_handle_allocates_nothing_and_a_flood_queues_nothing_extra()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("flood");
        var fader = f.Control.Resolve("track/b/fader");
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int i = 0; i < 10_000; i++) f.Control.SetParameter(client, fader, -(i % 60), ValueMode.Absolute);
        });
        Assert.Equal(0, bytes);
        f.Render();
        var sink = new RecordingSubscriber();
        using var _ = f.Control.AddMoveSink(sink);
        f.Control.Hub.Pump(TimeSpan.Zero);
        Assert.Single(sink.Moves); // 50 000 sets between two blocks are one applied value
    }

    [Fact]
    public void Blocks_with_control_traffic_through_the_facade_allocate_nothing_on_the_audio_side()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("mixer");
        var fader = f.Control.Resolve("track/DX 1/fader");
        var mute = f.Control.Resolve("track/b/mute");
        f.Control.SetLoop(client, new LoopRange(0, ControlFixture.Length));
        f.Control.Play(client);
        long bytes = SteadyStateAllocation.Bytes(() =>
        {
            for (int block = 0; block < 1000; block++)
            {
                f.Control.SetParameter(client, fader, -(block % 30));
                if (block % 50 == 0) f.Control.SetParameter(client, mute, block % 100 == 0 ? 1 : 0);
                if (block % 20 == 0) f.Control.BeginTouch(client, fader);
                if (block % 20 == 10) f.Control.EndTouch(client, fader);
                f.Render();
                while (f.Engine.TryTakeMove(out _)) { }
            }
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void A_structural_edit_keeps_handles_and_live_values_and_the_unchanged_tracks_continue_bit_exactly()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("mixer");
        var fader = f.Control.Resolve("track/b/fader");
        f.Control.SetParameter(client, fader, -12);
        f.Control.Play(client);
        f.Render(4); // the −6 → −12 ramp is over after the first block
        var edited = f.Session with
        {
            Tracks = [.. f.Session.Tracks, f.Session.Tracks[1] with { Id = "c", Name = "c", Strip = f.Session.Tracks[1].Strip with { Mute = true } }],
        };
        var carried = f.Control.ApplySession(edited, f.Build);
        Assert.Equal(-12.0, carried.Tracks[1].Strip.FaderDb); // exact: the live value written into the new plan's session
        var played = new double[ControlFixture.Block * 8];
        for (int block = 0; block < 8; block++)
        {
            f.Render();
            Array.Copy(f.Outputs[0], 0, played, block * ControlFixture.Block, ControlFixture.Block);
        }
        Assert.True(f.Engine.CollectRetired());
        var reference = PlanCapture.Render(carried, f.Media, "pm", 4 * ControlFixture.Block, 4 * ControlFixture.Block + played.Length, blockSize: ControlFixture.Block);
        for (int i = 0; i < played.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(reference[0][i]), BitConverter.DoubleToInt64Bits(played[i])); // exact bits through the swap
        Assert.Equal(-12.0, f.Control.GetParameter(fader)); // the old handle still works
        var added = f.Control.Resolve("track/c/fader");
        Assert.True(added.Slot >= ParameterCatalog.For(f.Session).Parameters.Count); // a fresh slot, never a reused one
        Assert.Equal(-6.0, f.Control.GetParameter(added)); // its value in the edited session
    }

    [Fact]
    public void After_an_edit_a_removed_parameter_is_refused_by_name_and_a_renamed_one_keeps_its_slot()
    {
        using var f = new ControlFixture();
        var client = f.Control.RegisterClient("mixer");
        var removed = f.Control.Resolve("track/b/fader");
        var renamed = f.Control.Resolve("track/DX 1/fader");
        f.Control.ApplySession(f.Session with { Tracks = [f.Session.Tracks[0] with { Name = "Dialog 1" }] }, f.Build);
        var e = Assert.Throws<ParameterAddressException>(() => f.Control.SetParameter(client, removed, 0));
        Assert.Contains("track/b/fader", e.Message);
        Assert.Equal(renamed.Slot, f.Control.Resolve("track/Dialog 1/fader").Slot);
        Assert.Equal(-2.0, f.Control.SetParameter(client, renamed, -2));
        Assert.DoesNotContain(f.Control.Descriptors, d => d.Address.Target == "b");
    }
}
