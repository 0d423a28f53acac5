using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>The worked example of docs/session-format.md, with a probe that knows its media (all 48 kHz).</summary>
public static class DocumentedExample
{
    /// <summary>Folder the example's media resolve against.</summary>
    public const string BaseDirectory = "/sessions/demo";

    /// <summary>The example's JSON text, taken from the documentation itself.</summary>
    public static string Json => RepositoryFiles.JsonBlockAfter("docs/session-format.md", "## Worked example");

    /// <summary>Media of the example: 40 s files (1,921,920 frames), the door 2 s; mono, stereo score, 5.1 ambience.</summary>
    public static FakeMediaProbe Probe() => new FakeMediaProbe()
        .With($"{BaseDirectory}/media/dx1.wav", 1, 1_921_920)
        .With($"{BaseDirectory}/media/roomtone.wav", 1, 1_921_920)
        .With($"{BaseDirectory}/media/score.wav", 2, 1_440_000)
        .With($"{BaseDirectory}/media/door.wav", 1, 96_000)
        .With($"{BaseDirectory}/media/amb51.wav", 6, 1_921_920);

    /// <summary>Reads the example.</summary>
    public static MixSession Parse() => SessionReader.Parse(Json, BaseDirectory, "session-format.md#worked-example", Probe());
}
