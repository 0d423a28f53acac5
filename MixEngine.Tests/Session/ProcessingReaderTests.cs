using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class ProcessingReaderTests
{
    [Fact]
    public void Every_processing_field_is_read_from_the_strip()
    {
        var p = SessionFixture.Parse(ProcessingFixture.Document()).Tracks[0].Strip.Processing;

        Assert.Equal(ProcessingOrder.DynamicsFirst, p.Order);
        Assert.Equal(
            [
                new EqBand(true, EqBandType.HighPass, 80, 0, 0.7071067811865476, 24),
                new EqBand(true, EqBandType.Bell, 2500, -3.5, 1.4, 12),
                new EqBand(false, EqBandType.HighShelf, 10000, 2, 0.7, 12),
                new EqBand(true, EqBandType.Notch, 60, 0, 20, 12),
            ], p.Eq);
        Assert.Equal(new GateSettings(true, -50, 20, 2, 1, 20, 200, 4), p.Gate);
        Assert.Equal(new CompressorSettings(false, -24, 3, 4, 5, 150, 2, LevelDetection.Rms, 100, "mx"), p.Compressor);
        Assert.Equal(new DeEsserSettings(true, 7000, -35, 8, 2.5, 20, 1, 80), p.DeEsser);
        Assert.Equal(new LimiterSettings(true, -2, 1.5, 80), p.Limiter);
    }

    [Fact]
    public void Empty_sections_are_inserted_at_their_defaults_and_absent_ones_are_not_inserted()
    {
        var doc = SessionFixture.Document().Set("tracks[0].strip", JsonNode.Parse("""{ "dyn": { "comp": {}, "limiter": {} } }"""));

        var p = SessionFixture.Parse(doc).Tracks[0].Strip.Processing;

        Assert.Equal(StripProcessing.None with { Compressor = CompressorSettings.Default, Limiter = LimiterSettings.Default }, p);
        Assert.Equal(StripProcessing.None, SessionFixture.Parse(SessionFixture.Document()).Tracks[1].Strip.Processing);
    }

    [Theory]
    [InlineData("eq[1].gain", "30", "out of range")]
    [InlineData("eq[0].gain", "3", "'gain' does not apply to a highPass band")]
    [InlineData("eq[1].slope", "12", "'slope' does not apply to a bell band")]
    [InlineData("eq[0].slope", "10", "one of 6, 12, 18, 24, 36, 48")]
    [InlineData("eq[0].type", "\"tilt\"", "unknown EQ band type \"tilt\"")]
    [InlineData("eq[3].frequency", "5", "out of range; expected a number from 10 to 20000 Hz")]
    [InlineData("dyn.comp.ratio", "0.5", "out of range; expected a number from 1 to 100")]
    [InlineData("dyn.comp.detection", "\"vca\"", "unknown level detection \"vca\"")]
    [InlineData("dyn.deesser.q", "0.05", "out of range; expected a number from 0.1 to 40")]
    [InlineData("dyn.deesser.ratio", "0.9", "out of range; expected a number from 1 to 100 (ratio n:1)")]
    [InlineData("dyn.deesser.attack", "-1", "out of range; expected a number from 0 to 1000 ms")]
    [InlineData("dyn.deesser.release", "\"slow\"", "expected a number")]
    [InlineData("dyn.limiter.lookahead", "25", "out of range; expected a number from 0.1 to 20 ms")]
    [InlineData("dyn.gate.colour", "1", "unknown field 'colour' in a gate")]
    [InlineData("dyn.expander", "{}", "unknown field 'expander' in the dynamics section; allowed fields: gate, comp, deesser, limiter")]
    [InlineData("order", "\"eqLast\"", "unknown processing order \"eqLast\"")]
    public void A_bad_processing_field_is_one_problem_at_its_JSON_path(string field, string value, string message)
    {
        var doc = ProcessingFixture.Document().Set($"tracks[0].strip.{field}", JsonNode.Parse(value));

        var problem = SessionFixture.SingleProblem(doc, $"$.tracks[0].strip.{field}");

        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void More_than_eight_bands_is_an_error_at_the_eq_array()
    {
        var bands = new JsonArray(Enumerable.Range(0, 9).Select(_ => (JsonNode)JsonNode.Parse("""{ "type": "bell" }""")!).ToArray());
        var doc = SessionFixture.Document().Set("tracks[0].strip.eq", bands);

        var problem = SessionFixture.SingleProblem(doc, "$.tracks[0].strip.eq");

        Assert.Equal("9 EQ bands; expected at most 8", problem.Message);
    }

    [Fact]
    public void An_unknown_key_names_the_ids_that_exist()
    {
        var doc = ProcessingFixture.Document().Set("tracks[0].strip.dyn.comp.key", "nobody");

        var problem = SessionFixture.SingleProblem(doc, "$.tracks[0].strip.dyn.comp.key");

        Assert.Equal("unknown key 'nobody'; expected the id of another track or bus: dx1, mx, fx51, dx, mxbus, verb, pm", problem.Message);
    }

    [Fact]
    public void A_strip_keyed_by_itself_is_an_error()
    {
        var doc = ProcessingFixture.Document().Set("tracks[0].strip.dyn.comp.key", "dx1");

        Assert.Contains("keyed by its own strip", SessionFixture.SingleProblem(doc, "$.tracks[0].strip.dyn.comp.key").Message);
    }

    [Fact]
    public void A_key_the_keyed_strip_feeds_is_a_named_cycle()
    {
        // DX 1 feeds bus dx, which feeds pm; keying DX 1 from pm could never have the key ready.
        var doc = ProcessingFixture.Document().Set("tracks[0].strip.dyn.comp.key", "pm");

        var problem = SessionFixture.SingleProblem(doc, "$.tracks[0].strip.dyn.comp.key");

        Assert.StartsWith("key cycle dx1 -> dx -> pm -> dx1:", problem.Message);
    }

    [Fact]
    public void Two_strips_keyed_by_each_other_are_a_cycle()
    {
        var doc = ProcessingFixture.Document()
            .Set("tracks[1].strip", JsonNode.Parse("""{ "dyn": { "comp": { "key": "dx1" } } }"""));

        var problems = SessionFixture.Problems(doc);

        Assert.Equal(["$.tracks[0].strip.dyn.comp.key", "$.tracks[1].strip.dyn.comp.key"], problems.Select(p => p.JsonPath));
        Assert.All(problems, p => Assert.Contains("key cycle", p.Message));
    }

    [Fact]
    public void Written_processing_reads_back_to_the_same_strip()
    {
        var original = SessionFixture.Parse(ProcessingFixture.Document());

        var back = SessionReader.Parse(SessionWriter.ToJson(original), SessionFixture.BaseDirectory, "written.json", SessionFixture.Probe());

        SessionAssert.Equal(original, back);
        Assert.Equal(original.Tracks[0].Strip.Processing, back.Tracks[0].Strip.Processing);
    }
}
