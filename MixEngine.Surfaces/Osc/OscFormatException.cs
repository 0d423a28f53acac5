namespace MixEngine.Surfaces.Osc;

/// <summary>
/// A packet or stream that does not follow the OSC 1.0 encoding; the message names the byte offset (counted from the
/// start of the outermost packet or stream frame) and what was expected there.
/// </summary>
public sealed class OscFormatException : FormatException
{
    /// <summary>Creates the error for the byte at <paramref name="byteOffset"/>; thrown on the decoding thread.</summary>
    public OscFormatException(int byteOffset, string problem)
        : base($"OSC packet at byte offset {byteOffset}: {problem}")
    {
        ByteOffset = byteOffset;
    }

    /// <summary>Offset of the offending byte from the start of the outermost packet.</summary>
    public int ByteOffset { get; }
}
