using MixEngine.Surfaces.Mackie;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Mackie;

/// <summary>
/// python3-mido (Debian) as the independent MIDI implementation: <c>Data/peers/mido_mcu.py</c> builds the MCU, X-Touch
/// and HUI messages the engine sends from their meaning (fader pitch bend, LED notes, ring CCs, meters, LCD SysEx,
/// timecode digits, colours, the handshake reply, HUI fader/LED pairs, meters, ping, small, main and time displays); our encoders must
/// produce the same bytes.
/// </summary>
public class McuBytesPeerTests
{
    private const string Python = "/usr/bin/python3";

    private sealed record Row(string Kind, int[] Args, string Text, string Hex);

    private static List<Row> Table()
    {
        var (exit, stdout, stderr) = PeerTools.Run(Python, RepositoryFiles.PathOf("MixEngine.Tests/Data/peers/mido_mcu.py"));
        Assert.True(exit == 0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var f = line.Split('|');
            return new Row(f[0], f[1].Length == 0 ? [] : [.. f[1].Split(',').Select(int.Parse)], f[2], f[3]);
        })];
    }

    private static string Bytes(MidiMessage message)
    {
        var buffer = new byte[3];
        int n = new MidiStreamWriter(runningStatus: false).Write(message, buffer);
        return Convert.ToHexString(buffer, 0, n);
    }

    private static string Ours(Row r)
    {
        var a = r.Args;
        Span<MidiMessage> two = stackalloc MidiMessage[2];
        return r.Kind switch
        {
            "fader" => Bytes(McuFader.Position(a[0], a[1])),
            "led" => Bytes(McuButton.Led(a[0], (McuLed)a[1])),
            "ring" => Bytes(McuVPot.Ring(a[0], (McuRingMode)a[1], a[2], a[3] == 1)),
            "meter" => Bytes(McuMeter.Level(a[0], a[1])),
            "lcd" => Convert.ToHexString(McuLcd.WriteStrip(McuSysEx.Mcu, a[0], a[1], r.Text)),
            "digit" => Bytes(McuSevenSegment.TimecodeDigit(a[0], r.Text[0], a[1] == 1)),
            "colours" => Convert.ToHexString(XTouchScribbleColours.Write(McuSysEx.Mcu, [.. a.Select(c => (XTouchColour)c)])),
            "reply" => Convert.ToHexString(McuHandshake.Reply((byte)a[0], [0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05], [0x57, 0x18, 0x61, 0x05])),
            "huifader" => Bytes(Pair(two, HuiOutput.Fader(a[0], a[1], two))[0]),
            "huifaderlo" => Bytes(Pair(two, HuiOutput.Fader(a[0], a[1], two))[1]),
            "huiledzone" => Bytes(Pair(two, HuiOutput.Led(a[0], a[1], a[2] == 1, two))[0]),
            "huiledport" => Bytes(Pair(two, HuiOutput.Led(a[0], a[1], a[2] == 1, two))[1]),
            "huimeter" => Bytes(HuiOutput.Meter(a[0], a[1], a[2])),
            "huiping" => Bytes(HuiOutput.Ping),
            "huismall" => Convert.ToHexString(HuiOutput.SmallDisplay(a[0], r.Text)),
            "huilarge" => Convert.ToHexString(HuiOutput.LargeDisplay(a[0], r.Text)),
            "huitime" => Convert.ToHexString(HuiOutput.TimeDisplay(r.Text)),
            _ => throw new InvalidOperationException($"mido_mcu.py row kind {r.Kind} has no mapping"),
        };
    }

    private static Span<MidiMessage> Pair(Span<MidiMessage> two, int written) => two[..written];

    [PeerFact(Python)]
    public void Every_MCU_and_HUI_message_the_engine_sends_has_the_bytes_mido_builds()
    {
        var table = Table();
        Assert.True(table.Count >= 40, $"mido table has {table.Count} rows"); // guards against a truncated table

        foreach (var row in table) Assert.True(row.Hex == Ours(row), $"{row.Kind} {string.Join(",", row.Args)} '{row.Text}': mido {row.Hex}, ours {Ours(row)}");
    }
}
