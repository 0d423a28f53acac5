using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuSurfaceXTouchTests
{
    [Fact]
    public async Task An_X_Touch_gets_its_strip_colours_by_stem_with_the_full_state_and_again_when_the_bank_moves()
    {
        await using var f = new McuSurfaceFixture(options: new McuSurfaceOptions { XTouchPorts = ["loopback:mcu0/b"] });
        var peer = f.Peers[0];

        f.Online();
        peer.Send(0x90, 0x2F, 0x7F); // BANK right: Dialog 6-10, fx, pm, dlg

        // Every fixture track carries stem DX (cyan 06); bus fx gathers no track (white 07); pm and the VCA gather DX only.
        Assert.NotNull(peer.WaitFor(m => m == "SysEx F000006614720606060606070606F7"));
    }

    [Fact]
    public async Task The_first_colours_arrive_with_the_full_state_and_a_plain_MCU_gets_none()
    {
        await using var x = new McuSurfaceFixture(units: 2, options: new McuSurfaceOptions { XTouchPorts = ["loopback:mcu1/b"] });
        foreach (var peer in x.Peers) peer.Send(0xF0, 0x00, 0x00, 0x66, 0x14, 0x01, 0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05, 0x57, 0x18, 0x61, 0x05, 0xF7);
        // The main unit's state (its LCD and the timecode's hours digit) with a tail: no colours in it or after it.
        var main = x.Peers[0].CollectUntil(items => items.Contains("B0 46 71") && items.Any(m => m.StartsWith("SysEx F0000066141238", StringComparison.Ordinal)));
        var extender = x.Peers[1].CollectAll(["SysEx F000006614720606070606000000F7"]);

        Assert.DoesNotContain(main, m => m.StartsWith("SysEx F00000661472", StringComparison.Ordinal));
        // The extender shows strips 9-13 (Dialog 9, Dialog 10, fx, pm, dlg) and three blank strips (off); it speaks as 15
        // once it has sent its own SysEx (here it announced itself as 14, so 14 it is).
        Assert.Contains("SysEx F000006614720606070606000000F7", extender);
    }

    [Fact]
    public void A_port_configured_as_both_HUI_and_X_Touch_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new McuSurfaceFixture(options: new McuSurfaceOptions { XTouchPorts = ["loopback:mcu0/b"], HuiPorts = ["loopback:mcu0/b"] }));
        Assert.Contains("loopback:mcu0/b is configured as both HUI and X-Touch", e.Message);
    }
}
