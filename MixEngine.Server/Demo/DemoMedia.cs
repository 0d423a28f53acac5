using MixEngine.Files;

namespace MixEngine.Server.Demo;

/// <summary>
/// The demo's media files: which sound goes in which file, how long it is for a given demo length, and writing them
/// as 24-bit BWF (TPDF dither with a fixed seed, fixed origination stamp) so the same seed and length always give the
/// same bytes. Control side only.
/// </summary>
public sealed class DemoMedia
{
    /// <summary>The sample rate of every demo file.</summary>
    public const int SampleRate = 48000;

    private const int WriteBlock = 4096;

    /// <summary>The origination date stamped into every demo file (fixed so the files are byte-identical run to run).</summary>
    public static readonly DateTime Origination = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private DemoMedia(long sessionLength, IReadOnlyList<DemoSound> sounds)
    {
        SessionLength = sessionLength;
        Sounds = sounds;
    }

    /// <summary>Demo length in samples.</summary>
    public long SessionLength { get; }

    /// <summary>Every sound, in the order the session uses them.</summary>
    public IReadOnlyList<DemoSound> Sounds { get; }

    /// <summary>Plans the media for a demo <paramref name="seconds"/> long (at least <see cref="DemoSession.MinimumSeconds"/>).</summary>
    public static DemoMedia Plan(int seconds, ulong seed)
    {
        long s = (long)seconds * SampleRate;
        long Seconds(double x) => (long)(x * SampleRate);
        DemoSound Mono(string file, string description, long length, ulong salt, Func<ulong, int, long, double[]> make) =>
            new(file, description, ChannelLayout.Mono, length, () => [make(SeededNoise.Derive(seed, salt), SampleRate, length)]);
        DemoSound Stereo(string file, string description, long length, ulong salt, Func<ulong, int, long, double[][]> make) =>
            new(file, description, ChannelLayout.Stereo, length, () => make(SeededNoise.Derive(seed, salt), SampleRate, length));
        return new DemoMedia(s,
        [
            Mono("media/dialogue.wav", "Dialogue (synthesised babble)", s, 1, DialogueVoice.Synthesize),
            Mono("media/roomtone.wav", "Room tone", s, 2, RoomTone.Synthesize),
            Stereo("media/music.wav", "Music bed", s, 3, MusicBed.Synthesize),
            Mono("media/door.wav", "Door slam", Seconds(1.5), 4, DoorSlam.Synthesize),
            Mono("media/footsteps.wav", "Footsteps", Math.Min(Seconds(4), s * 35 / 100), 5, Footsteps.Synthesize),
            Mono("media/whoosh.wav", "Whoosh", Math.Min(Seconds(2), s / 5), 6, Whoosh.Synthesize),
            Stereo("media/ambience.wav", "Exterior ambience", s, 7, Ambience.Synthesize),
        ]);
    }

    /// <summary>The sound written to <paramref name="file"/> (a path as listed in <see cref="Sounds"/>).</summary>
    public DemoSound this[string file] => Sounds.First(x => x.File == file);

    /// <summary>Synthesises every sound and writes it under <paramref name="directory"/>; returns the paths written.</summary>
    public IReadOnlyList<string> Write(string directory, MixEngine.Session.Timecode start)
    {
        var paths = new string[Sounds.Count];
        // Each sound is a pure function of its seed, so synthesising them in parallel gives the same files.
        Parallel.For(0, Sounds.Count, k =>
        {
            var sound = Sounds[k];
            string path = Path.Combine(directory, sound.File);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var metadata = new BwfMetadata(sound.Description, "MixEngine demo", Path.GetFileName(sound.File), Origination,
                start.ToSamplesSinceMidnight(SampleRate), $"A=PCM,F={SampleRate},W=24,M={sound.Layout.Name},T=MixEngine demo generator",
                start.Rate.Numerator, start.Rate.Denominator, start.Rate.DropFrame, "MixEngine demo");
            var options = new PrintFileOptions(sound.Layout, SampleRate, SampleFormat.Int24, Dither: true, DitherSeed: 0x64656D6FUL, metadata);
            var channels = sound.Synthesize();
            using var writer = PrintFiles.CreateInterleaved(path, options);
            for (int offset = 0; offset < channels[0].Length; offset += WriteBlock)
                writer.RtWritePlanar(channels, offset, Math.Min(WriteBlock, channels[0].Length - offset));
            writer.Commit();
            paths[k] = path;
        });
        return paths;
    }
}

/// <summary>One demo media file: its session-relative path, BWF description, layout, length and synthesiser.</summary>
/// <param name="File">Path relative to the demo folder (as written in the session).</param>
/// <param name="Description">BWF description.</param>
/// <param name="Layout">Mono or stereo.</param>
/// <param name="Length">Frames.</param>
/// <param name="Synthesize">Makes the planar samples (one array per channel).</param>
public sealed record DemoSound(string File, string Description, ChannelLayout Layout, long Length, Func<double[][]> Synthesize);
