using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>What to render: where the prints go, which timeline range, on how many threads, in which block size. Immutable; any thread.</summary>
/// <param name="OutputDirectory">Folder the session's print files are written to (created when missing).</param>
/// <param name="RangeStart">First timeline sample rendered (samples from the session start).</param>
/// <param name="RangeEnd">Timeline sample just after the last one rendered.</param>
/// <param name="Threads">Render threads including the driver thread (1 = single-threaded).</param>
/// <param name="BlockSize">Samples per block (1 … 65536); the output does not depend on it.</param>
/// <param name="Origination">bext origination date/time; null = the UTC time the render starts (set it for byte-identical files).</param>
/// <param name="Conform">Loudness conforms by printed bus id (gain, optional true-peak limiter; see <see cref="LoudnessConform"/>); null or empty = print as mixed.</param>
public sealed record RenderRequest(string OutputDirectory, long RangeStart, long RangeEnd, int Threads, int BlockSize, DateTime? Origination = null,
    IReadOnlyDictionary<string, PrintConform>? Conform = null)
{
    /// <summary>A request for the whole session (0 to <see cref="SessionLength"/>); control side.</summary>
    public static RenderRequest WholeSession(MixSession session, string outputDirectory, int threads = 2, int blockSize = RenderPlanOptions.DefaultBlockSize) =>
        new(outputDirectory, 0, SessionLength(session), threads, blockSize);

    /// <summary>The session's end in timeline samples: its explicit end, or the end of its last clip (0 when empty); control side.</summary>
    public static long SessionLength(MixSession session)
    {
        if (session.End is long end) return end;
        long last = 0;
        foreach (var t in session.Tracks)
            foreach (var c in t.Clips) last = Math.Max(last, c.EndPosition);
        return last;
    }

    /// <summary>Frames in the range.</summary>
    public long Frames => RangeEnd - RangeStart;
}
