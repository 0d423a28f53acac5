using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Graph.Nodes;
using MixEngine.Session;

namespace MixEngine.Offline;

/// <summary>
/// The offline driver: compiles a session into a <see cref="RenderPlan"/>, opens one print writer per
/// <see cref="PrintOutput"/>, renders the requested range block by block (tracks, then buses level by level, each phase
/// spread over a fixed team of <see cref="RenderWorkers"/>; each block's prints are written during the next block's track
/// phase, overlapping disk and conversion work with rendering), measures sample peaks, reports progress,
/// and commits every print only after the whole range succeeded. On an exception or cancellation the writers are
/// disposed without commit (their temporary files deleted) and the exception propagates, so no partial file remains.
/// While rendering, the GC latency mode is SustainedLowLatency (restored afterwards).
/// Call from a control thread; it blocks until the render ends. Not reentrant per output directory.
/// </summary>
public static class OfflineRenderer
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Renders <paramref name="request"/>'s range of <paramref name="session"/> into Broadcast WAV prints; media come from
    /// <paramref name="opener"/> (default <see cref="WavMediaOpener.Instance"/>). Control thread; throws for invalid
    /// requests, media and write errors, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static RenderReport Render(MixSession session, RenderRequest request, IMediaOpener? opener = null,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Render(session, request, opener, progress, cancellationToken, BwfPrintWriterFactory.Instance);

    /// <summary>As <see cref="Render(MixSession, RenderRequest, IMediaOpener?, IProgress{RenderProgress}?, CancellationToken)"/> with the print writers made by <paramref name="writerFactory"/>.</summary>
    public static RenderReport Render(MixSession session, RenderRequest request, IMediaOpener? opener,
        IProgress<RenderProgress>? progress, CancellationToken cancellationToken, IPrintWriterFactory writerFactory)
    {
        Validate(request);
        int threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;
        var origination = request.Origination ?? DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var processorTime = Environment.CpuUsage.TotalTime;
        var previousLatency = GCSettings.LatencyMode;
        RenderPlan? plan = null;
        RenderWorkers? workers = null;
        var writers = new List<IPrintWriter>();
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
            plan = RenderPlanBuilder.Build(session, new RenderPlanOptions(request.BlockSize), opener ?? WavMediaOpener.Instance);
            var printBuses = new BusNode[session.Outputs.Count];
            string directory = Path.GetFullPath(request.OutputDirectory);
            Directory.CreateDirectory(directory);
            for (int i = 0; i < session.Outputs.Count; i++)
            {
                var output = session.Outputs[i];
                var bus = session.Buses.FirstOrDefault(b => b.Id == output.Bus)
                    ?? throw new InvalidOperationException($"$.outputs[{i}].bus: unknown bus '{output.Bus}'");
                printBuses[i] = plan.Bus(output.Bus);
                string path = Path.GetFullPath(Path.Combine(directory, output.File));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                writers.Add(writerFactory.Create(path, output.Layout, PrintMetadata.For(session, output, bus, request, origination)));
            }
            // Dialogue gating is measured for deliverable prints (buses that feed no other bus: the printmaster), not stems.
            var deliverable = session.Outputs.Select(o => DeliverablePrint.Is(session, o.Bus)).ToArray();
            int dialogue = DialogueStem.FindPrint(session);
            var conform = ConformByPrint(session, request);
            var prints = new PrintPhase(printBuses, writers.ToArray(), request.BlockSize, session.SampleRate, dialogue, deliverable, conform);
            workers = threads > 1 ? new RenderWorkers(threads) : null;
            RenderRange(plan, prints, workers, request, progress, clock, cancellationToken);
            prints.RtFlushConform();
            var loudness = Measurements(session, writers, prints, request);
            CommitAll(writers, loudness);
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (Environment.CpuUsage.TotalTime - processorTime).TotalSeconds;
            return Report(session, request, threads, writers, prints, loudness, dialogue, seconds, conform)
                with { NonFiniteResets = plan.NonFiniteResets(), RenderCpuSeconds = cpuSeconds };
        }
        finally
        {
            workers?.Dispose();
            foreach (var w in writers) w.Dispose();
            plan?.Dispose();
            GCSettings.LatencyMode = previousLatency;
        }
    }

    private static void RenderRange(RenderPlan plan, PrintPhase prints, RenderWorkers? workers, RenderRequest request,
        IProgress<RenderProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        long total = request.Frames;
        var nextReport = TimeSpan.Zero;
        // The plan's outputs lag the timeline by its latency: render that much further and drop as much at the head, so
        // print sample 0 is timeline sample RangeStart.
        long latency = plan.LatencySamples;
        long renderEnd = request.RangeEnd + latency;
        for (long position = request.RangeStart; position < renderEnd;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = plan.RtBlockLimit(position, (int)Math.Min(request.BlockSize, renderEnd - position));
            plan.RtRenderBlock(position, count, workers, prints, prints.HasStaged ? prints.ItemCount : 0);
            if (plan.MediaFailure is { } failure) throw failure;
            int skip = (int)Math.Clamp(request.RangeStart + latency - position, 0, count);
            position += count;
            if (skip == count) continue;
            prints.RtStage(count, skip);
            if (progress is not null && (clock.Elapsed >= nextReport || position == renderEnd))
            {
                nextReport = clock.Elapsed + ProgressInterval;
                long done = position - latency - request.RangeStart;
                progress.Report(new RenderProgress(total == 0 ? 1.0 : (double)done / total, done, total,
                    Speed(done, plan.SampleRate, clock.Elapsed.TotalSeconds), clock.Elapsed));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (!prints.HasStaged) return;
        if (workers is null) for (int i = 0; i < prints.ItemCount; i++) prints.RtRunItem(i);
        else workers.RunPhase(prints, prints.ItemCount);
    }

    private static FileLoudness[] Measurements(MixSession session, List<IPrintWriter> writers, PrintPhase prints, RenderRequest request)
    {
        var result = new FileLoudness[writers.Count];
        for (int i = 0; i < writers.Count; i++)
        {
            var layout = session.Buses.First(b => b.Id == session.Outputs[i].Bus).Format;
            result[i] = LoudnessAnalysis.Summarise(prints.Meters[i], writers[i].Paths[0], layout.Name, request.Frames)
                with { Dialogue = prints.DialogueMeters[i]?.Result() };
        }
        return result;
    }

    // Commits every print with its loudness in the bext v2 fields of each of its files (multi-mono files carry the
    // loudness of the whole print). On any failure the files already committed are deleted.
    private static void CommitAll(List<IPrintWriter> writers, FileLoudness[] loudness)
    {
        var committed = new List<IPrintWriter>();
        try
        {
            for (int i = 0; i < writers.Count; i++)
            {
                var w = writers[i];
                var m = loudness[i];
                w.SetLoudness(new BextLoudness(m.IntegratedLufs, m.LoudnessRangeLu, m.TruePeakDbtp, m.MaxMomentaryLufs, m.MaxShortTermLufs));
                w.Commit();
                committed.Add(w);
            }
        }
        catch
        {
            foreach (var w in committed)
                foreach (var p in w.Paths) File.Delete(p);
            throw;
        }
    }

    // The conform of each print (null: as mixed); a conform naming a bus that is not printed is refused before anything is written.
    private static PrintConform?[] ConformByPrint(MixSession session, RenderRequest request)
    {
        var result = new PrintConform?[session.Outputs.Count];
        if (request.Conform is null) return result;
        foreach (var (bus, conform) in request.Conform)
        {
            int index = session.Outputs.ToList().FindIndex(o => o.Bus == bus);
            if (index < 0)
                throw new ArgumentException($"RenderRequest.Conform: bus '{bus}' is not printed; printed buses: {string.Join(", ", session.Outputs.Select(o => o.Bus))}", nameof(request));
            if (!double.IsFinite(conform.GainDb) || conform.LimiterCeilingDbtp is { } c && !(c <= 0.0))
                throw new ArgumentException($"RenderRequest.Conform['{bus}']: gain {conform.GainDb} dB and ceiling {conform.LimiterCeilingDbtp} dBTP; a finite gain and a ceiling ≤ 0 dBTP expected", nameof(request));
            result[index] = conform;
        }
        return result;
    }

    private static RenderReport Report(MixSession session, RenderRequest request, int threads, List<IPrintWriter> writers, PrintPhase prints,
        FileLoudness[] loudness, int dialogue, double seconds, PrintConform?[] conform)
    {
        var reports = new List<PrintReport>();
        int files = 0;
        double speed = Speed(request.Frames, session.SampleRate, seconds);
        for (int i = 0; i < writers.Count; i++)
        {
            var output = session.Outputs[i];
            var layout = session.Buses.First(b => b.Id == output.Bus).Format;
            var peaks = new double?[layout.ChannelCount];
            for (int c = 0; c < peaks.Length; c++)
            {
                double db = Decibels.FromGain(prints.Peaks[i][c]);
                peaks[c] = double.IsNegativeInfinity(db) ? null : db;
            }
            files += writers[i].Paths.Count;
            reports.Add(new PrintReport(output.Bus, writers[i].Paths.ToArray(), layout.ChannelCount, layout.Name, layout.Labels.ToArray(),
                JsonNamingPolicy.CamelCase.ConvertName(output.Layout.ToString()), JsonNamingPolicy.CamelCase.ConvertName(output.Format.ToString()),
                session.SampleRate, writers[i].FramesWritten, session.StartSamplesSinceMidnight + request.RangeStart, peaks, seconds, speed,
                PrintLoudnessReport.From(loudness[i], dialogue >= 0 ? session.Outputs[dialogue].Bus : null),
                Conform: conform[i] is { } applied ? new AppliedConform(applied.GainDb, applied.LimiterCeilingDbtp, prints.MaxConformReductionDb(i)) : null));
        }
        return new RenderReport(session.Name, session.SampleRate, request.RangeStart, request.RangeEnd, request.Frames, threads,
            request.BlockSize, seconds, speed, files, reports)
        {
            Loudness = loudness.Select((m, i) => new PrintLoudness(m, prints.Meters[i].Timeline, null)).ToList(),
        };
    }

    private static double Speed(long frames, int sampleRate, double seconds) =>
        seconds > 0 ? frames / (double)sampleRate / seconds : 0.0;

    private static void Validate(RenderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.OutputDirectory))
            throw new ArgumentException("RenderRequest.OutputDirectory is empty; a folder for the prints is expected", nameof(request));
        if (request.RangeStart < 0 || request.RangeEnd < request.RangeStart)
            throw new ArgumentException(
                $"RenderRequest range {request.RangeStart}…{request.RangeEnd} is invalid; 0 ≤ start ≤ end (timeline samples) expected", nameof(request));
        if (request.BlockSize is < 1 or > 65536)
            throw new ArgumentException($"RenderRequest.BlockSize is {request.BlockSize}; 1 … 65536 samples expected", nameof(request));
    }
}
