using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>Creates the writer of one print; the offline renderer calls it on the control side before the first block.</summary>
public interface IPrintWriterFactory
{
    /// <summary>Starts a print that becomes <paramref name="path"/> (or its multi-mono siblings) on commit; control side.</summary>
    IPrintWriter Create(string path, PrintLayout layout, PrintFileOptions options);
}

/// <summary>The production factory: Broadcast WAV prints through <see cref="PrintFiles"/>. Stateless singleton; any thread.</summary>
public sealed class BwfPrintWriterFactory : IPrintWriterFactory
{
    /// <summary>The one instance.</summary>
    public static readonly BwfPrintWriterFactory Instance = new();

    private BwfPrintWriterFactory()
    {
    }

    /// <inheritdoc/>
    public IPrintWriter Create(string path, PrintLayout layout, PrintFileOptions options) =>
        layout == PrintLayout.MultiMono ? PrintFiles.CreateMultiMono(path, options) : PrintFiles.CreateInterleaved(path, options);
}
