namespace MixEngine.Files;

/// <summary>
/// One loudspeaker feed of a channel layout: its label (also the multi-mono file suffix), the WAVE speaker bit it is
/// written on (0 when the layout has no mask), and its room-centric position used by the panner.
/// </summary>
/// <param name="Label">Pro Tools-style channel label: L R C LFE Ls Rs Lss Rss Lsr Rsr Lw Rw Lts Rts Ltf Rtf Ltm Rtm Ltr Rtr.</param>
/// <param name="MaskBit">WAVEFORMATEXTENSIBLE dwChannelMask bit (formats.md §1.1), or 0 for layouts without a mask.</param>
/// <param name="X">Room-centric X: -1 left … +1 right.</param>
/// <param name="Y">Room-centric Y: -1 back … +1 front.</param>
/// <param name="Z">Room-centric Z: 0 ear level … 1 top.</param>
/// <param name="IsLfe">True for the low-frequency effects feed, which never receives a pan share.</param>
public sealed record Speaker(string Label, uint MaskBit, double X, double Y, double Z, bool IsLfe = false);

/// <summary>
/// The channel layouts the engine mixes and prints: labels, channel order, WAVE channel mask and speaker positions.
/// Immutable; safe on every thread. Interleaved files follow ascending mask-bit order (formats.md §0.3 decision A):
/// in 7.x layouts the rear pair (Lsr/Rsr, BL/BR bits) comes before the side pair (Lss/Rss, SL/SR bits).
/// 9.1.6 has no complete WAVE mask (formats.md §1.2), so it is written with mask 0 in the order of formats.md §2.4.
/// </summary>
public sealed class ChannelLayout
{
    // WAVE speaker bits (formats.md §1.1).
    private const uint FL = 0x1, FR = 0x2, FC = 0x4, LFE = 0x8, BL = 0x10, BR = 0x20, SL = 0x200, SR = 0x400;
    private const uint TFL = 0x1000, TFR = 0x4000, TBL = 0x8000, TBR = 0x20000;

    private static readonly Speaker SpL = new("L", FL, -1, 1, 0);
    private static readonly Speaker SpR = new("R", FR, 1, 1, 0);
    private static readonly Speaker SpC = new("C", FC, 0, 1, 0);
    private static readonly Speaker SpLfe = new("LFE", LFE, 0, 1, 0, IsLfe: true);

    /// <summary>One channel, front centre.</summary>
    public static readonly ChannelLayout Mono = new("mono", [new Speaker("C", FC, 0, 1, 0)]);

    /// <summary>Two channels, L R.</summary>
    public static readonly ChannelLayout Stereo = new("stereo", [SpL, SpR]);

    /// <summary>Three channels, L R C (mask 0x7).</summary>
    public static readonly ChannelLayout Lcr = new("LCR", [SpL, SpR, SpC]);

    /// <summary>5.1: L R C LFE Ls Rs, mask 0x60F (surrounds on the side bits, as 7.x side surrounds).</summary>
    public static readonly ChannelLayout Surround51 = new("5.1",
        [SpL, SpR, SpC, SpLfe, new("Ls", SL, -1, -1, 0), new("Rs", SR, 1, -1, 0)]);

    /// <summary>7.1: L R C LFE Lsr Rsr Lss Rss, mask 0x63F.</summary>
    public static readonly ChannelLayout Surround71 = new("7.1", [SpL, SpR, SpC, SpLfe, .. Rears(), .. Sides()]);

    /// <summary>7.1.2 (Atmos bed): L R C LFE Lsr Rsr Lss Rss Lts Rts, mask 0x563F.</summary>
    public static readonly ChannelLayout Atmos712 = new("7.1.2",
        [SpL, SpR, SpC, SpLfe, .. Rears(), .. Sides(), new("Lts", TFL, -1, 0, 1), new("Rts", TFR, 1, 0, 1)]);

