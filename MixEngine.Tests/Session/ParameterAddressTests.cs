using MixEngine.Session;

namespace MixEngine.Tests.Session;

public sealed class ParameterAddressTests
{
    [Theory]
    [InlineData("track/DX 1/fader", ParameterScope.Track, "DX 1", false, "fader")]
    [InlineData("track/DX 1/pan/x", ParameterScope.Track, "DX 1", false, "pan/x")]
    [InlineData("track/DX 1/send/Reverb/level", ParameterScope.Track, "DX 1", false, "send/Reverb/level")]
    [InlineData("bus/Printmaster/mute", ParameterScope.Bus, "Printmaster", false, "mute")]
    [InlineData("vca/Dialog/fader", ParameterScope.Vca, "Dialog", false, "fader")]
    [InlineData("track#dx1/fader", ParameterScope.Track, "dx1", true, "fader")]
    [InlineData("track#dx1/send#verb/level", ParameterScope.Track, "dx1", true, "send#verb/level")]
    [InlineData("track/FX #2/eq/2/gain", ParameterScope.Track, "FX #2", false, "eq/2/gain")]
    public void Address_parses_into_scope_target_and_parameter_and_formats_back_unchanged(
        string text, ParameterScope scope, string target, bool byId, string parameter)
    {
        var a = ParameterAddress.Parse(text);
        Assert.Equal(new ParameterAddress(scope, target, byId, parameter), a);
        Assert.Equal(text, a.ToString());
    }

    [Fact]
    public void Parameter_segments_split_the_path_after_the_target()
    {
        Assert.Equal(["send", "Reverb", "level"], ParameterAddress.Parse("track/DX 1/send/Reverb/level").ParameterSegments);
    }

    [Theory]
    [InlineData("", "empty parameter address")]
    [InlineData("strip/DX 1/fader", "address 'strip/DX 1/fader' starts with unknown scope 'strip'; expected track, bus or vca")]
    [InlineData("track/DX 1", "address 'track/DX 1' is incomplete or has an empty segment")]
    [InlineData("track//fader", "address 'track//fader' is incomplete or has an empty segment")]
    [InlineData("track#/fader", "address 'track#/fader' is incomplete or has an empty segment")]
    [InlineData("track/DX 1/pan/", "address 'track/DX 1/pan/' is incomplete or has an empty segment")]
    public void Malformed_address_is_rejected_naming_it_and_the_expected_form(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ParameterAddress.Parse(text));
        Assert.StartsWith(message, e.Message);
        Assert.Contains("expected scope/Name/parameter (e.g. 'track/DX 1/fader'", e.Message);
    }
}
