namespace MixEngine.Files;

/// <summary>What a WAV/BWF/RF64 file holds, read from its header chunks without reading the audio.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Channels">Channel count.</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Frames">Whole frames in the data chunk (a data chunk shorter than its declared size is rejected, never clamped).</param>
/// <param name="Format">Sample coding.</param>
/// <param name="ChannelMask">WAVEFORMATEXTENSIBLE dwChannelMask, or 0 when absent.</param>
/// <param name="TimeReference">bext TimeReference (samples since midnight), or null without a bext chunk.</param>
/// <param name="Container">"RIFF", "RF64" or "BW64".</param>
public sealed record MediaInfo(
    string Path,
    int Channels,
    int SampleRate,
    long Frames,
    SampleFormat Format,
    uint ChannelMask,
    long? TimeReference,
    string Container);
