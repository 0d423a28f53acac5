namespace MixEngine.Files;

/// <summary>Reads a media file's header facts without decoding audio; control side only (may allocate and throw).</summary>
public interface IMediaProbe
{
    /// <summary>
    /// Returns the header facts of <paramref name="path"/>. Throws <see cref="MediaFormatException"/> for a malformed,
    /// truncated or unsupported file and <see cref="IOException"/> (incl. <see cref="FileNotFoundException"/>) or
    /// <see cref="UnauthorizedAccessException"/> when it cannot be read.
    /// </summary>
    MediaInfo Probe(string path);
}

/// <summary>Opens media for streaming; control side only (the returned reader is then used by one render thread).</summary>
public interface IMediaOpener
{
    /// <summary>Opens <paramref name="path"/> for reading; throws like <see cref="IMediaProbe.Probe"/>.</summary>
    IMediaReader Open(string path);
}
