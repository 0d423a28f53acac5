using MixEngine.Offline.Delivery;
using MixEngine.Session;

namespace MixEngine.Tests.Offline.Delivery;

public sealed class DeliverySpecReaderTests
{
    [Fact]
    public void Ships_EBU_R128_short_form_ATSC_A85_and_a_dialogue_gated_streaming_spec()
    {
        Assert.Equal(["atsc-a85", "ebu-r128", "ebu-r128-s1", "streaming-dialogue-27"], DeliverySpecReader.ShippedNames);
        var ebu = DeliverySpecReader.Load("ebu-r128");
        Assert.Equal(-23.0, ebu.Integrated.Target);
        Assert.Equal(-1.0, ebu.TruePeakMax);
        Assert.Equal(-18.0, DeliverySpecReader.Load("ebu-r128-s1").MaxShortTermMax);
        Assert.Equal(-24.0, DeliverySpecReader.Load("atsc-a85").Integrated.Target);
        var streaming = DeliverySpecReader.Load("streaming-dialogue-27");
        Assert.Equal(LoudnessGating.Dialogue, streaming.Integrated.Gating);
        Assert.Equal(0.15, streaming.FallbackWhenSpeechBelow);
        Assert.Equal(-24.0, streaming.Fallback!.Target);
    }

    [Fact]
    public void A_user_spec_with_several_mistakes_reports_each_with_its_json_path()
    {
        const string json = """
            { "name": "House", "integrated": { "target": -23, "tolerance": -1, "gating": "speech" },
              "truePeakMax": "loud", "colour": "blue" }
            """;
        var e = Assert.Throws<SessionValidationException>(() => DeliverySpecReader.Parse(json, "house.json"));
        var paths = e.Problems.Select(p => p.JsonPath).ToArray();
        Assert.Contains("$.colour", paths);
        Assert.Contains("$.integrated.tolerance", paths);
        Assert.Contains("$.integrated.gating", paths);
        Assert.Contains("$.truePeakMax", paths);
        Assert.All(e.Problems, p => Assert.Equal("house.json", p.File));
    }

    [Fact]
    public void An_unknown_name_that_is_no_file_lists_the_shipped_specs()
    {
        var e = Assert.Throws<SessionValidationException>(() => DeliverySpecReader.Load("ebu-r129"));
        Assert.Contains("ebu-r128", e.Problems[0].Message);
    }
}
