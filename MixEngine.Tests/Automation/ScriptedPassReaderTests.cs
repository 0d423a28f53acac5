using MixEngine.Automation;
using MixEngine.Files;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Automation;

/// <summary>Reading a scripted pass against a session: which addresses a pass may move.</summary>
public class ScriptedPassReaderTests
{
    [Fact]
    public void A_pass_moving_or_setting_the_mode_of_a_pan_control_of_a_strip_of_more_than_two_channels_is_refused_naming_the_address()
    {
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Surround51)
            .Track("surround", ChannelLayout.Surround51, "pm")
            .Track("stereo", ChannelLayout.Stereo, "pm")
            .Build(end: 48_000);
        const string pass = """
            { "start": 0, "end": 48000,
              "modes": { "track/surround/pan/x": "latch" },
              "events": [
                { "position": 100, "address": "track/surround/pan/x", "kind": "value", "value": 0.5 },
                { "position": 200, "address": "track/stereo/pan/x", "kind": "value", "value": 0.5 }
              ] }
            """;
        var e = Assert.Throws<PassScriptException>(() => ScriptedPassReader.Parse(pass, "pass.json", session));
        var problems = e.Problems.Select(p => $"{p.JsonPath}: {p.Message}").ToList();
        Assert.Contains("$.modes['track/surround/pan/x']: 'track/surround/pan/x' cannot be automated: track 'surround' has 6 channels, and a source of more than 2 channels is converted to its destination's layout, never panned", problems);
        Assert.Contains(problems, p => p.StartsWith("$.events[0].address: 'track/surround/pan/x' cannot be automated: track 'surround' has 6 channels"));
        Assert.True(2 == problems.Count, string.Join("\n", problems)); // the stereo track's pan moves are fine
    }
}
