using MixEngine.Files;

namespace MixEngine.Tests.Support;

/// <summary>
/// Test media held in memory as planar doubles, served through <see cref="IMediaOpener"/>/<see cref="IMediaReader"/>.
/// Optionally throws after a number of reads, to simulate a disk failure in the middle of a render.
/// </summary>
public sealed class InMemoryMedia : IMediaOpener
{
    private readonly Dictionary<string, double[][]> _files = new();
    private int _totalReads;

    /// <summary>When set, every reader throws <see cref="IOException"/> on the read after this many successful reads.</summary>
    public int? FailAfterReads { get; set; }

    /// <summary>Called before every read with the number of reads so far (across all readers).</summary>
    public Action<int>? BeforeRead { get; set; }

    /// <summary>Paths opened so far (full paths as the plan resolved them).</summary>
    public List<string> Opened { get; } = new();

    /// <summary>Readers not yet disposed.</summary>
    public int OpenReaders { get; private set; }

    /// <summary>Adds a file under <paramref name="fullPath"/> with planar <paramref name="channels"/>.</summary>
    public void Add(string fullPath, params double[][] channels) => _files[fullPath] = channels;

    /// <inheritdoc/>
    public IMediaReader Open(string path)
    {
        if (!_files.TryGetValue(path, out var data)) throw new FileNotFoundException($"no in-memory media at {path}", path);
        Opened.Add(path);
        OpenReaders++;
        return new Reader(this, path, data);
    }

    private sealed class Reader(InMemoryMedia owner, string path, double[][] data) : IMediaReader
    {
        private int _reads;

        public MediaFormatException? ReadFailure { get; private set; }

        public MediaInfo Info { get; } = new(path, data.Length, 48000, data[0].Length, SampleFormat.Float64, 0, null, "RIFF");

        public void RtReadPlanar(long sourceFrame, int count, ReadOnlySpan<int> channelMap, double[][] destination, int destinationOffset)
        {
            owner.BeforeRead?.Invoke(Interlocked.Increment(ref owner._totalReads) - 1);
            if (owner.FailAfterReads is int limit && _reads++ >= limit)
            {
                // As a real reader: no exception on the render thread; zeros delivered, the failure kept for the control side.
                ReadFailure ??= new MediaFormatException(path, "data", sourceFrame * 8, "simulated read failure");
                foreach (var target in destination.AsSpan(0, channelMap.Length)) Array.Clear(target, destinationOffset, count);
                return;
            }
            for (int k = 0; k < channelMap.Length; k++)
            {
                var source = data[channelMap[k]];
                var target = destination[k];
                for (int i = 0; i < count; i++)
                {
                    long f = sourceFrame + i;
                    target[destinationOffset + i] = f >= 0 && f < source.Length ? source[f] : 0.0;
                }
            }
        }

        public void Dispose() => owner.OpenReaders--;
    }
}
