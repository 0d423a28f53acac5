using System.Text.Json.Nodes;
using MixEngine.Automation;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public class AutomationReaderTests
{
    /// <summary>The fixture with an automation section: a fader ride on DX 1, a mute lane, strip and lane modes.</summary>
    public static JsonObject WithAutomation() => SessionFixture.Document().Set("automation", JsonNode.Parse("""
        { "settings": { "autoMatchMs": 100, "afterWrite": "latch", "coalesce": "manual" },
          "modes": { "track#dx1": "touchTrim", "vca/Dialog": "latch" },
          "lanes": [
            { "address": "track/DX 1/fader", "points": [
                { "position": 0, "value": -20 }, { "position": "01:00:01:00", "value": 0, "shape": "sCurve" },
                { "position": 96000, "value": "-inf" } ],
              "trim": [ { "position": 48000, "value": -1.5 } ] },
            { "address": "track#dx1/mute", "mode": "latch", "points": [ { "position": 10, "value": 1 } ] },
            { "address": "track/DX 1/send/Reverb/level", "points": [ { "position": 5, "value": -12 } ] }
          ] }
        """)!);

    private static IReadOnlyList<SessionProblem> Problems(JsonObject document)
    {
        var e = Assert.Throws<SessionValidationException>(() => SessionFixture.Parse(document));
        return e.Problems;
    }

    [Fact]
    public void Lanes_modes_and_settings_are_read_with_addresses_in_name_form()
    {
        var a = SessionFixture.Parse(WithAutomation()).Automation;
        Assert.Equal(100, a.Settings.AutoMatchMs);
        Assert.Equal(AfterWritePass.Latch, a.Settings.AfterWrite);
        Assert.Equal(TrimCoalesce.Manual, a.Settings.Coalesce);
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch, Trim: true), a.Modes["track/DX 1"]);
        var fader = a.Lane("track/DX 1/fader")!;
        Assert.Equal([new(0, -20), new(48048, 0, SegmentShape.SCurve), new(96000, double.NegativeInfinity)], fader.Curve.Points);
        Assert.Equal([new(48000, -1.5)], fader.Trim.Points);
        var mute = a.Lane("track/DX 1/mute")!;
        Assert.Equal(SegmentShape.Step, mute.Curve.Points[0].Shape); // switches default to step
        Assert.Equal(new AutomationModeSetting(AutomationMode.Latch), a.ModeOf("track/DX 1/mute")); // lane mode wins
        Assert.Equal(new AutomationModeSetting(AutomationMode.Touch, true), a.ModeOf("track/DX 1/pan/x")); // strip mode
        Assert.Equal(AutomationModeSetting.Default, a.ModeOf("track/Music/fader"));
    }

    [Fact]
    public void Written_automation_reads_back_to_the_same_value()
    {
        var session = SessionFixture.Parse(WithAutomation());
        var again = SessionReader.Parse(SessionWriter.ToJson(session), SessionFixture.BaseDirectory, "again.json", SessionFixture.Probe());
        Assert.Equal(session.Automation, again.Automation);
        Assert.Contains("\"position\": \"01:00:01:00\"", SessionWriter.ToJson(session)); // exact labels stay labels
    }

    [Fact]
    public void A_session_without_automation_is_written_without_the_section()
    {
        Assert.DoesNotContain("automation", SessionWriter.ToJson(SessionFixture.Parse(SessionFixture.Document())));
    }

    [Fact]
    public void Every_lane_problem_is_reported_with_its_json_path()
    {
        var doc = SessionFixture.Document().Set("automation", JsonNode.Parse("""
            { "modes": { "track/DX 9": "touch", "track/Music": "scrub" },
              "lanes": [
                { "address": "track/DX 1/solo", "points": [] },
                { "address": "track/DX 1/fader", "points": [ { "position": 10, "value": 13 }, { "position": 5, "value": 0 } ] },
                { "address": "track#dx1/fader", "points": [] },
                { "address": "track/DX 1/mute", "points": [ { "position": 0, "value": 0.5 }, { "position": 9, "value": 1, "shape": "linear" } ] },
                { "address": "track/DX 1/pan/x", "trim": [ { "position": 0, "value": 1 } ], "points": [ { "position": 0, "value": 2, "colour": 1 } ] },
                { "address": "track/DX 1/eq/9/gain" }
              ] }
            """)!);
        var problems = Problems(doc).Select(p => $"{p.JsonPath}: {p.Message}").ToList();
        Assert.Contains(problems, p => p.StartsWith("$.automation.modes['track/DX 9']: ") && p.Contains("unknown track 'DX 9'"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.modes['track/Music']: unknown automation mode \"scrub\""));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[0].address: 'track/DX 1/solo' cannot be automated"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[1].points[0].value: 13 dB is out of range"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[1].points[1].position: position 5 is not after the previous point's position 10"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[2].address: a second lane for 'track/DX 1/fader' (first at $.automation.lanes[1])"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[3].points[0].value: 'track/DX 1/mute' is a switch; expected 0 or 1"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[3].points[1].shape: 'track/DX 1/mute' is a switch"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[4].trim: 'track/DX 1/pan/x' is not trimmable"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[4].points[0].colour: unknown field 'colour'"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[4].points[0].value: 2 is out of range"));
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[5].address: ") && p.Contains("unknown parameter 'eq/9/gain'"));
        Assert.True(12 == problems.Count, string.Join("\n", problems));
    }

    [Fact]
    public void A_pan_lane_on_a_strip_of_more_than_two_channels_is_refused_naming_the_address_and_why()
    {
        var doc = SessionFixture.Document().Set("automation", JsonNode.Parse("""
            { "lanes": [
                { "address": "track/FX 5.1/pan/x", "points": [ { "position": 0, "value": 0.5 } ] },
                { "address": "bus/DX/pan/lfe", "points": [ { "position": 0, "value": -6 } ] },
                { "address": "track/Music/pan/x", "points": [ { "position": 0, "value": 0.5 } ] }
              ] }
            """)!);
        var problems = Problems(doc).Select(p => $"{p.JsonPath}: {p.Message}").ToList();
        Assert.Contains("$.automation.lanes[0].address: 'track/FX 5.1/pan/x' cannot be automated: track 'FX 5.1' has 6 channels, and a source of more than 2 channels is converted to its destination's layout, never panned", problems);
        Assert.Contains(problems, p => p.StartsWith("$.automation.lanes[1].address: 'bus/DX/pan/lfe' cannot be automated: bus 'DX' has 10 channels"));
        Assert.True(2 == problems.Count, string.Join("\n", problems)); // the stereo track's pan lane is fine
    }
}
