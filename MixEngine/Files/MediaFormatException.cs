namespace MixEngine.Files;

/// <summary>
/// A media file is malformed, truncated or unsupported. The message names the file, the chunk and the byte offset
/// where the problem was found, and what was expected there.
/// </summary>
public sealed class MediaFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="chunk"/> may be null when the problem is outside any chunk.</summary>
    public MediaFormatException(string path, string? chunk, long byteOffset, string problem)
        : base($"{path}: {(chunk is null ? "" : $"chunk '{chunk}', ")}byte offset {byteOffset}: {problem}")
    {
        FilePath = path;
        Chunk = chunk;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The chunk id being read, or null.</summary>
    public string? Chunk { get; }

    /// <summary>Byte offset in the file where the problem was found.</summary>
    public long ByteOffset { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; }
}
