using MixEngine.Surfaces.Mapping;

namespace MixEngine.Tests.Surfaces.Mapping;

public class MappingProfileReaderTests
{
    private static MappingProfileException Bad(string controls, string extra = "") => Assert.Throws<MappingProfileException>(() =>
        MappingProfileReader.Parse($$"""{ "mixengineSurfaceProfile": 1, "name": "bad", "strips": 4, "controls": [ {{controls}} ] {{extra}} }""", "bad.json"));

    [Theory]
    [InlineData("""{ "midi": { "type": "cc", "channel": 17, "number": 7 }, "target": "strip/1/fader" }""", "$.controls[0].midi.channel: expected a whole number 1 … 16, found the number 17")]
    [InlineData("""{ "midi": { "type": "knob", "channel": 1, "number": 7 }, "target": "strip/1/fader" }""", "$.controls[0].midi.type: expected one of \"note\", \"cc\", \"cc14\", \"nrpn\", \"pitchBend\", found the string \"knob\"")]
    [InlineData("""{ "midi": { "type": "cc14", "channel": 1, "number": 40 }, "target": "strip/1/fader" }""", "$.controls[0].midi.number: expected a whole number 0 … 31, found the number 40")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 99 }, "target": "strip/1/fader" }""", "$.controls[0].midi.number: controller 99 selects an NRPN/RPN")]
    [InlineData("""{ "midi": { "type": "cc14", "channel": 1, "number": 7, "relative": "twosComplement" }, "target": "strip/1/fader" }""", "$.controls[0].midi.relative: only a 7-bit cc can be a relative encoder")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7, "relative": "offset" }, "target": "strip/1/fader" }""", "$.controls[0].midi.relative: expected one of \"twosComplement\"")]
    [InlineData("""{ "midi": { "type": "pitchBend", "channel": 1, "number": 3 }, "target": "strip/1/fader" }""", "$.controls[0].midi.number: pitch bend has no number")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/9/fader" }""", "$.controls[0].target: strip slot 9 is beyond the profile's 4 strips")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "dx/fader" }""", "$.controls[0].target: 'dx/fader' is not a target")]
    [InlineData("""{ "midi": { "type": "note", "channel": 1, "number": 7 }, "command": "transport/jump" }""", "$.controls[0].command: 'transport/jump' is not a command; expected one of transport/play")]
    [InlineData("""{ "midi": { "type": "note", "channel": 1, "number": 7 }, "command": "transport/play", "target": "strip/1/fader" }""", "$.controls[0].command: a control has either 'target' (a parameter) or 'command'")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7, "relative": "binaryOffset" }, "command": "bank/next" }""", "$.controls[0].midi: a relative encoder cannot run a command")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/1/fader", "min": -20 }""", "$.controls[0].max: give both 'min' and 'max'")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/1/fader", "step": 2 }""", "$.controls[0].step: step 2 is out of range")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/1/fader", "fader": 1 }""", "$.controls[0].fader: unknown field 'fader' in a control")]
    [InlineData("""{ "midi": { "type": "cc", "channel": 1, "number": 7 }, "target": "strip/1/fader", "touch": { "type": "cc", "channel": 1, "number": 8 } }""", "$.controls[0].touch: a touch sensor is a note")]
    [InlineData("""{ "midi": { "type": "note", "channel": 1, "number": 7 }, "command": "softkey/1" }""", "$.softKeys: controls run softkey/N but the profile has no soft-key pages")]
    public void A_bad_control_is_refused_naming_the_file_and_the_JSON_path(string control, string expected)
    {
        var e = Bad(control);

        Assert.Equal("bad.json", e.File);
        Assert.Contains(e.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.StartsWith("mapping profile bad.json:", e.Message);
    }

    [Fact]
    public void Data_entry_controllers_are_refused_as_plain_controllers_only_beside_NRPN_controls()
    {
        var e = Bad("""
            { "midi": { "type": "nrpn", "channel": 1, "number": 300 }, "target": "strip/1/fader" },
            { "midi": { "type": "cc", "channel": 1, "number": 6 }, "target": "strip/2/fader" }
            """);

        Assert.Equal(["$.controls[1].midi.number: controller 6 is NRPN data entry in a profile with NRPN controls; use another controller"], e.Problems);
    }

    [Fact]
    public void Two_controls_on_one_MIDI_message_are_refused_naming_both()
    {
        var e = Bad("""
            { "midi": { "type": "cc", "channel": 2, "number": 7 }, "target": "strip/1/fader" },
            { "midi": { "type": "cc", "channel": 2, "number": 7 }, "target": "strip/2/fader" }
            """);

        Assert.Equal(["$.controls[1].midi: cc ch2 #7 is already used by the control at $.controls[0]; each MIDI message drives one control"], e.Problems);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_syntax_errors_name_the_line()
    {
        var e = Bad("""{ "midi": { "type": "cc", "channel": 0, "number": 7 }, "target": "nowhere" }""", """, "softKeys": [ { "name": "p", "keys": ["softkey/2", 3] } ]""");
        Assert.Equal(4, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.StartsWith("$.softKeys[0].keys[0]: a soft key cannot run another soft key", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.softKeys[0].keys[1]: expected a command (string)", StringComparison.Ordinal));

        var syntax = Assert.Throws<MappingProfileException>(() => MappingProfileReader.Parse("{\n  \"name\": \"x\",\n}", "syntax.json"));
        Assert.StartsWith("$: JSON syntax error at line 3", Assert.Single(syntax.Problems));
    }

    [Fact]
    public void A_missing_file_names_the_path_and_the_shipped_profiles()
    {
        var e = Assert.Throws<MappingProfileException>(() => MappingProfileReader.Load("/nonexistent/profile.json"));

        Assert.Equal("/nonexistent/profile.json", e.File);
        Assert.Contains("generic-14bit-faders", Assert.Single(e.Problems));
    }

    [Theory]
    [InlineData("generic-14bit-faders", 8)]
    [InlineData("motor-fader-box-7bit", 8)]
    [InlineData("behringer-x-touch-one-midi", 1)]
    public void Every_shipped_profile_loads_and_writes_back_to_the_same_profile(string name, int strips)
    {
        var profile = MappingProfileReader.Load(name);
        var again = MappingProfileReader.Parse(MappingProfileWriter.ToJson(profile), "written.json");

        Assert.Equal(strips, profile.Strips);
        Assert.Equal(profile.Controls, again.Controls);
        Assert.Equal(profile.SoftKeys.Select(p => (p.Name, string.Join(' ', p.Keys.Select(k => k.Text)))), again.SoftKeys.Select(p => (p.Name, string.Join(' ', p.Keys.Select(k => k.Text)))));
        Assert.Equal(3, MappingProfileReader.Shipped.Count);
    }
}
