using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public class MarkerReaderTests
{
    /// <summary>The fixture (23.976, start 01:00:00:00) with a 2-pop, a reel start and a range, listed out of order.</summary>
    public static JsonObject WithMarkers() => SessionFixture.Document().Set("markers", JsonNode.Parse("""
        [ { "name": "Sc 12", "position": "01:00:10:00", "end": 960960, "colour": "#FF8800", "comment": "door slam\nre-cut" },
          { "name": "2-pop", "position": 0 },
          { "name": "Reel 1 FFOA", "position": "01:00:02:00" } ]
        """)!);

    [Fact]
    public void Markers_are_read_in_timeline_order_with_labels_converted_to_samples()
    {
        var markers = SessionFixture.Parse(WithMarkers()).Markers;
        // 01:00:02:00 at 23.976 = 48 frames × 2002 samples; 01:00:10:00 = 240 × 2002.
        Assert.Equal([new Marker("2-pop", 0), new Marker("Reel 1 FFOA", 96_096),
            new Marker("Sc 12", 480_480, 960_960, "#FF8800", "door slam\nre-cut")], markers);
    }

    [Fact]
    public void Written_markers_read_back_to_the_same_list_with_exact_labels_kept()
    {
        var session = SessionFixture.Parse(WithMarkers());
        string json = SessionWriter.ToJson(session);
        var again = SessionReader.Parse(json, SessionFixture.BaseDirectory, "again.json", SessionFixture.Probe());
        Assert.True(session.Markers.SameAs(again.Markers));
        Assert.Contains("\"position\": \"01:00:10:00\"", json);
    }

    [Fact]
    public void A_session_without_markers_is_written_without_the_section()
    {
        var session = SessionFixture.Parse(SessionFixture.Document());
        Assert.Empty(session.Markers);
        Assert.DoesNotContain("markers", SessionWriter.ToJson(session));
    }

    [Theory]
    [InlineData("""{ "position": 0 }""", "$.markers[0].name", "missing required field 'name'")]
    [InlineData("""{ "name": " Reel", "position": 0 }""", "$.markers[0].name", "leading or trailing spaces")]
    [InlineData("""{ "name": "A", "position": -1 }""", "$.markers[0].position", "expected marker position")]
    [InlineData("""{ "name": "A", "position": "00:59:59:00" }""", "$.markers[0].position", "before the session start")]
    [InlineData("""{ "name": "A", "position": 100, "end": 100 }""", "$.markers[0].end", "not after the marker position 100")]
    [InlineData("""{ "name": "A", "position": 0, "colour": "orange" }""", "$.markers[0].colour", "expected #RRGGBB")]
    [InlineData("""{ "name": "A", "position": 0, "loop": true }""", "$.markers[0].loop", "unknown field")]
    public void A_bad_marker_is_reported_at_its_json_path(string marker, string path, string message)
    {
        var problem = SessionFixture.SingleProblem(SessionFixture.Document().Set("markers", new JsonArray(JsonNode.Parse(marker))), path);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void A_name_used_twice_names_the_first_use()
    {
        var document = SessionFixture.Document().Set("markers", JsonNode.Parse("""[ { "name": "A", "position": 0 }, { "name": "A", "position": 5 } ]"""));
        var problem = SessionFixture.SingleProblem(document, "$.markers[1].name");
        Assert.Contains("used already by $.markers[0]", problem.Message);
    }

    [Fact]
    public void Every_bad_marker_is_reported_at_once()
    {
        var document = SessionFixture.Document().Set("markers", JsonNode.Parse("""[ { "name": "", "position": 0 }, 7, { "name": "B" } ]"""));
        var paths = SessionFixture.Problems(document).Select(p => p.JsonPath).ToList();
        Assert.Equal(["$.markers[0].name", "$.markers[1]", "$.markers[2].position"], paths);
    }
}
