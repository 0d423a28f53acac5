using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

public class OscAddressPatternTests
{
    [Theory]
    [InlineData("/strip/fader", "/strip/fader", true)]
    [InlineData("/strip/fader", "/strip/fade", false)]
    [InlineData("/strip/fade", "/strip/fader", false)]
    [InlineData("/strip/?ader", "/strip/fader", true)]
    [InlineData("/strip/?ader", "/strip/ader", false)]
    [InlineData("/strip?fader", "/strip/fader", false)]
    [InlineData("/strip/*", "/strip/fader", true)]
    [InlineData("/strip/*", "/strip/", true)]
    [InlineData("/*", "/strip/fader", false)]
    [InlineData("/*/fader", "/strip/fader", true)]
    [InlineData("/*/*", "/strip/fader", true)]
    [InlineData("/s*r/f*r", "/strip/fader", false)]
    [InlineData("/s*p/f*r", "/strip/fader", true)]
    [InlineData("/**p/fader", "/strip/fader", true)]
    [InlineData("/strip/fader*", "/strip/fader", true)]
    [InlineData("/track/[0-9]/mute", "/track/7/mute", true)]
    [InlineData("/track/[0-9]/mute", "/track/a/mute", false)]
    [InlineData("/track/[!0-9]/mute", "/track/a/mute", true)]
    [InlineData("/track/[!0-9]/mute", "/track/5/mute", false)]
    [InlineData("/track/[abc]/mute", "/track/b/mute", true)]
    [InlineData("/track/[a-]/mute", "/track/-/mute", true)]
    [InlineData("/track/[ab]/mute", "/track/c/mute", false)]
    [InlineData("/track/[0-9]", "/track//", false)]
    [InlineData("/{strip,select}/mute", "/strip/mute", true)]
    [InlineData("/{strip,select}/mute", "/select/mute", true)]
    [InlineData("/{strip,select}/mute", "/master/mute", false)]
    [InlineData("/{st,str}ip/gain", "/strip/gain", true)]
    [InlineData("/strip/{fader,gain}*", "/strip/gainx", true)]
    [InlineData("/{,x}a", "/a", true)]
    [InlineData("/[a-c]?{1,2}*/x", "/bq2zz/x", true)]
    public void Patterns_match_addresses_part_by_part_as_OSC_1_0_dispatch_defines(string pattern, string address, bool expected)
    {
        Assert.Equal(expected, OscAddressPattern.IsMatch(pattern, address));
    }

    [Theory]
    [InlineData("/track/[0-9/mute", '[', 7)]
    [InlineData("/{strip,select/mute", '{', 1)]
    public void An_unterminated_bracket_or_brace_names_its_position(string pattern, char open, int position)
    {
        var error = Assert.Throws<ArgumentException>(() => OscAddressPattern.IsMatch(pattern, "/track/1/mute"));
        Assert.Contains($"unterminated '{open}' at character {position}", error.Message);
    }

    [Theory]
    [InlineData("/strip/fader", false)]
    [InlineData("/strip/*", true)]
    [InlineData("/strip/{a,b}", true)]
    [InlineData("/strip/[12]", true)]
    public void Wildcards_are_recognised(string pattern, bool expected)
    {
        Assert.Equal(expected, OscAddressPattern.HasWildcards(pattern));
    }

    [Fact]
    public void Matching_allocates_nothing()
    {
        bool sink = false;
        long bytes = SteadyStateAllocation.Bytes(() => sink ^= OscAddressPattern.IsMatch("/{strip,select}/[0-9]*/f?der", "/strip/12/fader"));
        Assert.Equal(0, bytes);
    }

    [Theory]
    [InlineData("/track/[0-9/mute", "unterminated '[' at character 7")]
    [InlineData("/track/{a,b/mute", "unterminated '{' at character 7")]
    [InlineData("/track/a]/mute", "']' without its opening at character 8")]
    public void Validation_refuses_brackets_that_do_not_close_within_their_part(string pattern, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => OscAddressPattern.Validate(pattern));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_pattern_longer_than_the_limit_is_refused()
    {
        string pattern = "/" + new string('a', OscAddressPattern.MaxLength);
        Assert.Throws<ArgumentException>(() => OscAddressPattern.IsMatch(pattern, pattern));
    }

    [Fact]
    public void A_pattern_whose_backtracking_would_explode_is_refused_instead_of_run()
    {
        // 12 stars over 60 'a' with no final 'b': plain backtracking would try about C(60,12) ≈ 1.4e12 splits.
        string pattern = "/" + string.Concat(Enumerable.Repeat("*a", 12)) + "b";
        string address = "/" + new string('a', 60);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<ArgumentException>(() => OscAddressPattern.IsMatch(pattern, address));

        Assert.Contains("too costly", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"refusal took {clock.Elapsed}"); // 20,000 steps take well under a millisecond
    }
}
