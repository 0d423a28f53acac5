namespace MixEngine.Files;

/// <summary>The WAV family's <see cref="IMediaProbe"/> (delegates to <see cref="WavFile.Probe"/>); stateless, any control thread.</summary>
public sealed class WavMediaProbe : IMediaProbe
{
    /// <summary>The shared instance.</summary>
    public static readonly WavMediaProbe Instance = new();

    private WavMediaProbe()
    {
    }

    /// <inheritdoc/>
    public MediaInfo Probe(string path) => WavFile.Probe(path);
}
