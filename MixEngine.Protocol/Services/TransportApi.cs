using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;
using MixEngine.Realtime;
using MixEngine.Session;
using EngineTransportState = MixEngine.ControlPlane.TransportState;
using TransportState = MixEngine.Protocol.V1.TransportState;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.TransportService</c>: a thin adapter over the transport calls of <see cref="IMixControl"/>. Commands
/// are queued for the audio thread and not awaited, so the returned status is the one published before they apply.
/// Request threads, concurrently.
/// </summary>
public sealed class TransportApi(MixControl control, Callers callers, PathRoots roots) : TransportService.TransportServiceBase
{
    /// <inheritdoc/>
    public override Task<TransportStatus> Play(PlayRequest request, ServerCallContext context)
    {
        control.Play(callers.ClientOf(context));
        return Status();
    }

    /// <inheritdoc/>
    public override Task<TransportStatus> Stop(StopRequest request, ServerCallContext context)
    {
        control.Stop(callers.ClientOf(context));
        return Status();
    }

    /// <inheritdoc/>
    public override Task<TransportStatus> Locate(LocateRequest request, ServerCallContext context)
    {
        var client = callers.ClientOf(context);
        switch (request.TargetCase)
        {
            case LocateRequest.TargetOneofCase.PositionSamples:
                if (request.PositionSamples < 0) throw new ArgumentException($"position_samples: {request.PositionSamples} is before the session start; expected 0 or more");
                control.Locate(client, request.PositionSamples);
                break;
            case LocateRequest.TargetOneofCase.Timecode:
                var rate = control.Session.TimecodeRate;
                if (!Timecode.TryParse(request.Timecode, rate, out var timecode, out string error))
                    throw new ArgumentException($"timecode: {error}");
                control.Locate(client, timecode);
                break;
            case LocateRequest.TargetOneofCase.MarkerName:
                control.LocateToMarker(client, request.MarkerName);
                break;
            case LocateRequest.TargetOneofCase.MarkerNumber:
                control.LocateToMarker(client, request.MarkerNumber);
                break;
            case LocateRequest.TargetOneofCase.MarkerStep when request.MarkerStep == MarkerStep.Next:
                control.LocateToNextMarker(client);
                break;
            case LocateRequest.TargetOneofCase.MarkerStep when request.MarkerStep == MarkerStep.Previous:
                control.LocateToPreviousMarker(client);
                break;
            case LocateRequest.TargetOneofCase.MarkerStep:
                throw new ArgumentException($"marker_step: {request.MarkerStep} is not a step; expected MARKER_STEP_NEXT or MARKER_STEP_PREVIOUS");
            default:
                throw new ArgumentException("target: set position_samples, timecode, marker_name, marker_number or marker_step");
        }
        return Status();
    }

    /// <inheritdoc/>
    public override Task<TransportStatus> SetLoop(SetLoopRequest request, ServerCallContext context)
    {
        LoopRange? loop = request.Enabled ? new LoopRange(request.StartSamples, request.EndSamples) : null;
        try
        {
            loop?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{(e.ParamName == "Start" ? "start_samples" : "end_samples")}: {e.Message}");
        }
        control.SetLoop(callers.ClientOf(context), loop);
        return Status();
    }

    /// <inheritdoc/>
    public override Task<TransportStatus> SetPreRoll(SetPreRollRequest request, ServerCallContext context)
    {
        if (request.PreRollSamples < 0) throw new ArgumentException($"pre_roll_samples: {request.PreRollSamples} is negative; expected 0 or more samples");
        control.SetPreRoll(callers.ClientOf(context), request.PreRollSamples);
        return Status();
    }

    /// <inheritdoc/>
    public override Task<RecordPrintStatus> SetRecordPrint(SetRecordPrintRequest request, ServerCallContext context)
    {
        var client = callers.ClientOf(context);
        if (!request.Armed)
        {
            if (request.OutputDirectory.Length > 0) throw new ArgumentException("output_directory: only arming takes a folder; send it with armed = true");
            if (control.StopRecordPrint(client) is not { } report) return Task.FromResult(new RecordPrintStatus());
            return Task.FromResult(new RecordPrintStatus
            {
                OutputDirectory = report.Directory, FramesWritten = report.Frames, OverrunFrames = report.OverrunFrames,
                Discontinuities = report.Discontinuities, Files = { report.Files }, RangeStartSamples = report.RangeStart,
                Failure = report.Failure ?? "", Continuous = report.IsContinuousRange,
            });
        }
        if (request.OriginationUnixSeconds < 0) throw new ArgumentException($"origination_unix_seconds: {request.OriginationUnixSeconds} is before 1970; expected 0 (now) or more");
        string directory = roots.Render(request.OutputDirectory, "output_directory");
        var options = RecordPrintOptions.Default with
        {
            Origination = request.OriginationUnixSeconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(request.OriginationUnixSeconds).UtcDateTime,
        };
        control.StartRecordPrint(client, directory, options);
        var progress = control.RecordPrinting;
        return Task.FromResult(new RecordPrintStatus
        {
            Armed = progress is not null, OutputDirectory = progress?.Directory ?? directory, FramesWritten = progress?.FramesWritten ?? 0,
            OverrunFrames = progress?.OverrunFrames ?? 0, Discontinuities = progress?.Discontinuities ?? 0,
        });
    }

    /// <inheritdoc/>
    public override Task<TransportStatus> GetTransport(GetTransportRequest request, ServerCallContext context) => Status();

    /// <inheritdoc/>
    public override Task WatchTransport(WatchTransportRequest request, IServerStreamWriter<TransportStatus> responseStream, ServerCallContext context)
    {
        double rate = request.MaxRateHz == 0 ? 25 : request.MaxRateHz;
        if (rate is < 1 or > 100) throw new ArgumentException($"max_rate_hz: {request.MaxRateHz} is out of range; expected 1 … 100 (or 0 for 25)");
        var rates = new FeedbackRates($"grpc transport {Callers.KeyOf(context).Name}", FeedbackRates.Never, TimeSpan.FromSeconds(1 / rate),
            FeedbackRates.Never, callers.ClientOf(context), EchoOwnChanges: true);
        return new TransportFeed(control.Session.SampleRate).Run(control.Feedback, rates, responseStream, context.CancellationToken);
    }

    /// <summary>The proto form of a transport snapshot.</summary>
    internal static TransportStatus ToProto(in TransportSnapshot t, int sampleRate) => new()
    {
        State = t.State switch
        {
            EngineTransportState.Playing => TransportState.Playing,
            EngineTransportState.PreRolling => TransportState.PreRolling,
            _ => TransportState.Stopped,
        },
        PositionSamples = t.Position,
        Timecode = t.Timecode.ToString(),
        Looping = t.Loop is not null,
        LoopStartSamples = t.Loop?.Start ?? 0,
        LoopEndSamples = t.Loop?.End ?? 0,
        PreRollSamples = t.PreRoll,
        BlocksRendered = t.BlocksRendered,
        SampleRate = sampleRate,
    };

    private Task<TransportStatus> Status() => Task.FromResult(ToProto(control.Transport, control.Session.SampleRate));

    private sealed class TransportFeed(int sampleRate) : FeedbackStream<TransportStatus>
    {
        public override void OnTransport(in TransportSnapshot transport) => Post(ToProto(transport, sampleRate));
    }
}
