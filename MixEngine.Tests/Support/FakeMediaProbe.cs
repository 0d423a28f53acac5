using MixEngine.Files;

namespace MixEngine.Tests.Support;

/// <summary>
/// An <see cref="IMediaProbe"/> answering from a table (full path → header facts, or an exception to throw), so
/// session tests need no files on disk. Unknown paths throw <see cref="FileNotFoundException"/>, as a missing file does.
/// </summary>
public sealed class FakeMediaProbe : IMediaProbe
{
    private readonly Dictionary<string, Func<MediaInfo>> _files = new(StringComparer.Ordinal);

    /// <summary>Paths probed, in order (to check that each media file is probed once).</summary>
    public List<string> Probed { get; } = [];

    /// <summary>Adds a file with the given header facts.</summary>
    public FakeMediaProbe With(string fullPath, int channels, long frames, int sampleRate = 48000)
    {
        _files[fullPath] = () => new MediaInfo(fullPath, channels, sampleRate, frames, SampleFormat.Int24, 0, null, "RIFF");
        return this;
    }

    /// <summary>Adds a file whose probe throws <paramref name="error"/>.</summary>
    public FakeMediaProbe Failing(string fullPath, Exception error)
    {
        _files[fullPath] = () => throw error;
        return this;
    }

    /// <inheritdoc/>
    public MediaInfo Probe(string path)
    {
        Probed.Add(path);
        return _files.TryGetValue(path, out var info) ? info() : throw new FileNotFoundException($"Could not find file '{path}'.", path);
    }
}
