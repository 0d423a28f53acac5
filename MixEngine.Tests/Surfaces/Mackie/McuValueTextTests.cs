using MixEngine.Session;
using MixEngine.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mackie;

public class McuValueTextTests
{
    private static ParameterDescriptor D(string parameter, ParameterUnit unit) =>
        new(ParameterAddress.ByName(ParameterScope.Track, "a", parameter), unit, -1000, 100000, 0, "linear", true, false);

    [Theory]
    [InlineData("fader", ParameterUnit.Decibels, double.NegativeInfinity, "-inf")]
    [InlineData("fader", ParameterUnit.Decibels, -6.04, "-6.0")]
    [InlineData("fader", ParameterUnit.Decibels, 3.5, "+3.5")]
    [InlineData("fader", ParameterUnit.Decibels, 0, "0.0")]
    [InlineData("fader", ParameterUnit.Decibels, -120, "-120")]
    [InlineData("pan/x", ParameterUnit.Position, -0.3, "L30")]
    [InlineData("pan/x", ParameterUnit.Position, 0.001, "C")]
    [InlineData("pan/x", ParameterUnit.Position, 1, "R100")]
    [InlineData("pan/y", ParameterUnit.Position, 0.5, "F50")]
    [InlineData("pan/width", ParameterUnit.Fraction, 0.75, "75%")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 250, "250Hz")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 1250, "1.25k")]
    [InlineData("eq/1/frequency", ParameterUnit.Hertz, 16000, "16.0k")]
    [InlineData("dyn/comp/attack", ParameterUnit.Milliseconds, 2.5, "2.5ms")]
    [InlineData("dyn/comp/release", ParameterUnit.Milliseconds, 1500, "1.5s")]
    [InlineData("dyn/comp/ratio", ParameterUnit.Ratio, 4, "4.0:1")]
    [InlineData("eq/1/q", ParameterUnit.Q, 0.707, "0.71")]
    [InlineData("eq/1/enabled", ParameterUnit.Boolean, 1, "On")]
    public void Values_fit_six_characters_in_the_unit_of_their_parameter(string parameter, ParameterUnit unit, double value, string expected)
    {
        string text = McuValueText.Of(D(parameter, unit), value);
        Assert.Equal(expected, text);
        Assert.True(text.Length <= McuLcd.StripChars);
    }
}
