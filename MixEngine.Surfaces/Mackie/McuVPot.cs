using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>How an MCU LED ring draws its position (bits 4-5 of the ring value).</summary>
public enum McuRingMode
{
    /// <summary>One LED at the position (pan).</summary>
    Dot = 0,
    /// <summary>Fill from the centre towards the position (boost/cut).</summary>
    BoostCut = 1,
    /// <summary>Fill from the left up to the position (level, send).</summary>
    Wrap = 2,
    /// <summary>Symmetric width around the centre (stereo width).</summary>
    Spread = 3,
}

/// <summary>
/// MCU V-pots and LED rings (spec surfaces.md §1.5): rotation arrives as CC 10..17 with sign-magnitude ticks (bit 6 =
/// counter-clockwise, bits 0-5 = count; 0 counts as 1, seen on Euphonix units), the jog wheel as CC 3C with the same
/// encoding; the host draws a ring with CC 30..37 value <c>0 c mm pppp</c> (c = LED under the knob, mm = mode,
/// pppp = position 0..11, 0 = all off). Pure; any thread.
/// </summary>
public static class McuVPot
{
    /// <summary>The controller of the jog wheel.</summary>
    public const int JogController = 0x3C;

    /// <summary>Reads a V-pot turn: pot 0..7 and a signed tick count (positive = clockwise).</summary>
    public static bool TryDecodeTurn(MidiMessage message, out int pot, out int delta)
    {
        pot = message.Data1 - 0x10;
        delta = 0;
        if (message.Status != 0xB0 || pot is < 0 or > 7) return false;
        delta = Ticks(message.Data2);
        return true;
    }

    /// <summary>Reads a jog wheel turn as a signed tick count.</summary>
    public static bool TryDecodeJog(MidiMessage message, out int delta)
    {
        delta = 0;
        if (message.Status != 0xB0 || message.Data1 != JogController) return false;
        delta = Ticks(message.Data2);
        return true;
    }

    /// <summary>The ring message for pot 0..7: mode, position 0..11 (0 = all off) and the LED under the knob.</summary>
    public static MidiMessage Ring(int pot, McuRingMode mode, int position, bool centreLed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)pot, 7u, nameof(pot));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)position, 11u, nameof(position));
        return MidiMessage.ControlChange(0, 0x30 + pot, (centreLed ? 0x40 : 0) | (int)mode << 4 | position);
    }

    /// <summary>
    /// The ring position (1..11) for a normalised value 0..1: dot, boost/cut and wrap use <c>round(v*10)+1</c>, spread
    /// uses <c>round(v*5)+1</c> (six widths, since the ring is symmetric).
    /// </summary>
    public static int PositionOf(double value, McuRingMode mode)
    {
        value = Math.Clamp(value, 0.0, 1.0);
        return mode == McuRingMode.Spread
            ? (int)Math.Round(value * 5.0, MidpointRounding.AwayFromZero) + 1
            : (int)Math.Round(value * 10.0, MidpointRounding.AwayFromZero) + 1;
    }

    private static int Ticks(int value)
    {
        int count = value & 0x3F;
        if (count == 0) count = 1;
        return (value & 0x40) != 0 ? -count : count;
    }
}
