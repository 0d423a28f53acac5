using System.Text.Json.Nodes;

namespace MixEngine.Tests.Support;

/// <summary>A strip with every processing section inserted (order, four EQ bands, gate, keyed compressor, de-esser, limiter), for the fixture session.</summary>
public static class ProcessingFixture
{
    /// <summary>The strip JSON for track 0 of <see cref="SessionFixture"/> (keyed by the Music track).</summary>
    public const string StripJson = """
        { "fader": -3.5, "order": "dynamicsFirst",
          "eq": [ { "type": "highPass", "frequency": 80, "slope": 24 },
                  { "type": "bell", "frequency": 2500, "gain": -3.5, "q": 1.4 },
                  { "type": "highShelf", "frequency": 10000, "gain": 2, "q": 0.7, "enabled": false },
                  { "type": "notch", "frequency": 60, "q": 20 } ],
          "dyn": { "gate": { "threshold": -50, "range": 20, "ratio": 2, "attack": 1, "hold": 20, "release": 200, "hysteresis": 4 },
                   "comp": { "enabled": false, "threshold": -24, "ratio": 3, "knee": 4, "attack": 5, "release": 150, "makeup": 2,
                             "detection": "rms", "sidechainHighPass": 100, "key": "mx" },
                   "deesser": { "frequency": 7000, "threshold": -35, "range": 8, "q": 2.5, "ratio": 20, "attack": 1, "release": 80 },
                   "limiter": { "ceiling": -2, "lookahead": 1.5, "release": 80 } } }
        """;

    /// <summary>The fixture document with <see cref="StripJson"/> on track 0.</summary>
    public static JsonObject Document() => SessionFixture.Document().Set("tracks[0].strip", JsonNode.Parse(StripJson));
}
