using MixEngine.Files;

namespace MixEngine.Tests.Support;

/// <summary>
/// A temporary folder holding a tiny valid session for CLI tests: <c>media/sine.wav</c>, one second of a 1 kHz sine at
/// amplitude 0.5 (−6.02 dBFS), mono float32 at 48 kHz, on one mono DX track routed to a mono printmaster bus printed
/// as float32 <c>PM.wav</c>; 24 fps timecode starting at 01:00:00:00, session end 1 s. Deleted on dispose.
/// </summary>
public sealed class SineSessionFolder : IDisposable
{
    /// <summary>Session and media sample rate.</summary>
    public const int SampleRate = 48000;

    /// <summary>Sine amplitude (linear).</summary>
    public const double Amplitude = 0.5;

    /// <summary>Writes the media and the session file.</summary>
    public SineSessionFolder()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mixengine-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "media"));
        WriteSine(Path.Combine(Directory, "media", "sine.wav"));
        SessionPath = Path.Combine(Directory, "session.json");
        File.WriteAllText(SessionPath, SessionJson);
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The session file.</summary>
    public string SessionPath { get; }

    /// <summary>The session text: one clip at the session start, 1 s long.</summary>
    public const string SessionJson = """
        {
          "mixengine": 1,
          "name": "CLI sine",
          "sampleRate": 48000,
          "timecode": { "rate": "24", "start": "01:00:00:00" },
          "end": "01:00:01:00",
          "tracks": [
            { "id": "dx1", "name": "DX 1", "stem": "DX", "format": "mono", "output": "pm",
              "clips": [ { "name": "tone", "media": "media/sine.wav", "channels": [1], "position": 0 } ] }
          ],
          "buses": [ { "id": "pm", "name": "Printmaster", "format": "mono", "output": null } ],
          "outputs": [ { "bus": "pm", "file": "PM.wav", "sampleFormat": "float32", "layout": "interleaved", "dither": false } ]
        }
        """;

    /// <summary>Writes another file into the folder (for invalid variants of the session).</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed half-way may leave a file open; the temp folder is cleaned by the OS later.
        }
    }

    private static void WriteSine(string path)
    {
        var metadata = new BwfMetadata("CLI test sine", "MixEngine tests", "", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            0, "", 24, 1, false, "tests");
        var samples = new double[SampleRate];
        for (int i = 0; i < samples.Length; i++) samples[i] = Amplitude * Math.Sin(2 * Math.PI * 1000 * i / SampleRate);
        using var writer = PrintFiles.CreateInterleaved(path,
            new PrintFileOptions(ChannelLayout.Mono, SampleRate, SampleFormat.Float32, false, 0, metadata));
        writer.RtWritePlanar([samples], 0, samples.Length);
        writer.Commit();
    }
}
