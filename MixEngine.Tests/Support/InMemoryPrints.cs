using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Session;

namespace MixEngine.Tests.Support;

/// <summary>An <see cref="IPrintWriterFactory"/> whose writers keep the printed samples in memory and record commit/dispose.</summary>
public sealed class InMemoryPrints : IPrintWriterFactory
{
    /// <summary>Every writer created, in creation order.</summary>
    public List<Writer> Writers { get; } = new();

    /// <summary>When set, the writer created for a path ending with this name throws on commit.</summary>
    public string? FailCommitOf { get; set; }

    /// <inheritdoc/>
    public IPrintWriter Create(string path, PrintLayout layout, PrintFileOptions options)
    {
        var w = new Writer(path, layout, options, path.EndsWith(FailCommitOf ?? "\0", StringComparison.Ordinal));
        Writers.Add(w);
        return w;
    }

    /// <summary>The writer for the file named <paramref name="name"/>.</summary>
    public Writer Named(string name) => Writers.Single(w => Path.GetFileName(w.Path) == name);

    /// <summary>A print held in memory.</summary>
    public sealed class Writer(string path, PrintLayout layout, PrintFileOptions options, bool failCommit) : IPrintWriter
    {
        private readonly List<double>[] _channels = Enumerable.Range(0, options.Layout.ChannelCount).Select(_ => new List<double>()).ToArray();

        /// <summary>The requested path.</summary>
        public string Path { get; } = path;

        /// <summary>The requested layout.</summary>
        public PrintLayout Layout { get; } = layout;

        /// <summary>The options the renderer passed.</summary>
        public PrintFileOptions Options { get; } = options;

        /// <summary>True after a successful commit.</summary>
        public bool Committed { get; private set; }

        /// <summary>True after dispose.</summary>
        public bool Disposed { get; private set; }

        /// <summary>The samples written, per channel.</summary>
        public double[][] Samples => _channels.Select(c => c.ToArray()).ToArray();

        /// <inheritdoc/>
        public IReadOnlyList<string> Paths => [Path];

        /// <inheritdoc/>
        public long FramesWritten => _channels[0].Count;

        /// <inheritdoc/>
        public void RtWritePlanar(double[][] channels, int offset, int count)
        {
            for (int c = 0; c < _channels.Length; c++)
                for (int i = 0; i < count; i++) _channels[c].Add(channels[c][offset + i]);
        }

        /// <summary>The loudness handed over before commit.</summary>
        public BextLoudness? Loudness { get; private set; }

        /// <inheritdoc/>
        public void SetLoudness(BextLoudness loudness) => Loudness = loudness;

        /// <inheritdoc/>
        public void Commit()
        {
            if (failCommit) throw new IOException($"{Path}: simulated commit failure");
            Committed = true;
        }

        /// <inheritdoc/>
        public void Dispose() => Disposed = true;
    }
}
