namespace MixEngine.Files;

/// <summary>What a print writer produces: channel layout, rate, sample coding, dither and metadata. Immutable; any thread.</summary>
/// <param name="Layout">Channel layout; interleaved files follow its channel order and mask, multi-mono files its labels.</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Format">Sample coding on disk.</param>
/// <param name="Dither">Add TPDF dither of ±1 LSB when the format is 16 or 24-bit integer (ignored otherwise).</param>
/// <param name="DitherSeed">Seed of the dither generators (one per channel), so prints are reproducible.</param>
/// <param name="Metadata">bext and iXML content.</param>
public sealed record PrintFileOptions(
    ChannelLayout Layout,
    int SampleRate,
    SampleFormat Format,
    bool Dither,
    ulong DitherSeed,
    BwfMetadata Metadata);
