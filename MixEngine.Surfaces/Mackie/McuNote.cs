namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// MCU note numbers of buttons and LEDs (spec surfaces.md §1.6; channel 0). Strip rows are the first note of eight
/// (strip n = note + n). Constants; any thread.
/// </summary>
public static class McuNote
{
    /// <summary>REC/RDY, strips 1-8.</summary>
    public const int RecArm = 0x00;
    /// <summary>SOLO, strips 1-8.</summary>
    public const int Solo = 0x08;
    /// <summary>MUTE, strips 1-8.</summary>
    public const int Mute = 0x10;
    /// <summary>SELECT, strips 1-8.</summary>
    public const int Select = 0x18;
    /// <summary>V-pot push, strips 1-8.</summary>
    public const int VPotPush = 0x20;
    /// <summary>Assignment TRACK (then SEND 29, PAN 2A, PLUG-IN 2B, EQ 2C, INSTRUMENT 2D).</summary>
    public const int AssignTrack = 0x28;
    /// <summary>BANK left.</summary>
    public const int BankLeft = 0x2E;
    /// <summary>BANK right.</summary>
    public const int BankRight = 0x2F;
    /// <summary>CHANNEL left.</summary>
    public const int ChannelLeft = 0x30;
    /// <summary>CHANNEL right.</summary>
    public const int ChannelRight = 0x31;
    /// <summary>FLIP.</summary>
    public const int Flip = 0x32;
    /// <summary>NAME/VALUE.</summary>
    public const int NameValue = 0x34;
    /// <summary>SMPTE/BEATS.</summary>
    public const int SmpteBeats = 0x35;
    /// <summary>F1 (F1-F8 = 36..3D).</summary>
    public const int F1 = 0x36;
    /// <summary>SHIFT.</summary>
    public const int Shift = 0x46;
    /// <summary>Automation READ/OFF.</summary>
    public const int AutomationRead = 0x4A;
    /// <summary>Automation WRITE.</summary>
    public const int AutomationWrite = 0x4B;
    /// <summary>Automation TRIM.</summary>
    public const int AutomationTrim = 0x4C;
    /// <summary>Automation TOUCH.</summary>
    public const int AutomationTouch = 0x4D;
    /// <summary>Automation LATCH.</summary>
    public const int AutomationLatch = 0x4E;
    /// <summary>GROUP (used as automation off by Ardour).</summary>
    public const int Group = 0x4F;
    /// <summary>SAVE.</summary>
    public const int Save = 0x50;
    /// <summary>UNDO.</summary>
    public const int Undo = 0x51;
    /// <summary>MARKER.</summary>
    public const int Marker = 0x54;
    /// <summary>CYCLE.</summary>
    public const int Cycle = 0x56;
    /// <summary>REWIND.</summary>
    public const int Rewind = 0x5B;
    /// <summary>FAST FWD.</summary>
    public const int FastForward = 0x5C;
    /// <summary>STOP.</summary>
    public const int Stop = 0x5D;
    /// <summary>PLAY.</summary>
    public const int Play = 0x5E;
    /// <summary>RECORD.</summary>
    public const int Record = 0x5F;
    /// <summary>Cursor up (down 61, left 62, right 63).</summary>
    public const int CursorUp = 0x60;
    /// <summary>ZOOM.</summary>
    public const int Zoom = 0x64;
    /// <summary>SCRUB.</summary>
    public const int Scrub = 0x65;
    /// <summary>Fader touch, strips 1-8 (68..6F); master fader touch is 70.</summary>
    public const int FaderTouch = 0x68;
    /// <summary>SMPTE LED.</summary>
    public const int SmpteLed = 0x71;
    /// <summary>BEATS LED.</summary>
    public const int BeatsLed = 0x72;
    /// <summary>RUDE SOLO LED.</summary>
    public const int RudeSoloLed = 0x73;
}
