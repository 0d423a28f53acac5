using MixEngine.Realtime;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>serve --block-trace FILE</c>: the engine keeps a per-period trace (<see cref="BlockTrace"/>) of the newest
/// <see cref="Capacity"/> periods, and on stop, after the device stopped, serve writes it to FILE as CSV
/// (<see cref="BlockTraceReport"/>) and logs its summary. Control side (the main thread).
/// </summary>
internal static class ServeBlockTrace
{
    /// <summary>Periods kept: 2^19 (about 23 minutes at 128 frames and 48 kHz, 11 at 64; 112 bytes each, 56 MiB).</summary>
    public const int Capacity = 1 << 19;

    /// <summary>Writes the engine's trace to <paramref name="path"/> and logs the summary; a failed write is logged, not thrown.</summary>
    public static void Write(RealtimeEngine engine, string path, ILogger log)
    {
        if (engine.Trace is not { } trace) return;
        var records = trace.Records();
        try
        {
            BlockTraceReport.WriteCsv(path, records);
            log.Information("Block trace of {Periods} periods (of {Traced} traced) written to {Path}", records.Length, trace.Periods, Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("Block trace could not be written to {Path}: {Reason}", Path.GetFullPath(path), e.Message);
        }
        foreach (string line in BlockTraceReport.Summarize(records, trace.PeriodMicroseconds)) log.Information("{Line}", line);
    }
}
