using System.Collections.Concurrent;
using System.Threading.Channels;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Offline.Delivery;
using MixEngine.Session;

namespace MixEngine.Protocol.Jobs;

/// <summary>
/// The render queue: jobs are started from a session snapshot and run one at a time on one background worker thread
/// (never the audio thread, which keeps playing), each an <see cref="OfflineRenderer"/> render, or a
/// <see cref="LoudnessConform"/> render when a delivery spec is named. Jobs are kept for the server's lifetime.
/// Thread-safe: start, cancel and reads from any request thread; rendering on the worker thread.
/// </summary>
public sealed class RenderJobs : IDisposable
{
    private readonly Channel<RenderJob> _queue = Channel.CreateUnbounded<RenderJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, RenderJob> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Thread _worker;
    private readonly int _threads;
    private int _next;

    /// <summary>Starts the worker; each render uses <paramref name="threads"/> threads.</summary>
    public RenderJobs(int threads)
    {
        _threads = threads;
        _worker = new Thread(Work) { Name = "render jobs", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _worker.Start();
    }

    /// <summary>Every job, oldest first.</summary>
    public IReadOnlyList<RenderJob> All => _jobs.Values.OrderBy(j => j.Number).ToList();

    /// <summary>
    /// Queues a render of <paramref name="session"/> (a snapshot) for <paramref name="range"/> into <paramref name="directory"/>,
    /// conformed to the shipped spec <paramref name="normalizeTo"/> when not null. Throws <see cref="ArgumentException"/>
    /// naming the field for an empty range or an unknown spec.
    /// </summary>
    public RenderJob Start(MixSession session, string directory, long start, long end, string? normalizeTo, string? normalizeBus, DateTime? origination)
    {
        if (end <= start) throw new ArgumentException($"end_samples: range {start} … {end} is empty; the session is {RenderRequest.SessionLength(session)} samples long");
        DeliverySpec? spec = null;
        if (normalizeTo is not null)
        {
            if (!DeliverySpecReader.ShippedNames.Contains(normalizeTo))
                throw new ArgumentException($"normalize_to: '{normalizeTo}' is not a shipped delivery spec; expected one of {string.Join(", ", DeliverySpecReader.ShippedNames)}");
            spec = DeliverySpecReader.Load(normalizeTo);
        }
        else if (normalizeBus is not null) throw new ArgumentException("normalize_bus: given without normalize_to");
        int number = Interlocked.Increment(ref _next);
        var request = new RenderRequest(directory, start, end, _threads, Graph.RenderPlanOptions.DefaultBlockSize, origination);
        var job = new RenderJob(number, $"render-{number}", session, request, spec, normalizeBus);
        _jobs[job.Id] = job;
        _queue.Writer.TryWrite(job);
        return job;
    }

    /// <summary>The job with <paramref name="id"/>; <see cref="RenderJobNotFoundException"/> (NOT_FOUND) when unknown.</summary>
    public RenderJob Find(string id) =>
        _jobs.TryGetValue(id, out var job) ? job : throw new RenderJobNotFoundException($"job_id: no render job '{id}'; ListRenders shows the jobs of this server");

    /// <summary>Stops the worker after cancelling every job; control side.</summary>
    public void Dispose()
    {
        foreach (var job in _jobs.Values) job.Cancel();
        _queue.Writer.TryComplete();
        _shutdown.Cancel();
        _worker.Join(TimeSpan.FromSeconds(10));
        _shutdown.Dispose();
    }

    private void Work()
    {
        try
        {
            while (_queue.Reader.WaitToReadAsync(_shutdown.Token).AsTask().GetAwaiter().GetResult())
                while (_queue.Reader.TryRead(out var job)) Run(job);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static void Run(RenderJob job)
    {
        if (!job.Begin()) return;
        try
        {
            var report = job.Spec is null
                ? OfflineRenderer.Render(job.Session, job.Request, WavMediaOpener.Instance, job, job.Cancellation)
                : LoudnessConform.Render(job.Session, job.Request, job.Spec, job.NormalizeBus, WavMediaOpener.Instance, job, job.Cancellation);
            job.Succeed(report);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled();
        }
        catch (Exception e)
        {
            job.Fail(e.Message);
        }
    }
}
