using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>Builds <see cref="MixSession"/> records directly for graph and render tests (no JSON).</summary>
public sealed class SessionBuilder
{
    /// <summary>Folder that media paths resolve against.</summary>
    public const string BaseDirectory = "/media-in-memory";

    private readonly List<Track> _tracks = new();
    private readonly List<Bus> _buses = new();
    private readonly List<Vca> _vcas = new();
    private readonly List<PrintOutput> _outputs = new();

    /// <summary>Timecode rate (default 24).</summary>
    public TimecodeRate Rate { get; set; } = TimecodeRate.Fps24;

    /// <summary>Session start (default 01:00:00:00 at <see cref="Rate"/>).</summary>
    public Timecode? Start { get; set; }

    /// <summary>Full path a media name resolves to.</summary>
    public static string MediaPath(string name) => Path.GetFullPath(Path.Combine(BaseDirectory, name));

    /// <summary>A clip of <paramref name="length"/> frames from media <paramref name="media"/> at <paramref name="position"/>.</summary>
    public static Clip Clip(string media, long position, long length, params int[] channels) =>
        new(media, channels.Length == 0 ? [1] : channels, position, 0, length, Fade.None, Fade.None, 0);

    /// <summary>Adds a track.</summary>
    public SessionBuilder Track(string id, ChannelLayout format, string output, Strip? strip = null, IReadOnlyList<Send>? sends = null, params Clip[] clips)
    {
        _tracks.Add(new Track(id, id, "DX", format, clips, strip ?? Strip.Default, output, sends ?? []));
        return this;
    }

    /// <summary>Adds a bus.</summary>
    public SessionBuilder Bus(string id, ChannelLayout format, string? output = null, Strip? strip = null, IReadOnlyList<Send>? sends = null)
    {
        _buses.Add(new Bus(id, id, format, strip ?? Strip.Default, output, sends ?? []));
        return this;
    }

    /// <summary>Adds a VCA.</summary>
    public SessionBuilder Vca(string id, double faderDb, bool mute, params string[] members)
    {
        _vcas.Add(new Vca(id, id, faderDb, mute, members));
        return this;
    }

    /// <summary>Adds a print of bus <paramref name="bus"/> to <paramref name="file"/>.</summary>
    public SessionBuilder Print(string bus, string file, SampleFormat format = SampleFormat.Float32, PrintLayout layout = PrintLayout.Interleaved, bool dither = false)
    {
        _outputs.Add(new PrintOutput(bus, file, format, layout, dither));
        return this;
    }

    /// <summary>The session, 48 kHz.</summary>
    public MixSession Build(string name = "Test session", long? end = null) =>
        new(name, 48000, Rate, Start ?? new Timecode(1, 0, 0, 0, Rate), end, _tracks.ToArray(), _buses.ToArray(), _vcas.ToArray(),
            _outputs.ToArray(), BaseDirectory);
}
