using System.Globalization;
using MixEngine.Session;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// Texts for the HUI displays (spec surfaces.md §2.5), whose fields are 4 characters wide: the strip displays, the
/// select-assign display and each strip's 5-cell field (4 characters and a separator) on the 2x40 main display.
/// Values are <see cref="McuValueText"/>'s when they fit, otherwise shortened in their own unit (<c>-10.5</c> dB →
/// <c>-11</c>, <c>250Hz</c> → <c>250</c>, <c>1.25k</c> → <c>1.3k</c>, <c>16.0k</c> → <c>16k</c>, <c>2.5ms</c> →
/// <c>2.5</c>, <c>4.0:1</c> → <c>4.0</c>). Pure; any thread.
/// </summary>
public static class HuiText
{
    /// <summary>Characters in one HUI field.</summary>
    public const int Width = 4;

    /// <summary>The text of <paramref name="value"/> in the unit of <paramref name="descriptor"/>, at most 4 characters.</summary>
    public static string Value(ParameterDescriptor descriptor, double value)
    {
        string text = McuValueText.Of(descriptor, value);
        if (text.Length <= Width) return text;
        var c = CultureInfo.InvariantCulture;
        text = descriptor.Unit switch
        {
            ParameterUnit.Decibels => value.ToString("+0;-0;0", c),
            ParameterUnit.Hertz when value >= 9999.5 => (value / 1000).ToString("0", c) + "k",
            ParameterUnit.Hertz when value >= 999.5 => (value / 1000).ToString("0.0", c) + "k",
            ParameterUnit.Hertz => value.ToString("0", c),
            ParameterUnit.Milliseconds when value >= 9999.5 => (value / 1000).ToString("0", c) + "s",
            ParameterUnit.Milliseconds when value >= 999.5 => (value / 1000).ToString("0.0", c) + "s",
            ParameterUnit.Milliseconds => value.ToString(value < 10 ? "0.0" : "0", c),
            ParameterUnit.Ratio => value.ToString(value < 10 ? "0.0" : "0", c),
            ParameterUnit.Q => value.ToString(value < 10 ? "0.0" : "0", c),
            _ => text,
        };
        return text.Length <= Width ? text : text[..Width];
    }

    /// <summary>
    /// The select-assign display's text for a V-pot assignment: the mode (<c>Pan</c>, <c>Snd</c>, <c>EQ </c>,
    /// <c>Dyn</c>) and the page, sends lettered as HUI's SEND keys (A, B, …), the others numbered (1-9, then A, B, …).
    /// </summary>
    public static string Assignment(McuPotMode mode, int page, char pageDigit) => mode switch
    {
        McuPotMode.Pan => "Pan" + pageDigit,
        McuPotMode.Send => "Snd" + (char)('A' + Math.Min(page, 25)),
        McuPotMode.Eq => "EQ " + pageDigit,
        _ => "Dyn" + pageDigit,
    };

    /// <summary>A strip's 5-cell field on a 40-character row of the main display: the text cut to 4 characters, padded, plus the separator.</summary>
    public static string Field(string text) => McuLcd.Abbreviate(text, Width).PadRight(Width + 1);
}
