using MixEngine.Automation;
using MixEngine.Surfaces.Mackie;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// The automation pass keys of an MCU/HUI surface (docs/surfaces.md, Automation pass keys): F1–F8 (and SHIFT) on MCU,
/// the function keys, SUSPEND and CAPTURE on HUI, each reaching the engine through the control facade as the command it
/// names (seen by a pass sink, as the live pass writer sees them); the Preview and Suspend LEDs follow the facade's state.
/// Every step waits for its command or LED before the next key is pressed.
/// </summary>
public class McuSurfacePassKeysTests
{
    private static string Hex(params byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2")));

    [Fact]
    public async Task F1_to_F8_send_preview_suspend_punches_capture_and_write_to_and_light_preview_and_suspend()
    {
        await using var f = new McuSurfaceFixture();
        f.Online();
        var peer = f.Peers[0];
        var log = new PassCommandLog();
        using var sink = f.Control.AddMoveSink(log);
        int count = 0;
        void Key(int note, params byte[] before)
        {
            if (before.Length > 0) peer.Send(before);
            peer.Send(0x90, (byte)note, 0x7F);
            peer.Send(0x90, (byte)note, 0x00);
            Assert.Equal(++count, log.WaitFor(count).Count);
        }

        Key(McuNote.F1);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x36, 0x7F))); // Preview lit
        Key(McuNote.F1 + 1);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x37, 0x7F))); // Suspend lit
        Key(McuNote.F1 + 1);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x37, 0x00)));
        Key(McuNote.F1 + 2);
        Key(McuNote.F1 + 3);
        Key(McuNote.F1 + 4);
        Key(McuNote.F1 + 4, 0x90, 0x18, 0x7F, 0x90, 0x46, 0x7F); // SELECT strip 1, SHIFT held: Punch Capture all, strip 1 only
        Key(McuNote.F1 + 5); // SHIFT still held: Write-To Start
        Key(McuNote.F1 + 6); // Write-To Punch Point
        Key(McuNote.F1 + 5, 0x90, 0x46, 0x00); // SHIFT released: Write-To End
        Key(McuNote.F1 + 6);
        Key(McuNote.F1 + 7);
        Key(McuNote.F1);
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x36, 0x00))); // Preview dark

        var c = log.Commands;
        Assert.Equal(new PassCommand(PassCommandKind.Preview, On: true), c[0]);
        Assert.Equal(new PassCommand(PassCommandKind.Suspend, On: true), c[1]);
        Assert.Equal(new PassCommand(PassCommandKind.Suspend, On: false), c[2]);
        Assert.Equal(new PassCommand(PassCommandKind.PunchPreview), c[3]);
        Assert.Equal(new PassCommand(PassCommandKind.Capture), c[4]);
        Assert.Equal(new PassCommand(PassCommandKind.PunchCapture), c[5]);
        Assert.Equal((PassCommandKind.PunchCapture, true), (c[6].Kind, c[6].All));
        Assert.Equal(["track/Dialog 1"], c[6].Targets!);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.Start), c[7]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.PunchPoint), c[8]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.End), c[9]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.All), c[10]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.NextBreakpoint), c[11]);
        Assert.Equal(new PassCommand(PassCommandKind.Preview, On: false), c[12]);

        f.Control.SetPreview(f.Control.RegisterClient("grpc"), true); // another client: the LED follows
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x36, 0x7F)));
    }

    [Fact]
    public async Task HUI_function_keys_SUSPEND_and_CAPTURE_send_the_same_commands_and_SUSPEND_lights()
    {
        await using var f = new McuSurfaceFixture(options: new McuSurfaceOptions { HuiPorts = ["loopback:mcu0/b"], HuiTimeout = TimeSpan.FromSeconds(30) });
        var peer = f.Peers[0];
        Assert.NotNull(peer.WaitFor(m => m == Hex(0x90, 0x00, 0x00))); // the host's ping
        peer.Send(0x90, 0x00, 0x7F);
        Assert.NotNull(peer.WaitFor(m => m.StartsWith("SysEx F000006605001008", StringComparison.Ordinal))); // the last of the full state
        var log = new PassCommandLog();
        using var sink = f.Control.AddMoveSink(log);
        int count = 0;
        void Press(int zone, int port)
        {
            peer.Send(0xB0, 0x0F, (byte)zone, 0xB0, 0x2F, (byte)(0x40 | port), 0xB0, 0x0F, (byte)zone, 0xB0, 0x2F, (byte)port);
            Assert.Equal(++count, log.WaitFor(count).Count);
        }

        Press(0x1B, 0); // F1: Preview on
        Press(0x19, 3); // SUSPEND
        var lit = peer.CollectUntil(items => items.Zip(items.Skip(1)).Any(p => p.First == "B0 0C 19" && p.Second == "B0 2C 43"));
        Assert.Contains(lit.Zip(lit.Skip(1)), p => p.First == "B0 0C 19" && p.Second == "B0 2C 43"); // SUSPEND's own LED lit
        Press(0x1A, 2); // CAPTURE
        peer.Send(0xB0, 0x0F, 0x08, 0xB0, 0x2F, 0x41); // SHIFT held
        Press(0x1B, 5); // F6 with SHIFT: Write-To Start

        var c = log.Commands;
        Assert.Equal(new PassCommand(PassCommandKind.Preview, On: true), c[0]);
        Assert.Equal(new PassCommand(PassCommandKind.Suspend, On: true), c[1]);
        Assert.Equal(new PassCommand(PassCommandKind.Capture), c[2]);
        Assert.Equal(new PassCommand(PassCommandKind.WriteTo, Target: WriteTarget.Start), c[3]);
    }
}
