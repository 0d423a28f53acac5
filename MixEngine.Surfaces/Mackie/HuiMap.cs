namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// The HUI switches a <see cref="McuSurface"/> understands, as the MCU notes of the same controls (spec surfaces.md §2.2):
/// per strip zone 00..07 port 1 select, 2 mute, 3 solo, 5 V-select, 7 rec/rdy (port 0, fader touch, is handled apart);
/// zone 0A bank/channel, zone 0B port 2 PAN (the assign section; its SEND A…E keys, ports 7…3, pick a send page and are
/// handled apart, see <see cref="SendZone"/>), zone 0E transport, zone 18 automation modes, and the parameter-edit
/// section's INSERT/PARAM and ASSIGN keys as MCU's EQ and PLUG-IN (dynamics) assign keys (<see cref="EditZone"/>), since
/// HUI has no EQ or dynamics key of its own; the function keys F1–F8 (zone 1B) as MCU's F1–F8 (the automation pass
/// keys), and the status section's SUSPEND (zone 19 port 3) and the edit section's CAPTURE (zone 1A port 2) as the pass
/// keys of the same name (F2, F4; SUSPEND's LED shows the suspension), zones and ports as in MIDIKit's
/// <c>Parameter FunctionKey.swift</c>, <c>Parameter StatusAndGroup.swift</c> and <c>Parameter Edit.swift</c>. A HUI unit's input is translated to MCU notes and
/// its LEDs are drawn from the same notes, so both protocols share one behaviour. Pure; any thread.
/// </summary>
public static class HuiMap
{
    /// <summary>
    /// The assign zone (the keys above the strips): port 2 PAN, ports 7, 6, 5, 4, 3 SEND A…E (0 OUTPUT, 1 INPUT are not
    /// used). The zone is not in the spec's §2.2 list; its ports are as in MIDIKit's <c>Parameter Assign.swift</c>, one of
    /// that section's sources.
    /// </summary>
    public const int SendZone = 0x0B;

    /// <summary>
    /// The parameter-edit section (zone 1C, as in MIDIKit's <c>Parameter ParameterEdit.swift</c>): port 0 INSERT/PARAM
    /// puts the EQ on the V-pots (MCU's EQ key: again for the next page), port 1 ASSIGN the dynamics (MCU's PLUG-IN key);
    /// ports 2-5 (the edit V-pots' select keys), 6 BYPASS and 7 COMPARE are not used.
    /// </summary>
    public const int EditZone = 0x1C;

    /// <summary>The keyboard-shortcut zone (zone 08, as in MIDIKit's <c>Parameter HotKey.swift</c>); its port <see cref="ShiftPort"/> is SHIFT, held like MCU's.</summary>
    public const int HotKeyZone = 0x08;

    /// <summary>SHIFT's port in <see cref="HotKeyZone"/>.</summary>
    public const int ShiftPort = 1;

    /// <summary>The send page (0 = SEND A … 4 = SEND E) of a port of <see cref="SendZone"/>, or −1 for a port that is no SEND key.</summary>
    public static int SendPageOf(int port) => port is >= 3 and <= 7 ? 7 - port : -1;

    /// <summary>The port of <see cref="SendZone"/> whose key (and LED) is SEND A (page 0) … SEND E (page 4).</summary>
    public static int SendPortOf(int page) => (uint)page <= 4u ? 7 - page : throw new ArgumentOutOfRangeException(nameof(page), page, "HUI has SEND A…E (pages 0…4)");

    private static readonly Dictionary<(int Zone, int Port), int> ToNote = Build();
    private static readonly Dictionary<int, (int Zone, int Port)> ToSwitch = LedSwitches();

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
        map[(SendZone, 2)] = McuNote.AssignTrack + 2; // PAN
        map[(EditZone, 0)] = McuNote.AssignTrack + 4; // INSERT/PARAM: EQ
        map[(EditZone, 1)] = McuNote.AssignTrack + 3; // ASSIGN: dynamics (PLUG-IN)
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
        for (int key = 0; key < 8; key++) map[(0x1B, key)] = McuNote.F1 + key;
        map[(0x19, 3)] = McuNote.F1 + 1; // SUSPEND
        map[(0x1A, 2)] = McuNote.F1 + 3; // CAPTURE
        return map;
    }

    /// <summary>The switch whose LED shows each note; where two switches share a note, the one added last (SUSPEND's own key rather than F2).</summary>
    private static Dictionary<int, (int, int)> LedSwitches()
    {
        var leds = new Dictionary<int, (int, int)>();
        foreach (var (sw, note) in ToNote) leds[note] = sw;
        return leds;
    }
}
