using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceRecordArmTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    private static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    [Fact]
    public async Task REC_arms_a_printed_bus_lights_from_engine_state_and_leaves_a_track_unarmed()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];

        peer.Send(0x90, 0x00, 0x7F, 0x90, 0x00, 0x00); // REC on Dialog 1: a playback track, refused
        peer.Send(0x90, 0x2F, 0x7F); // BANK right: fx on strip 6, pm on strip 7
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F0000066141223" + Convert.ToHexString("fx     "u8) + "F7"));
        peer.Send(0x90, 0x05, 0x7F, 0x90, 0x05, 0x00); // REC on fx

        Assert.Equal(Hex(0x90, 0x05, 0x7F), peer.WaitFor(m => m.StartsWith("90 0", StringComparison.Ordinal)));
        Assert.Equal(["bus/fx"], f.Control.RecordArm.Armed);
        f.Control.SetRecordArm(f.Control.RegisterClient("other"), "bus/pm", true);
        Assert.Equal(Hex(0x90, 0x06, 0x7F), peer.WaitFor(m => m.StartsWith("90 0", StringComparison.Ordinal))); // another client's arm lights too

        peer.Send(0x90, 0x05, 0x7F); // REC again disarms
        Assert.Equal(Hex(0x90, 0x05, 0x00), peer.WaitFor(m => m.StartsWith("90 0", StringComparison.Ordinal)));
        Assert.Equal(["bus/pm"], f.Control.RecordArm.Armed);
    }

    [Fact]
    public async Task HUI_rec_ready_arms_through_zone_port_7_and_its_LED_answers_the_same_way()
    {
        await using var f = new McuSurfaceFixture(options: new McuSurfaceOptions
        {
            HuiPorts = ["loopback:mcu0/b"],
            HuiPingInterval = TimeSpan.FromMilliseconds(200),
            HuiTimeout = TimeSpan.FromSeconds(30), // the peer answers one ping only; a loaded machine must not time it out mid-test
        });
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x00, 0x00)));
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001000", StringComparison.Ordinal)));
        peer.Send(0xB0, 0x0F, 0x0A, 0xB0, 0x2F, 0x43); // BANK right
        Assert.True(Settles(() => f.Surface.Bank.Offset == 5));
        peer.Drain();

        peer.Send(0xB0, 0x0F, 0x06, 0xB0, 0x2F, 0x47, 0xB0, 0x0F, 0x06, 0xB0, 0x2F, 0x07); // strip 7 (pm) rec/rdy press, release

        Assert.NotNull(peer.WaitFor(m => m == Hex(0xB0, 0x2C, 0x47)));
        Assert.Equal(["bus/pm"], f.Control.RecordArm.Armed);
    }
}
