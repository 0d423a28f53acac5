using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// MCU strip meters (spec surfaces.md §1.9): channel pressure <c>D0 sv</c>, s = strip 0..7, v = 0 off, 1..C rising
/// segments, D = full scale (over 0 dBFS), E = set the overload LED, F = clear it. The meters decay by themselves,
/// so the host refreshes them (about 10 Hz) while there is signal. Pure; any thread.
/// </summary>
public static class McuMeter
{
    /// <summary>Level value that sets the overload LED.</summary>
    public const int SetOverload = 0x0E;
    /// <summary>Level value that clears the overload LED.</summary>
    public const int ClearOverload = 0x0F;

    /// <summary>
    /// The segment level for a peak in dBFS: 0 below -60 dB, then one segment per 5 dB from 1 at -60 dB up to C at
    /// -5..0 dB, D above 0 dBFS.
    /// </summary>
    public static int LevelOf(double peakDecibels)
    {
        if (double.IsNaN(peakDecibels) || peakDecibels < -60.0) return 0;
        if (peakDecibels > 0.0) return 0x0D;
        return Math.Min(12, 1 + (int)Math.Floor((peakDecibels + 60.0) / 5.0));
    }

    /// <summary>The meter message for strip 0..7 and a level value 0..F.</summary>
    public static MidiMessage Level(int strip, int level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)strip, 7u, nameof(strip));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)level, 15u, nameof(level));
        return MidiMessage.ChannelPressure(0, strip << 4 | level);
    }

    /// <summary>Reads a meter message back into strip and level.</summary>
    public static bool TryDecode(MidiMessage message, out int strip, out int level)
    {
        strip = message.Data1 >> 4;
        level = message.Data1 & 0x0F;
        return message.Status == 0xD0 && strip <= 7;
    }
}
