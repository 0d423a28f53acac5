using MixEngine.Session;
using MixEngine.Surfaces.Mapping;

namespace MixEngine.Tests.Surfaces.Mapping;

public class MappedSurfaceTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static bool Settles(Func<bool> condition) => MappedSurfaceFixture.Settles(condition);

    private static MappingProfile Profile(string controls, string softKeys = "") => MappingProfileReader.Parse(
        $$"""{ "mixengineSurfaceProfile": 1, "name": "test", "strips": 4, "controls": [ {{controls}} ] {{softKeys}} }""", "test.json");

    private const string Faders14 = """
        { "name": "fader 1", "midi": { "type": "cc14", "channel": 1, "number": 16 }, "target": "strip/1/fader" },
        { "name": "fader 2", "midi": { "type": "cc14", "channel": 1, "number": 17 }, "target": "strip/2/fader" }
        """;

    [Fact]
    public async Task A_mapping_profile_drives_a_parameter_from_a_generic_14_bit_CC_controller()
    {
        await using var f = new MappedSurfaceFixture(Profile(Faders14));
        var fader = f.Handle("track/Dialog 1/fader");
        var other = f.Control.RegisterClient("other");
        Assert.Contains(Hex(0xB0, 0x10, 0x60), f.Peer.CollectBurst()); // full state: Dialog 1 at 0 dB = 12288 = MSB 0x60, LSB 0x00

        f.Peer.Send(0xB0, 0x10, 0x40, 0xB0, 0x30, 0x00); // 8192: −10 dB on the shared fader taper
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(fader) + 10.0) < 0.005)); // 8192/16383 sits a hair above the −10 dB point; one 14-bit step there is 0.003 dB
        f.Peer.Send(0xB0, 0x10, 0x26, 0xB0, 0x30, 0x33); // 4915 = 0x1333: −20 dB
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(fader) + 20.0) < 0.005));
        Assert.DoesNotContain(f.Peer.Collect(600), m => m.StartsWith("B0 10", StringComparison.Ordinal)); // its own moves are not echoed (no motor servo in this profile)

        Assert.True(Settles(() => !f.Control.IsTouched(fader))); // the implied touch (500 ms after the last move) ends
        f.Control.SetParameter(other, fader, 0.0);
        var feedback = f.Peer.CollectThrough(m => m == Hex(0xB0, 0x30, 0x00));
        Assert.Equal([Hex(0xB0, 0x10, 0x60), Hex(0xB0, 0x30, 0x00)], feedback.Where(m => m.StartsWith("B0 10", StringComparison.Ordinal) || m.StartsWith("B0 30", StringComparison.Ordinal)).TakeLast(2)); // (the release may first resend the moved value rounded to a neighbouring step)
    }

    [Fact]
    public async Task A_motor_fader_profile_with_echo_gets_every_accepted_move_back_even_when_it_repeats()
    {
        await using var f = new MappedSurfaceFixture(Profile("""{ "midi": { "type": "pitchBend", "channel": 1 }, "target": "strip/1/fader", "echo": true }"""));
        Assert.Equal([Hex(0xE0, 0x00, 0x60)], f.Peer.CollectBurst()); // full state: Dialog 1 at 0 dB

        f.Peer.Send(0xE0, 0x00, 0x40);
        Assert.Equal(Hex(0xE0, 0x00, 0x40), f.Peer.WaitFor(m => m.StartsWith("E0", StringComparison.Ordinal)));
        f.Peer.Send(0xE0, 0x00, 0x40);
        Assert.Equal(Hex(0xE0, 0x00, 0x40), f.Peer.WaitFor(m => m.StartsWith("E0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_NRPN_control_sets_its_parameter_on_the_data_entry_LSB_and_is_fed_back_as_four_controllers()
    {
        await using var f = new MappedSurfaceFixture(Profile("""{ "midi": { "type": "nrpn", "channel": 2, "number": 300 }, "target": "track/Dialog 3/fader" }"""));
        var fader = f.Handle("track/Dialog 3/fader");
        var other = f.Control.RegisterClient("other");
        Assert.Equal([Hex(0xB1, 0x63, 0x02), Hex(0xB1, 0x62, 0x2C), Hex(0xB1, 0x06, 0x60), Hex(0xB1, 0x26, 0x00)], f.Peer.CollectBurst()); // NRPN 300 = 2·128 + 44, value 12288

        f.Peer.Send(0xB1, 0x63, 0x02, 0xB1, 0x62, 0x2C, 0xB1, 0x06, 0x26, 0xB1, 0x26, 0x33); // 4915: −20 dB
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(fader) + 20.0) < 0.005)); // one 14-bit step: 0.003 dB there
        Assert.True(Settles(() => !f.Control.IsTouched(fader))); // the implied touch ends
        f.Control.SetParameter(other, fader, -10.0);
        Assert.Equal([Hex(0xB1, 0x63, 0x02), Hex(0xB1, 0x62, 0x2C), Hex(0xB1, 0x06, 0x40), Hex(0xB1, 0x26, 0x00)], f.Peer.CollectThrough(m => m == Hex(0xB1, 0x26, 0x00)).TakeLast(4)); // −10 dB = 8192 (after any release resend)
    }

    [Theory]
    [InlineData("twosComplement", 0x03, 0x7D)]
    [InlineData("signMagnitude", 0x03, 0x43)]
    [InlineData("signMagnitudeInverted", 0x43, 0x03)]
    [InlineData("binaryOffset", 0x43, 0x3D)]
    public async Task A_relative_encoder_moves_its_parameter_by_ticks_times_step_in_each_style(string style, byte up3, byte down3)
    {
        await using var f = new MappedSurfaceFixture(Profile($$"""{ "midi": { "type": "cc", "channel": 1, "number": 16, "relative": "{{style}}" }, "target": "track/Dialog 1/pan/x", "step": 0.05 }"""));
        var pan = f.Handle("track/Dialog 1/pan/x");
        double start = f.Control.GetNormalized(pan);

        f.Peer.Send(0xB0, 0x10, up3);
        Assert.True(Settles(() => Math.Abs(f.Control.GetNormalized(pan) - (start + 0.15)) < 1e-9)); // three ticks of 0.05; exact doubles
        f.Peer.Send(0xB0, 0x10, down3, 0xB0, 0x10, down3);
        Assert.True(Settles(() => Math.Abs(f.Control.GetNormalized(pan) - (start - 0.15)) < 1e-9));
        Assert.DoesNotContain(f.Peer.Collect(300), m => m.StartsWith("B0 10", StringComparison.Ordinal)); // an encoder has no position to feed back
    }

    [Fact]
    public async Task Attention_mode_pages_through_EQ_bands_two_at_a_time()
    {
        await using var f = new MappedSurfaceFixture(Profile("""
            { "midi": { "type": "note", "channel": 1, "number": 24 }, "command": "strip/1/select" },
            { "midi": { "type": "note", "channel": 1, "number": 40 }, "command": "attention/next" },
            { "midi": { "type": "cc", "channel": 1, "number": 70 }, "target": "attention/1" },
            { "midi": { "type": "cc", "channel": 1, "number": 71 }, "target": "attention/2" },
            { "midi": { "type": "cc", "channel": 1, "number": 72 }, "target": "attention/3" },
            { "midi": { "type": "cc", "channel": 1, "number": 73 }, "target": "attention/4" },
            { "midi": { "type": "cc", "channel": 1, "number": 74 }, "target": "attention/5" },
            { "midi": { "type": "cc", "channel": 1, "number": 75 }, "target": "attention/6" }
            """));
        f.Peer.CollectBurst();
        f.Peer.Send(0x90, 24, 0x7F, 0x90, 24, 0x00); // select Dialog 1: the attention strip
        Assert.True(Settles(() => f.Surface.Selected is ["track/Dialog 1"]));

        f.Peer.Send(0xB0, 70, 127, 0xB0, 73, 0); // encoder 1 = band 1 gain to its top, encoder 4 = band 2 gain to its bottom
        Assert.True(Settles(() => f.Control.GetParameter(f.Handle("track/Dialog 1/eq/1/gain")) == 24.0)); // ±24 dB range ends, exact
        Assert.True(Settles(() => f.Control.GetParameter(f.Handle("track/Dialog 1/eq/2/gain")) == -24.0));
        Assert.Equal(0.0, f.Control.GetParameter(f.Handle("track/Dialog 1/eq/3/gain")));

        f.Peer.Send(0x90, 40, 0x7F); // next page: bands 3 and 4
        Assert.True(Settles(() => f.Surface.Attention.Page == 1));
        Assert.NotNull(f.Peer.WaitFor(m => m == Hex(0xB0, 70, 64))); // encoder 1 now shows band 3 gain at 0 dB (the middle)
        f.Peer.Send(0xB0, 70, 0, 0xB0, 73, 127);
        Assert.True(Settles(() => f.Control.GetParameter(f.Handle("track/Dialog 1/eq/3/gain")) == -24.0));
        Assert.True(Settles(() => f.Control.GetParameter(f.Handle("track/Dialog 1/eq/4/gain")) == 24.0));
        Assert.Equal(24.0, f.Control.GetParameter(f.Handle("track/Dialog 1/eq/1/gain"))); // page 1's bands stay where they were
    }

    [Fact]
    public async Task Learn_binds_the_next_control_moved_to_the_target_and_it_drives_it_at_once()
    {
        await using var f = new MappedSurfaceFixture(Profile(Faders14));
        f.Peer.CollectBurst();

        var learn = f.Surface.LearnAsync("track/Dialog 5/fader", "DX 5 fader");
        Assert.Throws<InvalidOperationException>(() => { _ = f.Surface.LearnAsync("transport/play"); }); // one learn at a time
        f.Peer.Send(0xB0, 0x05, 0x10, 0xB0, 0x25, 0x00, 0xB0, 0x05, 0x11, 0xB0, 0x25, 0x00); // a 14-bit pair on CC 5/37
        var learned = await learn.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new MidiBinding(MidiControlKind.ControlChange14, 0, 5), learned.Midi);
        Assert.Equal("DX 5 fader", learned.Name);
        Assert.Equal(0.0, f.Control.GetParameter(f.Handle("track/Dialog 5/fader"))); // the learn gesture itself set nothing
        Assert.Contains(f.Surface.Profile.Controls, c => c == learned);

        f.Peer.Send(0xB0, 0x05, 0x40, 0xB0, 0x25, 0x00);
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(f.Handle("track/Dialog 5/fader")) + 10.0) < 0.005)); // 8192: one step above −10 dB
    }

    [Fact]
    public async Task Learn_refuses_a_target_that_does_not_parse_and_cancelling_disarms_it()
    {
        await using var f = new MappedSurfaceFixture(Profile(Faders14));
        Assert.Contains("neither a target", Assert.Throws<ArgumentException>(() => { _ = f.Surface.LearnAsync("fader 1"); }).Message);

        using var cancel = new CancellationTokenSource();
        var learn = f.Surface.LearnAsync("transport/play", cancellationToken: cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => learn);
        f.Peer.Send(0xB0, 0x10, 0x40, 0xB0, 0x30, 0x00); // input acts again
        Assert.True(Settles(() => Math.Abs(f.Control.GetParameter(f.Handle("track/Dialog 1/fader")) + 10.0) < 0.005));
    }
}
