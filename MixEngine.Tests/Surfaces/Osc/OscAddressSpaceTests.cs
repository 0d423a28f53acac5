using MixEngine.Surfaces.Abstractions;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.ControlPlane;

namespace MixEngine.Tests.Surfaces.Osc;

public sealed class OscAddressSpaceTests : IDisposable
{
    private readonly ControlFixture _fixture = new();
    private readonly OscAddressSpace _space;

    public OscAddressSpaceTests()
    {
        _space = OscAddressSpace.Build(SurfaceStrip.From(_fixture.Control), _fixture.Control.Descriptors);
    }

    public void Dispose() => _fixture.Dispose();

    private List<string> Expand(string pattern, int visible = 4)
    {
        var matches = new List<string>();
        _space.Expand(pattern, visible, matches);
        return matches;
    }

    [Fact]
    public void A_wildcard_strip_id_expands_to_every_strip_of_the_clients_bank_and_no_further()
    {
        Assert.Equal(["/strip/mute/1", "/strip/mute/2", "/strip/mute/3"], Expand("/strip/mute/*", visible: 3));
        Assert.Equal(["/strip/mute/2", "/strip/solo/2"], Expand("/strip/{mute,solo}/[2-9]", visible: 2));
    }

    [Fact]
    public void A_brace_list_with_raw_spaces_names_parameters_in_their_escaped_form()
    {
        Assert.Equal(["/mixengine/param/track/DX%201/fader", "/mixengine/param/track/b/fader"],
            Expand("/mixengine/param/track/{DX 1,b}/fader"));
        Assert.Equal(["/mixengine/param/track/DX%201/pan/x", "/mixengine/param/track/b/pan/x"], Expand("/mixengine/param/track/*/pan/x"));
    }

    [Fact]
    public void Wildcards_never_cross_a_slash_and_unknown_parts_match_nothing()
    {
        Assert.Empty(Expand("/mixengine/param/*/fader"));
        Assert.Empty(Expand("/strip/nothing/*"));
        Assert.Equal(["/transport_play", "/transport_stop"], Expand("/transport_*"));
    }

    [Fact]
    public void A_pattern_matching_more_than_the_limit_is_refused_whole_naming_the_pattern()
    {
        var error = Assert.Throws<OscCommandException>(() => Expand("/strip/*/*", visible: 100));
        Assert.Equal("/strip/*/*", error.Address);
        Assert.Contains($"more than {OscAddressSpace.MaxMatches} addresses", error.Problem);
    }

    [Fact]
    public void A_malformed_pattern_is_refused_naming_the_character_position()
    {
        var error = Assert.Throws<OscCommandException>(() => Expand("/strip/{mute,solo/1"));
        Assert.Contains("unterminated '{' at character 7", error.Problem);
    }
}
