namespace MixEngine.Server.Cli;

/// <summary>What one render run was asked for, after the command line was parsed.</summary>
/// <param name="SessionPath">The session file.</param>
/// <param name="OutputDirectory">Where prints and render-report.json go (created when missing).</param>
/// <param name="Range">The <c>--range</c> text, or null for the whole session.</param>
/// <param name="Threads">Render worker threads.</param>
/// <param name="BlockSize">Samples per processing block.</param>
/// <param name="Deliver">The <c>--deliver</c> spec, or null.</param>
/// <param name="NormalizeTo">The <c>--normalize-to</c> spec, or null for a render as mixed.</param>
/// <param name="NormalizeBus">The <c>--normalize-bus</c> bus, or null for the printmaster.</param>
public sealed record RenderArguments(string SessionPath, string OutputDirectory, string? Range, int Threads, int BlockSize, string? Deliver = null,
    string? NormalizeTo = null, string? NormalizeBus = null);
