namespace MixEngine.Files;

/// <summary>
/// What the chunk walk of a WAV/BWF/RF64/BW64 file found: the sample coding, where the audio starts and how long it is.
/// Immutable; produced by <see cref="WavHeaderParser"/> on the control side.
/// </summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Container">"RIFF", "RF64" or "BW64".</param>
/// <param name="Channels">Channel count (at least 1).</param>
/// <param name="SampleRate">Sample rate in Hz (at least 1).</param>
/// <param name="Format">Sample coding of the data chunk.</param>
/// <param name="BlockAlign">Bytes per frame (channels × bytes per sample).</param>
/// <param name="ChannelMask">WAVEFORMATEXTENSIBLE dwChannelMask, or 0.</param>
/// <param name="DataOffset">Byte offset of the first audio byte (the data chunk body).</param>
/// <param name="DataBytes">Declared length of the data chunk body in bytes (all present in the file).</param>
/// <param name="TimeReference">bext TimeReference, or null without a bext chunk.</param>
internal sealed record WavHeader(
    string Path,
    string Container,
    int Channels,
    int SampleRate,
    SampleFormat Format,
    int BlockAlign,
    uint ChannelMask,
    long DataOffset,
    long DataBytes,
    long? TimeReference)
{
    /// <summary>Whole frames in the data chunk (a trailing partial frame is ignored).</summary>
    public long Frames => DataBytes / BlockAlign;

    /// <summary>Bytes of one sample of one channel.</summary>
    public int BytesPerSample => BlockAlign / Channels;

    /// <summary>The public header facts.</summary>
    public MediaInfo ToMediaInfo() =>
        new(Path, Channels, SampleRate, Frames, Format, ChannelMask, TimeReference, Container);
}
