using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// MCU fader messages (spec surfaces.md §1.4): position as 14-bit pitch bend on channel 0..7 (strips) or 8 (master),
/// the same in both directions (the host must echo every received move); touch as Note On 68..6F (strips) and 70
/// (master), 7F touched / 00 released. Pure; any thread.
/// </summary>
public static class McuFader
{
    /// <summary>The fader index of the master fader.</summary>
    public const int Master = 8;

    /// <summary>The position message for fader 0..8 and a 14-bit value.</summary>
    public static MidiMessage Position(int fader, int value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)fader, (uint)Master, nameof(fader));
        return MidiMessage.PitchBend(fader, value);
    }

    /// <summary>Reads a fader move; false when the message is not a pitch bend on channel 0..8.</summary>
    public static bool TryDecodePosition(MidiMessage message, out int fader, out int value)
    {
        fader = message.Channel;
        value = 0;
        if (message.Kind != 0xE0 || fader > Master) return false;
        value = message.PitchBendValue;
        return true;
    }

    /// <summary>The touch note of fader 0..8.</summary>
    public static int TouchNote(int fader)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)fader, (uint)Master, nameof(fader));
        return McuNote.FaderTouch + fader;
    }

    /// <summary>Reads a touch or release; false when the message is not a touch note (Note On 68..70, or Note Off).</summary>
    public static bool TryDecodeTouch(MidiMessage message, out int fader, out bool touched)
    {
        fader = -1;
        touched = false;
        if (!McuButton.TryDecode(message, out int note, out bool pressed) || note < McuNote.FaderTouch || note > McuNote.FaderTouch + Master) return false;
        fader = note - McuNote.FaderTouch;
        touched = pressed;
        return true;
    }
}
