using System.Threading.Channels;
using Grpc.Core;
using MixEngine.Offline;
using MixEngine.Protocol.Jobs;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;
using ProtoJob = MixEngine.Protocol.V1.RenderJob;
using RenderJob = MixEngine.Protocol.Jobs.RenderJob;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.RenderService</c>: starts jobs on <see cref="RenderJobs"/> from a snapshot of the live session,
/// output folders confined to the render root (<see cref="PathRoots"/>); streams a job's progress until it finishes.
/// Request threads.
/// </summary>
public sealed class RenderApi(RenderJobs jobs, SessionHistory history, PathRoots roots) : RenderService.RenderServiceBase
{
    /// <inheritdoc/>
    public override Task<ProtoJob> StartRender(StartRenderRequest request, ServerCallContext context)
    {
        string directory = roots.Render(request.OutputDirectory, "output_directory");
        if (File.Exists(directory)) throw new ArgumentException($"output_directory: {directory} is a file; expected a folder");
        var session = history.Live();
        long end = request.EndSamples == 0 ? RenderRequest.SessionLength(session) : request.EndSamples;
        if (request.StartSamples < 0) throw new ArgumentException($"start_samples: {request.StartSamples} is before the session start");
        DateTime? origination = request.OriginationUnixSeconds == 0 ? null : DateTime.UnixEpoch.AddSeconds(request.OriginationUnixSeconds);
        var job = jobs.Start(session, directory, request.StartSamples, end, Empty(request.NormalizeTo), Empty(request.NormalizeBus), origination);
        return Task.FromResult(ToProto(job));
    }

    /// <inheritdoc/>
    public override async Task WatchRender(WatchRenderRequest request, IServerStreamWriter<ProtoJob> responseStream, ServerCallContext context)
    {
        var job = jobs.Find(request.JobId);
        var updates = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(RenderJob _) => updates.Writer.TryWrite(true);
        job.Changed += OnChanged;
        try
        {
            var cancel = context.CancellationToken;
            while (true)
            {
                var message = ToProto(job);
                await responseStream.WriteAsync(message, cancel);
                if (message.State is RenderJobState.Succeeded or RenderJobState.Failed or RenderJobState.Cancelled) return;
                await updates.Reader.ReadAsync(cancel);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching; the job goes on.
        }
        finally
        {
            job.Changed -= OnChanged;
        }
    }

    /// <inheritdoc/>
    public override Task<ProtoJob> CancelRender(CancelRenderRequest request, ServerCallContext context)
    {
        var job = jobs.Find(request.JobId);
        if (!job.Cancel()) throw new InvalidOperationException($"job_id: render job '{job.Id}' already {job.Phase.ToString().ToLowerInvariant()}; nothing to cancel");
        return Task.FromResult(ToProto(job));
    }

    /// <inheritdoc/>
    public override Task<ListRendersResponse> ListRenders(ListRendersRequest request, ServerCallContext context)
    {
        var response = new ListRendersResponse();
        foreach (var job in jobs.All) response.Jobs.Add(ToProto(job));
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public override Task<RenderReportResponse> GetRenderReport(GetRenderReportRequest request, ServerCallContext context)
    {
        var job = jobs.Find(request.JobId);
        var report = job.Result ?? throw new InvalidOperationException(
            $"job_id: render job '{job.Id}' is {job.Phase.ToString().ToLowerInvariant()}; a report exists once it has succeeded");
        var response = new RenderReportResponse { Job = ToProto(job), ReportJson = report.ToJson() };
        response.PrintPaths.AddRange(report.Prints.SelectMany(p => p.Paths));
        return Task.FromResult(response);
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static ProtoJob ToProto(RenderJob job)
    {
        var (fraction, progress) = job.Progress;
        return new ProtoJob
        {
            JobId = job.Id,
            State = job.Phase switch
            {
                RenderJobPhase.Queued => RenderJobState.Queued,
                RenderJobPhase.Running => RenderJobState.Running,
                RenderJobPhase.Succeeded => RenderJobState.Succeeded,
                RenderJobPhase.Failed => RenderJobState.Failed,
                _ => RenderJobState.Cancelled,
            },
            Fraction = fraction,
            FramesDone = progress.FramesDone,
            FramesTotal = job.Request.Frames,
            Speed = progress.Speed,
            Message = job.Message,
            OutputDirectory = job.Request.OutputDirectory,
            SessionName = job.Session.Name,
        };
    }
}
