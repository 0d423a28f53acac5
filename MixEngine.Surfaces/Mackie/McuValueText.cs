using System.Globalization;
using MixEngine.Session;

namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// A parameter value written in at most 6 characters for an MCU scribble strip: levels as <c>-6.0</c> / <c>+3.5</c> /
/// <c>-inf</c>, pan as <c>L50</c> / <c>C</c> / <c>R100</c>, frequencies as <c>250Hz</c> / <c>1.25k</c>, times as
/// <c>20ms</c> / <c>1.5s</c>, ratios as <c>4.0:1</c>, fractions as percent, switches as <c>On</c> / <c>Off</c>. Pure; any thread.
/// </summary>
public static class McuValueText
{
    /// <summary>The text of <paramref name="value"/> in the unit of <paramref name="descriptor"/>.</summary>
    public static string Of(ParameterDescriptor descriptor, double value)
    {
        var c = CultureInfo.InvariantCulture;
        string text = descriptor.Unit switch
        {
            ParameterUnit.Decibels when double.IsNegativeInfinity(value) => "-inf",
            ParameterUnit.Decibels => Math.Abs(value) < 99.95 ? value.ToString("+0.0;-0.0;0.0", c) : value.ToString("+0;-0", c),
            ParameterUnit.Position when descriptor.Address.Parameter == "pan/x" => Side(value, 'L', 'R'),
            ParameterUnit.Position when descriptor.Address.Parameter == "pan/y" => Side(value, 'B', 'F'),
            ParameterUnit.Position or ParameterUnit.Fraction => (value * 100).ToString("0", c) + "%",
            ParameterUnit.Hertz when value >= 9999.5 => (value / 1000).ToString("0.0", c) + "k",
            ParameterUnit.Hertz when value >= 999.5 => (value / 1000).ToString("0.00", c) + "k",
            ParameterUnit.Hertz => value.ToString("0", c) + "Hz",
            ParameterUnit.Milliseconds when value >= 999.5 => (value / 1000).ToString("0.0", c) + "s",
            ParameterUnit.Milliseconds => value.ToString(value < 10 ? "0.0" : "0", c) + "ms",
            ParameterUnit.Ratio => value.ToString(value < 10 ? "0.0" : "0", c) + ":1",
            ParameterUnit.Q => value.ToString(value < 10 ? "0.00" : "0.0", c),
            ParameterUnit.Boolean => value >= 0.5 ? "On" : "Off",
            ParameterUnit.Degrees => value.ToString("+0;-0;0", c),
            _ => value.ToString("0", c),
        };
        return text.Length <= McuLcd.StripChars ? text : text[..McuLcd.StripChars];
    }

    private static string Side(double value, char negative, char positive)
    {
        int percent = (int)Math.Round(Math.Abs(value) * 100, MidpointRounding.AwayFromZero);
        return percent == 0 ? "C" : $"{(value < 0 ? negative : positive)}{percent}";
    }
}
