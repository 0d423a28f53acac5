using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Server.Demo;

/// <summary>
/// The demo session: a short film-style scene at 01:00:00:00, 23.976 fps, 48 kHz. Dialogue and its fill under a
/// Dialog VCA into the DX stem; a music bed into MX; door, footsteps and a whoosh (panned round the room, the door
/// with an LFE send, door and steps also sent to an "FX Aux" return that has no processing yet) and a stereo exterior
/// ambience into FX; DX, MX and FX are 7.1.2 stems summed into the 7.1.2 printmaster. Every stem and the printmaster
/// print as 24-bit interleaved BWF. Clip positions scale with the demo length. Control side only.
/// </summary>
public static class DemoSession
{
    /// <summary>Shortest demo accepted, in seconds (every sound still fits with its fades).</summary>
    public const int MinimumSeconds = 5;

    /// <summary>Longest demo accepted, in seconds (the media are synthesised in memory).</summary>
    public const int MaximumSeconds = 600;

    /// <summary>The demo's default length in seconds.</summary>
    public const int DefaultSeconds = 30;

    /// <summary>The seed of the default demo media.</summary>
    public const ulong DefaultSeed = 2026;

    /// <summary>The session file name inside the demo folder.</summary>
    public const string FileName = "demo.session.json";

    /// <summary>The printmaster's file name (relative to the render output folder).</summary>
    public const string PrintmasterFile = "PM_712.wav";

    /// <summary>The session start timecode.</summary>
    public static readonly Timecode Start = new(1, 0, 0, 0, TimecodeRate.Fps23976);

    /// <summary>
    /// Synthesises the media into <paramref name="directory"/>/media/ and saves the session as
    /// <paramref name="directory"/>/<see cref="FileName"/>; returns the session file's path. Control side.
    /// </summary>
    public static string WriteTo(string directory, int seconds, ulong seed)
    {
        if (seconds is < MinimumSeconds or > MaximumSeconds)
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"the demo length must be {MinimumSeconds}..{MaximumSeconds} seconds");
        string full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        var media = DemoMedia.Plan(seconds, seed);
        media.Write(full, Start);
        string path = Path.Combine(full, FileName);
        SessionWriter.Save(Build(media, full), path);
        return path;
    }

    /// <summary>Builds the session for <paramref name="media"/>, resolving paths against <paramref name="baseDirectory"/>.</summary>
    public static MixSession Build(DemoMedia media, string baseDirectory)
    {
        long s = media.SessionLength;
        int sr = DemoMedia.SampleRate;
        long At(double fraction) => (long)(fraction * s);
        long frame = Timecode.FrameToSamples(1, sr, TimecodeRate.Fps23976);
        long OnFrame(double fraction) => At(fraction) / frame * frame; // clip starts on picture frames, as cut to picture
        long Ms(double ms) => (long)(ms * sr / 1000);
        Fade In(double ms, FadeShape shape) => new(Ms(ms), shape);
        Clip Whole(string file, long position, double gainDb, Fade fadeIn, Fade fadeOut, string name) =>
            new(file, Channels(media[file].Layout), position, 0, media[file].Length, fadeIn, fadeOut, gainDb, name);

        var dialogue = new Track("dx1", "DX 1", "DX", ChannelLayout.Mono,
        [
            new Clip("media/dialogue.wav", [1], OnFrame(0.04), At(0.04), At(0.42), In(15, FadeShape.EqualPower), In(60, FadeShape.SCurve), 0, "sc 12 tk 3"),
            new Clip("media/dialogue.wav", [1], OnFrame(0.52), At(0.10), At(0.44), In(15, FadeShape.EqualPower), In(60, FadeShape.SCurve), -1.5, "sc 12 tk 5"),
        ], Strip.Default with { FaderDb = -2 }, "dx", []);
        var fill = new Track("dxfill", "DX Fill", "DX", ChannelLayout.Mono,
            [Whole("media/roomtone.wav", 0, 0, In(500, FadeShape.EqualPower), In(500, FadeShape.EqualPower), "room tone")],
            Strip.Default with { FaderDb = -4 }, "dx", []);
        var music = new Track("mx1", "MX Score", "MX", ChannelLayout.Stereo,
            [Whole("media/music.wav", 0, -2, new Fade(At(0.12), FadeShape.SCurve), new Fade(At(0.18), FadeShape.SCurve), "score 1m1")],
            Strip.Default with { FaderDb = -3 }, "mx", []);
        var door = new Track("fxdoor", "FX Door", "FX", ChannelLayout.Mono,
            [Whole("media/door.wav", OnFrame(0.30), 0, Fade.None, In(100, FadeShape.Linear), "door slam")],
            Strip.Default with { FaderDb = -2, Pan = new Pan(-0.7, 0.5, 0, 1, -8) },
            "fx", [new Send("fxaux", -12, SendTap.PostFader, false)]);
        var steps = new Track("fxsteps", "FX Steps", "FX", ChannelLayout.Mono,
            [Whole("media/footsteps.wav", OnFrame(0.55), 0, In(5, FadeShape.Linear), In(200, FadeShape.SCurve), "footsteps gravel")],
            Strip.Default with { Pan = new Pan(0.4, 0.2, 0, 1, double.NegativeInfinity) },
            "fx", [new Send("fxaux", -16, SendTap.PostFader, false)]);
        var whoosh = new Track("fxwhoosh", "FX Whoosh", "FX", ChannelLayout.Mono,
            [Whole("media/whoosh.wav", OnFrame(0.78), 0, In(20, FadeShape.Linear), In(50, FadeShape.Linear), "whoosh overhead")],
            Strip.Default with { FaderDb = -1, Pan = new Pan(0.8, -0.8, 0.6, 1, double.NegativeInfinity) }, "fx", []);
        var ambience = new Track("bg1", "BG Exterior", "BG", ChannelLayout.Stereo,
            [Whole("media/ambience.wav", 0, 0, In(1000, FadeShape.EqualPower), In(1500, FadeShape.EqualPower), "ext street day")],
            Strip.Default with { FaderDb = -2, Pan = new Pan(0, 0, 0, 1, double.NegativeInfinity) }, "fx", []);

        Bus Stem(string id, string name, string? output) => new(id, name, ChannelLayout.Atmos712, Strip.Default, output, []);
        PrintOutput Print(string bus, string file) => new(bus, file, SampleFormat.Int24, PrintLayout.Interleaved, Dither: true);
        return new MixSession(
            "MixEngine demo", sr, TimecodeRate.Fps23976, Start, s,
            [dialogue, fill, music, door, steps, whoosh, ambience],
            [Stem("fxaux", "FX Aux", "fx"), Stem("dx", "DX", "pm"), Stem("mx", "MX", "pm"), Stem("fx", "FX", "pm"), Stem("pm", "Printmaster", null)],
            [new Vca("dialog", "Dialog", -1, false, ["dx1", "dxfill"])],
            [Print("pm", PrintmasterFile), Print("dx", "DX_712.wav"), Print("mx", "MX_712.wav"), Print("fx", "FX_712.wav")],
            baseDirectory);
    }

    private static int[] Channels(ChannelLayout layout) => Enumerable.Range(1, layout.ChannelCount).ToArray();
}
