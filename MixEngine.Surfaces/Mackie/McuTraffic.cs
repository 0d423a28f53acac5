using MixEngine.Session;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// Describes what an MCU unit sends, in words, for <c>mixengine surfaces monitor</c> (spec surfaces.md §1.2-§1.6):
/// fader moves with their gain on the fader taper, touches, V-pot and jog turns, named button presses and releases,
/// Mackie SysEx commands. Pure; any thread.
/// </summary>
public static class McuTraffic
{
    private static readonly Dictionary<int, string> Buttons = new()
    {
        [0x28] = "TRACK", [0x29] = "SEND", [0x2A] = "PAN", [0x2B] = "PLUG-IN", [0x2C] = "EQ", [0x2D] = "INSTRUMENT",
        [0x2E] = "BANK left", [0x2F] = "BANK right", [0x30] = "CHANNEL left", [0x31] = "CHANNEL right", [0x32] = "FLIP",
        [0x33] = "GLOBAL VIEW", [0x34] = "NAME/VALUE", [0x35] = "SMPTE/BEATS", [0x46] = "SHIFT", [0x47] = "OPTION", [0x48] = "CONTROL",
        [0x49] = "CMD/ALT", [0x4A] = "READ", [0x4B] = "WRITE", [0x4C] = "TRIM", [0x4D] = "TOUCH", [0x4E] = "LATCH", [0x4F] = "GROUP",
        [0x50] = "SAVE", [0x51] = "UNDO", [0x52] = "CANCEL", [0x53] = "ENTER", [0x54] = "MARKER", [0x55] = "NUDGE", [0x56] = "CYCLE",
        [0x57] = "DROP", [0x58] = "REPLACE", [0x59] = "CLICK", [0x5A] = "SOLO clear", [0x5B] = "REWIND", [0x5C] = "FAST FWD",
        [0x5D] = "STOP", [0x5E] = "PLAY", [0x5F] = "RECORD", [0x60] = "up", [0x61] = "down", [0x62] = "left", [0x63] = "right",
        [0x64] = "ZOOM", [0x65] = "SCRUB", [0x66] = "user A", [0x67] = "user B",
    };

    private static readonly string[] StripRows = ["REC", "SOLO", "MUTE", "SELECT", "V-pot push"];

    /// <summary>One line for a short message: e.g. <c>fader 1 12288 (+0.0 dB)</c>, <c>PLAY pressed</c>, <c>V-pot 3 -2</c>.</summary>
    public static string Describe(MidiMessage message)
    {
        if (McuFader.TryDecodePosition(message, out int fader, out int value))
            return $"{FaderName(fader)} {value} ({McuValueText.Of(Gain, FaderTaper.ToDecibels(FaderTaper.FromMidi14(value)))} dB)";
        if (McuFader.TryDecodeTouch(message, out fader, out bool touched))
            return $"{FaderName(fader)} {(touched ? "touched" : "released")}";
        if (McuVPot.TryDecodeTurn(message, out int pot, out int delta)) return $"V-pot {pot + 1} {delta:+0;-0}";
        if (McuVPot.TryDecodeJog(message, out delta)) return $"jog {delta:+0;-0}";
        if (McuButton.TryDecode(message, out int note, out bool pressed))
        {
            string name = note switch
            {
                < 0x28 => $"{StripRows[note / 8]} {note % 8 + 1}",
                >= 0x36 and <= 0x3D => $"F{note - 0x35}",
                >= 0x3E and <= 0x45 => $"view {note - 0x3D}",
                _ => Buttons.GetValueOrDefault(note, $"note {note:X2}"),
            };
            return $"{name} {(pressed ? "pressed" : "released")}";
        }
        if (message.Status == 0xB0 && message.Data1 == 0x2E) return $"external controller {message.Data2}";
        return "not an MCU control message";
    }

    /// <summary>One line for a SysEx: the Mackie command and device, or its size when it is not Mackie's.</summary>
    public static string Describe(ReadOnlySpan<byte> sysEx)
    {
        if (!McuSysEx.TryParse(sysEx, out byte device, out byte command, out var parameters)) return $"SysEx of {sysEx.Length} bytes, not Mackie's";
        string what = command switch
        {
            0x01 => "host connection query (power-on)",
            0x03 => "connection confirmed",
            0x04 => "connection error",
            0x14 => "firmware version " + new string([.. parameters.ToArray().Select(b => (char)b)]),
            _ => $"command {command:X2}",
        };
        return $"Mackie device {device:X2}: {what}";
    }

    private static string FaderName(int fader) => fader == McuFader.Master ? "master fader" : $"fader {fader + 1}";

    private static readonly ParameterDescriptor Gain =
        new(ParameterAddress.ByName(ParameterScope.Track, "monitor", "fader"), ParameterUnit.Decibels, double.NegativeInfinity, FaderTaper.MaxDecibels, 0, "audioFader", true, true);
}
