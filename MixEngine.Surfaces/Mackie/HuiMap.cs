namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The HUI switches a <see cref="McuSurface"/> understands, as the MCU notes of the same controls (spec surfaces.md §2.2):
/// per strip zone 00..07 port 1 select, 2 mute, 3 solo, 5 V-select, 7 rec/rdy (port 0, fader touch, is handled apart);
/// zone 0A bank/channel, zone 0E transport, zone 18 automation modes. A HUI unit's input is translated to MCU notes and
/// its LEDs are drawn from the same notes, so both protocols share one behaviour. Pure; any thread.
/// </summary>
public static class HuiMap
{
    private static readonly Dictionary<(int Zone, int Port), int> ToNote = Build();
    private static readonly Dictionary<int, (int Zone, int Port)> ToSwitch = ToNote.ToDictionary(e => e.Value, e => e.Key);

    /// <summary>The MCU note of HUI switch (<paramref name="zone"/>, <paramref name="port"/>), or −1 when it has none.</summary>
    public static int NoteOf(int zone, int port) => ToNote.TryGetValue((zone, port), out int note) ? note : -1;

    /// <summary>The HUI switch (zone, port) whose LED shows MCU note <paramref name="note"/>; false when HUI has no such LED.</summary>
    public static bool TrySwitchOf(int note, out int zone, out int port)
    {
        bool found = ToSwitch.TryGetValue(note, out var s);
        (zone, port) = s;
        return found;
    }

    private static Dictionary<(int, int), int> Build()
    {
        var map = new Dictionary<(int, int), int>();
        for (int strip = 0; strip < 8; strip++)
        {
            map[(strip, 1)] = McuNote.Select + strip;
            map[(strip, 2)] = McuNote.Mute + strip;
            map[(strip, 3)] = McuNote.Solo + strip;
            map[(strip, 5)] = McuNote.VPotPush + strip;
            map[(strip, 7)] = McuNote.RecArm + strip;
        }
        map[(0x0A, 0)] = McuNote.ChannelLeft;
        map[(0x0A, 1)] = McuNote.BankLeft;
        map[(0x0A, 2)] = McuNote.ChannelRight;
        map[(0x0A, 3)] = McuNote.BankRight;
        map[(0x0E, 1)] = McuNote.Rewind;
        map[(0x0E, 2)] = McuNote.FastForward;
        map[(0x0E, 3)] = McuNote.Stop;
        map[(0x0E, 4)] = McuNote.Play;
        map[(0x0E, 5)] = McuNote.Record;
        map[(0x18, 0)] = McuNote.AutomationTrim;
        map[(0x18, 1)] = McuNote.AutomationLatch;
        map[(0x18, 2)] = McuNote.AutomationRead;
        map[(0x18, 3)] = McuNote.Group;
        map[(0x18, 4)] = McuNote.AutomationWrite;
        map[(0x18, 5)] = McuNote.AutomationTouch;
        return map;
    }
}
