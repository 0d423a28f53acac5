using System.Text.Json.Nodes;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

public sealed class SessionCrossCheckTests
{
    private const string BusIds = "dx, mxbus, verb, pm";

    [Fact]
    public void Duplicate_id_is_reported_at_the_second_use()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("tracks[1].id", "dx1"), "$.tracks[1].id");
        Assert.Equal("duplicate id 'dx1' (already used by $.tracks[0]); ids must be unique across tracks, buses and VCAs", p.Message);
    }

    [Fact]
    public void Id_shared_by_a_track_and_a_vca_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("vcas[0].id", "mx"), "$.vcas[0].id");
        Assert.Equal("duplicate id 'mx' (already used by $.tracks[1]); ids must be unique across tracks, buses and VCAs", p.Message);
    }

    [Fact]
    public void Duplicate_track_name_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("tracks[1].name", "DX 1"), "$.tracks[1].name");
        Assert.Equal("duplicate track name 'DX 1' (already used by $.tracks[0]); track names must be unique because parameter addresses use them", p.Message);
    }

    [Fact]
    public void Unknown_output_bus_is_reported_with_the_known_bus_ids()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("tracks[0].output", "dxx"), "$.tracks[0].output");
        Assert.Equal($"unknown bus 'dxx'; expected one of the bus ids: {BusIds}", p.Message);
    }

    [Fact]
    public void Output_naming_a_track_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("tracks[0].output", "mx"), "$.tracks[0].output");
        Assert.Equal($"'mx' is a track; track 'dx1' can only feed a bus (one of: {BusIds})", p.Message);
    }

    [Fact]
    public void Unknown_send_bus_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("tracks[0].sends[0].bus", "hall"), "$.tracks[0].sends[0].bus");
        Assert.Equal($"unknown bus 'hall'; expected one of the bus ids: {BusIds}", p.Message);
    }

    [Fact]
    public void Second_send_to_the_same_bus_is_reported()
    {
        var doc = SessionFixture.Document();
        SessionFixture.At(doc, "tracks[0].sends").AsArray().Add(JsonNode.Parse("""{ "bus": "verb", "level": -20 }"""));
        var p = SessionFixture.SingleProblem(doc, "$.tracks[0].sends[1].bus");
        Assert.Equal("a second send to bus 'verb' (first at $.tracks[0].sends[0]); expected one send per destination bus (its address send/<bus>/level must be unique)", p.Message);
    }

    [Fact]
    public void Bus_outputting_to_itself_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("buses[0].output", "dx"), "$.buses[0].output");
        Assert.Equal("bus 'dx' outputs to itself; expected another bus id or null", p.Message);
    }

    [Fact]
    public void Bus_sending_to_itself_is_reported()
    {
        var doc = SessionFixture.Document().Set("buses[2].sends", JsonNode.Parse("""[ { "bus": "verb" } ]"""));
        var p = SessionFixture.SingleProblem(doc, "$.buses[2].sends[0].bus");
        Assert.Equal("bus 'verb' sends to itself; expected another bus id", p.Message);
    }

    [Fact]
    public void Routing_cycle_through_outputs_is_named()
    {
        var doc = SessionFixture.Document().Set("buses[0].output", "mxbus").Set("buses[1].output", "dx");
        var p = SessionFixture.SingleProblem(doc, "$.buses[0].output");
        Assert.Equal("routing cycle dx -> mxbus -> dx: a bus may not feed itself through outputs and sends; expected the routing to flow one way towards the printed buses", p.Message);
    }

    [Fact]
    public void Routing_cycle_through_a_send_and_outputs_is_named_once()
    {
        var doc = SessionFixture.Document()
            .Set("buses[0].sends", JsonNode.Parse("""[ { "bus": "verb", "tap": "pre" } ]"""))
            .Set("buses[2].output", "mxbus")
            .Set("buses[1].output", "dx");
        var p = SessionFixture.SingleProblem(doc, "$.buses[0].sends[0].bus");
        Assert.StartsWith("routing cycle dx -> verb -> mxbus -> dx:", p.Message);
    }

    [Fact]
    public void Vca_member_that_does_not_exist_is_reported()
    {
        var doc = SessionFixture.Document().Set("vcas[0].members", new JsonArray("dx1", "dx9"));
        var p = SessionFixture.SingleProblem(doc, "$.vcas[0].members[1]");
        Assert.Equal("VCA member 'dx9' does not exist; expected the id of a track or bus", p.Message);
    }

    [Fact]
    public void Vca_with_buses_and_tracks_as_members_is_accepted()
    {
        var s = SessionFixture.Parse(SessionFixture.Document().Set("vcas[0].members", new JsonArray("dx1", "mx", "dx")));
        Assert.Equal(["dx1", "mx", "dx"], s.Vcas[0].Members);
    }

    [Fact]
    public void Output_naming_an_unknown_bus_is_reported()
    {
        var p = SessionFixture.SingleProblem(SessionFixture.Document().Set("outputs[0].bus", "pmx"), "$.outputs[0].bus");
        Assert.Equal($"output names unknown bus 'pmx'; expected one of the bus ids: {BusIds}", p.Message);
    }

    [Fact]
    public void Two_outputs_writing_the_same_file_are_reported()
    {
        var doc = SessionFixture.Document();
        SessionFixture.At(doc, "outputs").AsArray()[1] = JsonNode.Parse("""{ "bus": "mxbus", "file": "PM_712.wav" }""");
        var p = SessionFixture.SingleProblem(doc, "$.outputs[1].file");
        Assert.Equal("two outputs write the same file 'PM_712.wav' (also written by $.outputs[0]); expected a distinct file per output", p.Message);
    }

    [Fact]
    public void Interleaved_print_colliding_with_a_multi_mono_channel_file_is_reported()
    {
        var doc = SessionFixture.Document();
        SessionFixture.At(doc, "outputs").AsArray().Add(JsonNode.Parse("""{ "bus": "pm", "file": "DX.Lts.wav" }"""));
        var p = SessionFixture.SingleProblem(doc, "$.outputs[2].file");
        Assert.Equal("two outputs write the same file 'DX.Lts.wav' (also written by $.outputs[1]); expected a distinct file per output", p.Message);
    }

    [Fact]
    public void Multichannel_track_into_a_bus_without_a_defined_down_mix_is_reported()
    {
        var doc = SessionFixture.Document().Set("tracks[2].output", "mono");
        SessionFixture.At(doc, "buses").AsArray().Add(JsonNode.Parse("""{ "id": "mono", "name": "Mono", "format": "mono", "output": "pm" }"""));
        var p = SessionFixture.SingleProblem(doc, "$.tracks[2].output");
        Assert.Equal("track 'fx51' is 5.1 but bus 'mono' is mono: there is no defined 5.1 -> mono up/down-mix; expected a bus format with a defined conversion (docs/session-format.md, channel conversions)", p.Message);
    }

    [Fact]
    public void Multichannel_bus_sending_to_a_mono_bus_is_reported()
    {
        var doc = SessionFixture.Document().Set("buses[0].sends", JsonNode.Parse("""[ { "bus": "mono" } ]"""));
        SessionFixture.At(doc, "buses").AsArray().Add(JsonNode.Parse("""{ "id": "mono", "name": "Mono", "format": "mono", "output": "pm" }"""));
        var p = SessionFixture.SingleProblem(doc, "$.buses[0].sends[0].bus");
        Assert.StartsWith("bus 'dx' is 7.1.2 but bus 'mono' is mono: there is no defined 7.1.2 -> mono up/down-mix", p.Message);
    }

    [Fact]
    public void Mono_and_stereo_sources_into_any_bus_are_panned_not_rejected()
    {
        var doc = SessionFixture.Document().Set("tracks[1].output", "mono");
        SessionFixture.At(doc, "buses").AsArray().Add(JsonNode.Parse("""{ "id": "mono", "name": "Mono", "format": "mono", "output": "pm" }"""));
        var s = SessionFixture.Parse(doc);
        Assert.Equal("mono", s.Tracks[1].Output);
    }
}