    /// <summary>7.1.4: L R C LFE Lsr Rsr Lss Rss Ltf Rtf Ltr Rtr, mask 0x2D63F.</summary>
    public static readonly ChannelLayout Atmos714 = new("7.1.4",
        [SpL, SpR, SpC, SpLfe, .. Rears(), .. Sides(),
         new("Ltf", TFL, -1, 1, 1), new("Rtf", TFR, 1, 1, 1), new("Ltr", TBL, -1, -1, 1), new("Rtr", TBR, 1, -1, 1)]);

    /// <summary>9.1.6: L R C LFE Lw Rw Lss Rss Lsr Rsr Ltf Rtf Ltm Rtm Ltr Rtr, no WAVE mask (formats.md §2.4).</summary>
    public static readonly ChannelLayout Atmos916 = new("9.1.6",
        [new("L", 0, -1, 1, 0), new("R", 0, 1, 1, 0), new("C", 0, 0, 1, 0), new("LFE", 0, 0, 1, 0, IsLfe: true),
         new("Lw", 0, -1, 0.5, 0), new("Rw", 0, 1, 0.5, 0), new("Lss", 0, -1, 0, 0), new("Rss", 0, 1, 0, 0),
         new("Lsr", 0, -1, -1, 0), new("Rsr", 0, 1, -1, 0), new("Ltf", 0, -1, 1, 1), new("Rtf", 0, 1, 1, 1),
         new("Ltm", 0, -1, 0, 1), new("Rtm", 0, 1, 0, 1), new("Ltr", 0, -1, -1, 1), new("Rtr", 0, 1, -1, 1)]);

    /// <summary>Every layout, in the order of the session format's documentation.</summary>
    public static readonly IReadOnlyList<ChannelLayout> All =
        [Mono, Stereo, Lcr, Surround51, Surround71, Atmos712, Atmos714, Atmos916];

    private ChannelLayout(string name, Speaker[] speakers)
    {
        Name = name;
        Speakers = speakers;
        Labels = Array.ConvertAll(speakers, s => s.Label);
        uint mask = 0;
        foreach (var s in speakers) mask |= s.MaskBit;
        ChannelMask = mask;
        LfeIndex = Array.FindIndex(speakers, s => s.IsLfe);
    }

    /// <summary>The name used in session files and reports ("mono", "stereo", "LCR", "5.1", "7.1", "7.1.2", "7.1.4", "9.1.6").</summary>
    public string Name { get; }

    /// <summary>The speakers in channel order (the interleave order of printed files).</summary>
    public IReadOnlyList<Speaker> Speakers { get; }

    /// <summary>The channel labels in channel order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of channels.</summary>
    public int ChannelCount => Speakers.Count;

    /// <summary>The WAVEFORMATEXTENSIBLE dwChannelMask written for this layout (0 for 9.1.6).</summary>
    public uint ChannelMask { get; }

    /// <summary>Index of the LFE channel, or -1 when the layout has none.</summary>
    public int LfeIndex { get; }

    /// <summary>Index of the channel with this label, or -1.</summary>
    public int IndexOf(string label)
    {
        for (int i = 0; i < Speakers.Count; i++)
            if (Speakers[i].Label == label) return i;
        return -1;
    }

    /// <summary>Finds a layout by its session-file name (case-insensitive); any thread.</summary>
    public static bool TryParse(string? name, out ChannelLayout layout)
    {
        foreach (var l in All)
        {
            if (string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                layout = l;
                return true;
            }
        }
        layout = Mono;
        return false;
    }

    /// <summary>Finds the layout whose channel count and WAVE mask match a file's fmt chunk, if any.</summary>
    public static ChannelLayout? FromWaveMask(int channels, uint mask)
    {
        foreach (var l in All)
            if (l.ChannelCount == channels && l.ChannelMask == mask) return l;
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static Speaker[] Rears() => [new("Lsr", BL, -1, -1, 0), new("Rsr", BR, 1, -1, 0)];

    private static Speaker[] Sides() => [new("Lss", SL, -1, 0, 0), new("Rss", SR, 1, 0, 0)];
}
