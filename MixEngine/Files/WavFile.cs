using Microsoft.Win32.SafeHandles;

namespace MixEngine.Files;

/// <summary>
/// Entry point for reading WAV, BWF, RF64 and BW64 media: PCM 16/24/32, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE,
/// bext TimeReference (formats.md §1, §3, §4). Control side: both methods may allocate and throw
/// <see cref="MediaFormatException"/> (naming file, chunk and byte offset) or the I/O exceptions of opening a file.
/// </summary>
public static class WavFile
{
    /// <summary>Reads and validates the header chunks of <paramref name="path"/> without decoding audio; control side.</summary>
    public static MediaInfo Probe(string path)
    {
        string fullPath = Path.GetFullPath(path);
        using SafeFileHandle handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        return WavHeaderParser.Parse(fullPath, handle).ToMediaInfo();
    }

    /// <summary>Opens <paramref name="path"/> for streaming with read-ahead; control side (the reader is then used by one render thread).</summary>
    public static IMediaReader OpenRead(string path) => WavReader.Open(path);
}
