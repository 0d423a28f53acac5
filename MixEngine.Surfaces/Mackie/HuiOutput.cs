using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// What the host sends a HUI surface (spec surfaces.md §2): the 1 Hz ping <c>90 00 00</c>, LEDs as zone select
/// <c>B0 0C zz</c> + <c>B0 2C pp</c> (pp = port, +40 = on), fader positions <c>B0 0s hi</c> + <c>B0 2s lo</c>, V-pot rings
/// CC 10+n, meters as poly pressure <c>A0 0s xv</c> and the SysEx displays (header <c>F0 00 00 66 05 00</c>). Pure;
/// any thread.
/// </summary>
public static class HuiOutput
{
    /// <summary>The keep-alive the host sends about once a second; the surface answers <c>90 00 7F</c>.</summary>
    public static MidiMessage Ping => MidiMessage.NoteOn(0, 0, 0);

    /// <summary>Writes the two messages lighting (or clearing) the LED of zone/port; returns 2.</summary>
    public static int Led(int zone, int port, bool on, Span<MidiMessage> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)zone, 0x7Fu, nameof(zone));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)port, 7u, nameof(port));
        destination[0] = MidiMessage.ControlChange(0, 0x0C, zone);
        destination[1] = MidiMessage.ControlChange(0, 0x2C, (on ? 0x40 : 0) | port);
        return 2;
    }

    /// <summary>Writes the hi and lo messages of a fader position for strip 0..7; returns 2.</summary>
    public static int Fader(int strip, int value, Span<MidiMessage> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)strip, 7u, nameof(strip));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)value, 0x3FFFu, nameof(value));
        destination[0] = MidiMessage.ControlChange(0, strip, value >> 7);
        destination[1] = MidiMessage.ControlChange(0, 0x20 + strip, value & 0x7F);
        return 2;
    }

    /// <summary>The ring message of V-pot 0..11 with an LED preset value 0..7F (layout as MCU rings: 01-0B dot, 11-1B boost/cut, 21-2B wrap, 31-3B spread, +40 centre LED).</summary>
    public static MidiMessage Ring(int pot, int value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)pot, 11u, nameof(pot));
        return MidiMessage.ControlChange(0, 0x10 + pot, value);
    }

    /// <summary>The meter message for strip 0..7, side 0 (left) or 1 (right) and level 0 off, 1..B, C = clip.</summary>
    public static MidiMessage Meter(int strip, int side, int level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)strip, 7u, nameof(strip));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)side, 1u, nameof(side));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)level, 0x0Cu, nameof(level));
        return MidiMessage.PolyPressure(0, strip, side << 4 | level);
    }

    /// <summary>The small 4-character display of strip 0..7 (8 = select-assign): SysEx 10 dd c1..c4.</summary>
    public static byte[] SmallDisplay(int display, string text)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)display, 8u, nameof(display));
        var p = new byte[5];
        p[0] = (byte)display;
        McuLcd.Cells(text, p.AsSpan(1, 4));
        return SysEx(0x10, p);
    }

    /// <summary>The time display: SysEx 11 with 8 digit values right to left, 0..F, +10 for a dot.</summary>
    public static byte[] TimeDisplay(ReadOnlySpan<char> text)
    {
        var digits = new byte[8];
        int d = 0;
        bool dot = false;
        for (int i = text.Length - 1; i >= 0 && d < 8; i--)
        {
            if (text[i] is ':' or '.') { dot = true; continue; }
            int value = Uri.IsHexDigit(text[i]) ? Convert.ToInt32(text[i].ToString(), 16) : 0;
            digits[d++] = (byte)(value | (dot ? 0x10 : 0));
            dot = false;
        }
        return SysEx(0x11, digits);
    }

    /// <summary>One 10-character slice 0..7 of the 2x40 main display (0-3 top row, 4-7 bottom): SysEx 12 ss c1..c10.</summary>
    public static byte[] LargeDisplay(int slice, string text)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)slice, 7u, nameof(slice));
        var p = new byte[11];
        p[0] = (byte)slice;
        McuLcd.Cells(text, p.AsSpan(1, 10));
        return SysEx(0x12, p);
    }

    // HUI SysEx carries a 00 after the device byte: F0 00 00 66 05 00 cmd ... F7.
    private static byte[] SysEx(byte command, ReadOnlySpan<byte> parameters)
    {
        Span<byte> withCommand = stackalloc byte[parameters.Length + 1];
        withCommand[0] = command;
        parameters.CopyTo(withCommand[1..]);
        var bytes = new byte[McuSysEx.Length(withCommand.Length)];
        McuSysEx.Write(McuSysEx.Hui, 0x00, withCommand, bytes);
        return bytes;
    }
}
