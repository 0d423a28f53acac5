namespace MixEngine.Surfaces.Mackie;

/// <summary>Backlight colours of Behringer X-Touch scribble strips (MCU mode).</summary>
public enum XTouchColour : byte
{
    /// <summary>Backlight off.</summary>
    Off = 0,
    /// <summary>Red.</summary>
    Red = 1,
    /// <summary>Green.</summary>
    Green = 2,
    /// <summary>Yellow.</summary>
    Yellow = 3,
    /// <summary>Blue.</summary>
    Blue = 4,
    /// <summary>Magenta.</summary>
    Magenta = 5,
    /// <summary>Cyan.</summary>
    Cyan = 6,
    /// <summary>White.</summary>
    White = 7,
}

/// <summary>
/// X-Touch / X-Touch Extender colour scribble strips in MCU mode (spec surfaces.md §1.10; Behringer's extension since
/// firmware 1.22 as documented in JulienCr/xtouch-gw-ts <c>docs/lcd-control.md</c>): SysEx <c>F0 00 00 66 dd 72 c1..c8 F7</c>,
/// one colour byte per strip (0 off … 7 white), dd = 14 main unit, 15 extender. A track colour maps to the nearest RGB
/// corner; a strip's stem category picks a colour from a fixed table (<see cref="OfStem"/>). Pure; any thread.
/// </summary>
public static class XTouchScribbleColours
{
    /// <summary>The colour message for eight strips.</summary>
    public static byte[] Write(byte device, ReadOnlySpan<XTouchColour> colours)
    {
        if (colours.Length != 8) throw new ArgumentException($"X-Touch colours are sent for 8 strips, got {colours.Length}", nameof(colours));
        Span<byte> parameters = stackalloc byte[8];
        for (int i = 0; i < 8; i++) parameters[i] = (byte)colours[i];
        var bytes = new byte[McuSysEx.Length(8)];
        McuSysEx.Write(device, 0x72, parameters, bytes);
        return bytes;
    }

    /// <summary>The nearest of the 7 colours (or off for black) to an sRGB colour: each channel at or above 128 is lit.</summary>
    public static XTouchColour Nearest(byte red, byte green, byte blue) =>
        (XTouchColour)((red >= 128 ? 1 : 0) | (green >= 128 ? 2 : 0) | (blue >= 128 ? 4 : 0));

    /// <summary>
    /// The colour of a strip carrying stem category <paramref name="stem"/> (<c>IMixControl.StemOf</c>): DX cyan, ADR blue,
    /// MX magenta, FX red, FOLEY green, BG yellow; any other category, or none (a printmaster gathering several), white.
    /// </summary>
    public static XTouchColour OfStem(string? stem) => stem?.ToUpperInvariant() switch
    {
        "DX" => XTouchColour.Cyan,
        "ADR" => XTouchColour.Blue,
        "MX" => XTouchColour.Magenta,
        "FX" => XTouchColour.Red,
        "FOLEY" => XTouchColour.Green,
        "BG" => XTouchColour.Yellow,
        _ => XTouchColour.White,
    };
}
