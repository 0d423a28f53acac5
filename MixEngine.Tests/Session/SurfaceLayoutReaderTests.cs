using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public class SurfaceLayoutReaderTests
{
    private static JsonObject WithLayouts(string layouts)
    {
        var document = SessionFixture.Document();
        document["layouts"] = JsonNode.Parse(layouts);
        return document;
    }

    [Fact]
    public void Layouts_are_read_in_order_and_written_back_unchanged()
    {
        var session = SessionFixture.Parse(WithLayouts("""[ { "name": "Dialog", "strips": ["dialog", "dx1", "dx"] }, { "name": "Stems", "strips": ["dx", "mxbus", "pm"] } ]"""));

        Assert.Equal(["Dialog", "Stems"], session.Layouts.Select(l => l.Name));
        Assert.Equal(["dialog", "dx1", "dx"], session.Layouts[0].Strips);
        var again = SessionReader.Parse(SessionWriter.ToJson(session), SessionFixture.BaseDirectory, "again.json", SessionFixture.Probe());
        Assert.Equal(session.Layouts.Select(l => (l.Name, string.Join(',', l.Strips))), again.Layouts.Select(l => (l.Name, string.Join(',', l.Strips))));
    }

    [Fact]
    public void A_session_without_layouts_writes_no_layouts_section()
    {
        Assert.DoesNotContain("\"layouts\"", SessionWriter.ToJson(SessionFixture.Parse(SessionFixture.Document())));
    }

    [Theory]
    [InlineData("""[ { "name": "A", "strips": ["nope"] } ]""", "$.layouts[0].strips[0]", "no track, bus or VCA has id 'nope'")]
    [InlineData("""[ { "name": "A", "strips": ["dx1", "dx1"] } ]""", "$.layouts[0].strips[1]", "strip 'dx1' is listed twice in layout 'A'")]
    [InlineData("""[ { "name": "A", "strips": [] }, { "name": "A", "strips": [] } ]""", "$.layouts[1].name", "layout name 'A' is used twice")]
    [InlineData("""[ { "strips": [] } ]""", "$.layouts[0].name", "missing required field 'name'")]
    [InlineData("""[ { "name": "A", "strips": [], "order": 1 } ]""", "$.layouts[0].order", "unknown field 'order' in a surface layout")]
    [InlineData("""{ "name": "A" }""", "$.layouts", "expected an array of surface layouts")]
    public void A_bad_layout_is_refused_with_its_JSON_path(string layouts, string path, string message)
    {
        var problem = SessionFixture.SingleProblem(WithLayouts(layouts), path);

        Assert.StartsWith(message, problem.Message);
    }
}
