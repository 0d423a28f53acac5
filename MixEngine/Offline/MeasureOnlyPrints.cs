using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// Print writers that count frames and write nothing: a render through them only measures (peaks, loudness), as the
/// measuring passes of <see cref="LoudnessConform"/> need. Stateless singleton; writers follow <see cref="IPrintWriter"/>'s thread rules.
/// </summary>
internal sealed class MeasureOnlyPrints : IPrintWriterFactory
{
    /// <summary>The one instance.</summary>
    public static readonly MeasureOnlyPrints Instance = new();

    private MeasureOnlyPrints()
    {
    }

    /// <inheritdoc/>
    public IPrintWriter Create(string path, PrintLayout layout, PrintFileOptions options) => new Writer(path);

    private sealed class Writer(string path) : IPrintWriter
    {
        public IReadOnlyList<string> Paths { get; } = [path];

        public long FramesWritten { get; private set; }

        public void RtWritePlanar(double[][] channels, int offset, int count) => FramesWritten += count;

        public void SetLoudness(BextLoudness loudness)
        {
        }

        public void Commit()
        {
        }

        public void Dispose()
        {
        }
    }
}
