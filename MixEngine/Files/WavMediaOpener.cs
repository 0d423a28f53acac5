namespace MixEngine.Files;

/// <summary>The WAV family's <see cref="IMediaOpener"/> (delegates to <see cref="WavFile.OpenRead"/>); stateless, any control thread.</summary>
public sealed class WavMediaOpener : IMediaOpener
{
    /// <summary>The shared instance.</summary>
    public static readonly WavMediaOpener Instance = new();

    private WavMediaOpener()
    {
    }

    /// <inheritdoc/>
    public IMediaReader Open(string path) => WavFile.OpenRead(path);
}
