using MixEngine.Devices.Jack;

namespace MixEngine.Tests.Devices.Jack;

public class JackConnectionTests
{
    private static readonly string[] OurPorts = ["PM_712:L", "PM_712:R", "PM_712:C", "DX:C", "monitor:L", "monitor:R"];
    private static readonly string[] Inputs = ["system:playback_1", "system:playback_2", "system:playback_3", "meter:in_1", "rec:in_1", "rec:in_2"];

    [Fact]
    public void A_glob_over_our_ports_pairs_in_order_with_the_ports_a_regular_expression_matches()
    {
        var (pairs, unpaired) = JackConnection.Parse("PM_712:*=system:playback_.*").Resolve(OurPorts, Inputs);
        Assert.Equal([(0, "system:playback_1"), (1, "system:playback_2"), (2, "system:playback_3")], pairs);
        Assert.Empty(unpaired);
    }

    [Fact]
    public void An_exact_destination_takes_every_matched_source()
    {
        var (pairs, _) = JackConnection.Parse("monitor:?=meter:in_1").Resolve(OurPorts, Inputs);
        Assert.Equal([(4, "meter:in_1"), (5, "meter:in_1")], pairs);
    }

    [Fact]
    public void Sources_beyond_the_matched_destinations_are_reported_unpaired()
    {
        var (pairs, unpaired) = JackConnection.Parse("*=rec:in_.*").Resolve(OurPorts, Inputs);
        Assert.Equal([(0, "rec:in_1"), (1, "rec:in_2")], pairs);
        Assert.Equal([2, 3, 4, 5], unpaired);
    }

    [Fact]
    public void The_destination_expression_must_match_the_whole_port_name()
    {
        var (pairs, unpaired) = JackConnection.Parse("DX:C=playback_1").Resolve(OurPorts, Inputs);
        Assert.Empty(pairs); // "playback_1" is only part of "system:playback_1"
        Assert.Equal([3], unpaired);
    }

    [Fact]
    public void A_port_name_containing_an_equals_sign_splits_at_the_last_one()
    {
        var rule = JackConnection.Parse("A=B:*=system:playback_1");
        Assert.Equal(new JackConnection("A=B:*", "system:playback_1"), rule);
    }

    [Theory]
    [InlineData("PM_712:*", "expected PORTS=DESTINATIONS")]
    [InlineData("=system:playback_1", "expected PORTS=DESTINATIONS")]
    [InlineData("PM:*=", "expected PORTS=DESTINATIONS")]
    [InlineData("PM:*=system:(playback", "neither a port name nor a valid regular expression")]
    public void A_malformed_rule_is_refused_naming_it(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => JackConnection.Parse(text));
        Assert.Contains(text, e.Message);
        Assert.Contains(expected, e.Message);
    }
}
