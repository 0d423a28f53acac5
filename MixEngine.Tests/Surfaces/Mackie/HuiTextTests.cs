using MixEngine.Session;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class HuiTextTests
{
    private static ParameterDescriptor D(string parameter, ParameterUnit unit) =>
        new(ParameterAddress.ByName(ParameterScope.Track, "a", parameter), unit, -1000, 100000, 0, "linear", true, false);

    [Theory]
    [InlineData("fader", ParameterUnit.Decibels, double.NegativeInfinity, "-inf")]
    [InlineData("fader", ParameterUnit.Decibels, -6.04, "-6.0")]
    [InlineData("fader", ParameterUnit.Decibels, 0, "0.0")]
    [InlineData("fader", ParameterUnit.Decibels, -10.5, "-11")] // "-10.5" does not fit: whole dB, rounded away from zero
    [InlineData("fader", ParameterUnit.Decibels, 12, "+12")]
    [InlineData("fader", ParameterUnit.Decibels, -120, "-120")]
    [InlineData("pan/x", ParameterUnit.Position, -0.3, "L30")]
    [InlineData("pan/x", ParameterUnit.Position, 1, "R100")]
    [InlineData("pan/width", ParameterUnit.Fraction, 1, "100%")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 80, "80Hz")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 250, "250")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 1250, "1.3k")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 16000, "16k")]
    [InlineData("dyn/comp/attack", ParameterUnit.Milliseconds, 2.5, "2.5")]
    [InlineData("dyn/comp/attack", ParameterUnit.Milliseconds, 20, "20ms")]
    [InlineData("dyn/comp/release", ParameterUnit.Milliseconds, 250, "250")]
    [InlineData("dyn/comp/release", ParameterUnit.Milliseconds, 1500, "1.5s")]
    [InlineData("dyn/comp/ratio", ParameterUnit.Ratio, 4, "4.0")]
    [InlineData("dyn/comp/ratio", ParameterUnit.Ratio, 20, "20:1")]
    [InlineData("eq/1/q", ParameterUnit.Q, 0.707, "0.71")]
    [InlineData("eq/1/enabled", ParameterUnit.Boolean, 0, "Off")]
    public void Values_fit_the_four_character_HUI_fields_in_the_unit_of_their_parameter(string parameter, ParameterUnit unit, double value, string expected)
    {
        string text = HuiText.Value(D(parameter, unit), value);
        Assert.Equal(expected, text);
        Assert.True(text.Length <= HuiText.Width);
    }

    [Theory]
    [InlineData(McuPotMode.Pan, 0, '1', "Pan1")]
    [InlineData(McuPotMode.Send, 2, '3', "SndC")] // sends lettered as HUI's SEND A…E keys
    [InlineData(McuPotMode.Eq, 10, 'B', "EQ B")]
    [InlineData(McuPotMode.Dynamics, 0, '1', "Dyn1")]
    public void The_select_assign_display_names_the_mode_and_page(McuPotMode mode, int page, char digit, string expected)
    {
        Assert.Equal(expected, HuiText.Assignment(mode, page, digit));
    }

    [Theory]
    [InlineData("Pan", "Pan  ")]
    [InlineData("Gain 2", "Gan2 ")]
    [InlineData("", "     ")]
    public void A_main_display_field_is_four_characters_and_a_separator(string text, string expected)
    {
        Assert.Equal(expected, HuiText.Field(text));
    }
}
