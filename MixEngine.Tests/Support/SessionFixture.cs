using System.Text.Json.Nodes;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>
/// A small valid session (three tracks: mono DX, stereo music, 5.1 effects; four buses; a VCA; two prints) with its
/// fake media, for tests that change one field and expect one precise problem. Paths use <see cref="BaseDirectory"/>.
/// </summary>
public static class SessionFixture
{
    /// <summary>The folder the fixture's media paths resolve against.</summary>
    public const string BaseDirectory = "/sessions/reel";

    /// <summary>The fixture session's JSON text.</summary>
    public const string Json = """
    {
      "mixengine": 1,
      "name": "Test reel",
      "sampleRate": 48000,
      "timecode": { "rate": "23.976", "start": "01:00:00:00" },
      "end": "01:00:40:00",
      "tracks": [
        { "id": "dx1", "name": "DX 1", "stem": "DX", "format": "mono", "output": "dx",
          "strip": { "trim": 1.5, "fader": -3.5, "pan": { "x": -0.25, "y": 1, "z": 0, "width": 1, "lfe": "-inf" } },
          "sends": [ { "bus": "verb", "level": -12, "tap": "pre", "mute": false } ],
          "clips": [ { "name": "sc 12 tk 3", "media": "media/dx1.wav", "channels": [1], "position": "01:00:02:00",
                       "sourceOffset": 100, "length": 48000,
                       "fadeIn": { "length": 480, "shape": "equalPower" }, "fadeOut": { "length": 960, "shape": "sCurve" },
                       "gain": -2.0 } ] },
        { "id": "mx", "name": "Music", "stem": "MX", "format": "stereo", "output": "mxbus",
          "clips": [ { "media": "media/mx.wav", "position": 0 } ] },
        { "id": "fx51", "name": "FX 5.1", "stem": "FX", "format": "5.1", "output": "pm",
          "clips": [ { "media": "media/fx51.wav", "position": 96000, "length": 24000 } ] }
      ],
      "buses": [
        { "id": "dx", "name": "DX", "format": "7.1.2", "output": "pm" },
        { "id": "mxbus", "name": "MX", "format": "7.1.2", "output": "pm" },
        { "id": "verb", "name": "Reverb", "format": "stereo", "output": "pm" },
        { "id": "pm", "name": "Printmaster", "format": "7.1.2", "output": null }
      ],
      "vcas": [ { "id": "dialog", "name": "Dialog", "fader": -1, "mute": false, "members": ["dx1"] } ],
      "outputs": [
        { "bus": "pm", "file": "PM_712.wav", "sampleFormat": "int24", "layout": "interleaved", "dither": true },
        { "bus": "dx", "file": "DX.wav", "sampleFormat": "float32", "layout": "multiMono", "dither": false }
      ]
    }
    """;

    /// <summary>A fresh mutable copy of the fixture JSON.</summary>
    public static JsonObject Document() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>A probe that knows the fixture's media: dx1.wav mono 480000 frames, mx.wav stereo 96000, fx51.wav 6 channels 48000.</summary>
    public static FakeMediaProbe Probe() => new FakeMediaProbe()
        .With($"{BaseDirectory}/media/dx1.wav", 1, 480_000)
        .With($"{BaseDirectory}/media/mx.wav", 2, 96_000)
        .With($"{BaseDirectory}/media/fx51.wav", 6, 48_000);

    /// <summary>Parses <paramref name="document"/> with the fixture probe (or <paramref name="probe"/>).</summary>
    public static MixSession Parse(JsonNode document, FakeMediaProbe? probe = null) =>
        SessionReader.Parse(document.ToJsonString(), BaseDirectory, "test.session.json", probe ?? Probe());

    /// <summary>Parses <paramref name="document"/>, which must fail, and returns every problem reported.</summary>
    public static IReadOnlyList<SessionProblem> Problems(JsonNode document, FakeMediaProbe? probe = null) =>
        Assert.Throws<SessionValidationException>(() => Parse(document, probe)).Problems;

    /// <summary>
    /// Parses <paramref name="document"/>, which must fail with exactly one problem at <paramref name="jsonPath"/>, and
    /// returns that problem (so the test can assert its message).
    /// </summary>
    public static SessionProblem SingleProblem(JsonNode document, string jsonPath, FakeMediaProbe? probe = null)
    {
        var problems = Problems(document, probe);
        Assert.True(problems.Count == 1, $"expected one problem at {jsonPath}, got:\n{string.Join("\n", problems)}");
        Assert.Equal(jsonPath, problems[0].JsonPath);
        return problems[0];
    }

    /// <summary>The node at a simple path like <c>tracks[0].strip</c> (object fields and array indexes).</summary>
    public static JsonNode At(JsonNode root, string path)
    {
        JsonNode node = root;
        foreach (var (name, index) in Segments(path))
            node = name is null ? node[index]! : node[name]!;
        return node;
    }

    /// <summary>Sets the field at <paramref name="path"/> (its parent must exist) to <paramref name="value"/>.</summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Split(root, path);
        parent.AsObject()[last] = value;
        return root;
    }

    /// <summary>Removes the field at <paramref name="path"/>.</summary>
    public static JsonObject Without(this JsonObject root, string path)
    {
        var (parent, last) = Split(root, path);
        Assert.True(parent.AsObject().Remove(last), $"fixture has no field {path}");
        return root;
    }

    private static (JsonNode Parent, string Last) Split(JsonNode root, string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? (root, path) : (At(root, path[..dot]), path[(dot + 1)..]);
    }

    private static IEnumerable<(string? Name, int Index)> Segments(string path)
    {
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[');
            if (bracket < 0)
            {
                yield return (part, 0);
                continue;
            }
            yield return (part[..bracket], 0);
            foreach (string idx in part[(bracket + 1)..].TrimEnd(']').Split("]["))
                yield return (null, int.Parse(idx));
        }
    }
}
