using MixEngine.Surfaces.Midi;

namespace MixEngine.Surfaces.Mackie;

/// <summary>LED states an MCU button can show (Note On velocity 00 / 01 / 7F).</summary>
public enum McuLed : byte
{
    /// <summary>Off (velocity 00).</summary>
    Off = 0x00,
    /// <summary>Flashing (velocity 01).</summary>
    Flash = 0x01,
    /// <summary>On (velocity 7F).</summary>
    On = 0x7F,
}

/// <summary>
/// MCU buttons and LEDs (spec surfaces.md §1.1, §1.6): every button is a note on channel 0; the surface sends Note On
/// 7F on press and Note On 00 or Note Off on release; the host lights the LED with Note On on the same note.
/// Pure; any thread.
/// </summary>
public static class McuButton
{
    /// <summary>The LED message for <paramref name="note"/> (see <see cref="McuNote"/>).</summary>
    public static MidiMessage Led(int note, McuLed state) => MidiMessage.NoteOn(0, note, (byte)state);

    /// <summary>Reads a press (Note On, velocity above 0) or release (velocity 0 or Note Off) on channel 0.</summary>
    public static bool TryDecode(MidiMessage message, out int note, out bool pressed)
    {
        note = message.Data1;
        pressed = false;
        if (message.Status == 0x90) { pressed = message.Data2 > 0; return true; }
        return message.Status == 0x80;
    }
}
