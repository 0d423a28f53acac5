using System.Text.Json.Nodes;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Session;

/// <summary>
/// docs/session.schema.json checked by an independent validator (Debian python3-jsonschema, Draft 2020-12) against the
/// same documents SessionReader reads: both must accept the valid ones and both must reject the invalid ones.
/// </summary>
public sealed class SessionSchemaPeerTests
{
    private const string Python = "/usr/bin/python3";

    private const string Validate = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
            first = errors[0].message.replace("\n", " ") if errors else ""
            print(path + "\t" + ("valid" if not errors else "invalid\t" + first))
        """;

    private static IEnumerable<(string Name, string Json, bool Valid)> Cases()
    {
        yield return ("fixture", SessionFixture.Json, true);
        yield return ("written-fixture", SessionWriter.ToJson(SessionFixture.Parse(SessionFixture.Document())), true);
        yield return ("minimal", """
            { "mixengine": 1, "name": "Min", "sampleRate": 48000, "timecode": { "rate": "25" },
              "tracks": [ { "id": "t", "name": "T", "stem": "CROWD", "format": "mono", "output": "b",
                            "clips": [ { "media": "media/dx1.wav", "position": 10 } ] } ],
              "buses": [ { "id": "b", "name": "B", "format": "stereo" } ],
              "outputs": [ { "bus": "b", "file": "B.wav" } ] }
            """, true);
        yield return ("drop-frame", Mutate(d => d.Set("timecode", JsonNode.Parse("""{ "rate": "29.97DF", "start": "01:00:00;00" }"""))
            .Set("end", "01:00:40;00").Set("tracks[0].clips[0].position", "01:00:02;00")), true);
        yield return ("automation", AutomationReaderTests.WithAutomation().ToJsonString(), true);
        yield return ("written-automation", SessionWriter.ToJson(SessionFixture.Parse(AutomationReaderTests.WithAutomation())), true);
        yield return ("automation-unknown-mode", Mutate(d => d.Set("automation", JsonNode.Parse("""{ "modes": { "track/DX 1": "scrub" } }"""))), false);
        yield return ("automation-point-without-value", Mutate(d => d.Set("automation", JsonNode.Parse("""{ "lanes": [ { "address": "track/DX 1/fader", "points": [ { "position": 0 } ] } ] }"""))), false);
        yield return ("automation-bad-shape", Mutate(d => d.Set("automation", JsonNode.Parse("""{ "lanes": [ { "address": "track/DX 1/fader", "points": [ { "position": 0, "value": 0, "shape": "exp" } ] } ] }"""))), false);
        yield return ("markers", MarkerReaderTests.WithMarkers().ToJsonString(), true);
        yield return ("written-markers", SessionWriter.ToJson(SessionFixture.Parse(MarkerReaderTests.WithMarkers())), true);
        yield return ("marker-unknown-field", Mutate(d => d.Set("markers", JsonNode.Parse("""[ { "name": "A", "position": 0, "loop": true } ]"""))), false);
        yield return ("marker-without-position", Mutate(d => d.Set("markers", JsonNode.Parse("""[ { "name": "A" } ]"""))), false);
        yield return ("marker-colour-word", Mutate(d => d.Set("markers", JsonNode.Parse("""[ { "name": "A", "position": 0, "colour": "red" } ]"""))), false);
        yield return ("marker-name-edge-space", Mutate(d => d.Set("markers", JsonNode.Parse("""[ { "name": "A ", "position": 0 } ]"""))), false);
        yield return ("unknown-root-field", Mutate(d => d.Set("colour", "red")), false);
        yield return ("unknown-pan-field", Mutate(d => d.Set("tracks[0].strip.pan.spin", 0.5)), false);
        yield return ("pan-every-field", Mutate(d => d.Set("tracks[1].strip", JsonNode.Parse("""
            { "pan": { "x": 0.2, "y": -0.5, "z": 0.4, "width": 0.6, "lfe": -6, "divergence": 0.3, "rotation": -45,
                       "height": false, "law": "-4.5dB" } }
            """))), true);
        yield return ("pan-law-unknown", Mutate(d => d.Set("tracks[0].strip.pan.law", "linear")), false);
        yield return ("pan-rotation-beyond-180", Mutate(d => d.Set("tracks[0].strip.pan.rotation", 181)), false);
        yield return ("pan-divergence-negative", Mutate(d => d.Set("tracks[0].strip.pan.divergence", -0.1)), false);
        yield return ("pan-height-number", Mutate(d => d.Set("tracks[0].strip.pan.height", 0)), false);
        yield return ("unknown-clip-field", Mutate(d => d.Set("tracks[0].clips[0].speed", 1)), false);
        yield return ("fader-above-12", Mutate(d => d.Set("tracks[0].strip.fader", 12.5)), false);
        yield return ("level-word", Mutate(d => d.Set("tracks[0].sends[0].level", "off")), false);
        yield return ("lower-case-stem", Mutate(d => d.Set("tracks[0].stem", "dx")), false);
        yield return ("unknown-rate", Mutate(d => d.Set("timecode.rate", "23.97")), false);
        yield return ("print-outside-folder", Mutate(d => d.Set("outputs[0].file", "../PM.wav")), false);
        yield return ("print-not-wav", Mutate(d => d.Set("outputs[0].file", "PM.aiff")), false);
        yield return ("missing-track-name", Mutate(d => d.Without("tracks[0].name")), false);
        yield return ("name-with-slash", Mutate(d => d.Set("buses[0].name", "DX/MX")), false);
        yield return ("malformed-label", Mutate(d => d.Set("tracks[0].clips[0].position", "1:00:02")), false);
        yield return ("end-at-start", Mutate(d => d.Set("end", 0)), false);
        yield return ("fractional-samples", Mutate(d => d.Set("tracks[0].clips[0].length", 480.5)), false);
        yield return ("sample-rate", Mutate(d => d.Set("sampleRate", 44000)), false);
        yield return ("track-format-7.1.2", Mutate(d => d.Set("tracks[0].format", "7.1.2")), false);
        yield return ("pan-z-negative", Mutate(d => d.Set("tracks[0].strip.pan.z", -0.5)), false);
        yield return ("processing", ProcessingFixture.Document().ToJsonString(), true);
        yield return ("written-processing", SessionWriter.ToJson(SessionFixture.Parse(ProcessingFixture.Document())), true);
        yield return ("eq-gain-on-high-pass", Processing(d => d.Set("tracks[0].strip.eq[0].gain", 3)), false);
        yield return ("eq-slope-on-bell", Processing(d => d.Set("tracks[0].strip.eq[1].slope", 12)), false);
        yield return ("eq-gain-on-notch", Processing(d => d.Set("tracks[0].strip.eq[3].gain", 3)), false);
        yield return ("eq-odd-slope", Processing(d => d.Set("tracks[0].strip.eq[0].slope", 10)), false);
        yield return ("eq-band-type", Processing(d => d.Set("tracks[0].strip.eq[0].type", "tilt")), false);
        yield return ("eq-frequency", Processing(d => d.Set("tracks[0].strip.eq[1].frequency", 21000)), false);
        yield return ("comp-ratio", Processing(d => d.Set("tracks[0].strip.dyn.comp.ratio", 0.5)), false);
        yield return ("comp-detection", Processing(d => d.Set("tracks[0].strip.dyn.comp.detection", "vca")), false);
        yield return ("limiter-lookahead", Processing(d => d.Set("tracks[0].strip.dyn.limiter.lookahead", 25)), false);
        yield return ("unknown-dynamics", Processing(d => d.Set("tracks[0].strip.dyn.expander", new JsonObject())), false);
        yield return ("processing-order", Processing(d => d.Set("tracks[0].strip.order", "eqLast")), false);
    }

    private static string Mutate(Func<JsonObject, JsonObject> change) => change(SessionFixture.Document()).ToJsonString();

    private static string Processing(Func<JsonObject, JsonObject> change) => change(ProcessingFixture.Document()).ToJsonString();

    [PeerFact(Python)]
    public void Schema_and_reader_agree_on_valid_and_invalid_sessions()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-schema-").FullName;
        try
        {
            var cases = Cases().ToList();
            var paths = new List<string>();
            foreach (var (name, json, _) in cases)
            {
                string path = Path.Combine(dir, name + ".json");
                File.WriteAllText(path, json);
                paths.Add(path);
            }

            var (exit, stdout, stderr) = PeerTools.Run(Python, ["-c", Validate, RepositoryFiles.PathOf("docs/session.schema.json"), .. paths]);

            Assert.True(exit == 0, $"python3 jsonschema failed ({exit}): {stderr}");
            var verdicts = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t')).ToDictionary(f => Path.GetFileNameWithoutExtension(f[0]), f => f);
            foreach (var (name, json, valid) in cases)
            {
                var verdict = verdicts[name];
                Assert.True((verdict[1] == "valid") == valid,
                    $"schema says {name} is {string.Join(" ", verdict.Skip(1))}, expected {(valid ? "valid" : "invalid")}");
                Assert.True(ReaderAccepts(json) == valid, $"SessionReader {(valid ? "rejects" : "accepts")} {name}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [PeerFact(Python)]
    public void Documented_worked_example_passes_the_schema()
    {
        string dir = Directory.CreateTempSubdirectory("mixengine-schema-").FullName;
        try
        {
            string path = Path.Combine(dir, "example.json");
            File.WriteAllText(path, DocumentedExample.Json);

            var (exit, stdout, stderr) = PeerTools.Run(Python, "-c", Validate, RepositoryFiles.PathOf("docs/session.schema.json"), path);

            Assert.True(exit == 0, stderr);
            Assert.Equal($"{path}\tvalid", stdout.Trim());
            Assert.NotNull(DocumentedExample.Parse());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool ReaderAccepts(string json)
    {
        try
        {
            SessionReader.Parse(json, SessionFixture.BaseDirectory, "case.json", SessionFixture.Probe());
            return true;
        }
        catch (SessionValidationException)
        {
            return false;
        }
    }
}
