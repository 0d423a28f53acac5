using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>How a print's channels are laid out on disk.</summary>
public enum PrintLayout
{
    /// <summary>One interleaved multichannel BWF in WAVE mask order.</summary>
    Interleaved,

    /// <summary>One mono BWF per channel, named with the channel label as suffix (<c>PM.L.wav</c>, <c>PM.LFE.wav</c>).</summary>
    MultiMono,
}

/// <summary>A print: which bus is written to which file, in which sample format.</summary>
/// <param name="Bus">Id of the bus printed.</param>
/// <param name="File">Output path, relative to the render's output directory.</param>
/// <param name="Format">Sample format on disk.</param>
/// <param name="Layout">Interleaved or multi-mono.</param>
/// <param name="Dither">TPDF dither when reducing to 16 or 24 bits.</param>
public sealed record PrintOutput(string Bus, string File, SampleFormat Format, PrintLayout Layout, bool Dither);
