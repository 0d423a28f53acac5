using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.MetersService</c>: a feedback-hub subscription at the requested meter rate whose readings are copied
/// (only the selected strips and kinds) into <see cref="MeterFrame"/> messages. Request threads; copies on the hub thread.
/// </summary>
public sealed class MetersApi(MixControl control, Callers callers) : MetersService.MetersServiceBase
{
    /// <inheritdoc/>
    public override Task StreamMeters(StreamMetersRequest request, IServerStreamWriter<MeterFrame> responseStream, ServerCallContext context)
    {
        double rate = request.RateHz == 0 ? 30 : request.RateHz;
        if (rate is < 1 or > 60) throw new ArgumentException($"rate_hz: {request.RateHz} is out of range; expected 1 … 60 (or 0 for 30)");
        for (int i = 0; i < request.Kinds.Count; i++)
            if (request.Kinds[i] is not (MeterKind.Peak or MeterKind.Rms))
                throw new ArgumentException($"kinds[{i}]: {request.Kinds[i]} is not a meter kind; expected METER_KIND_PEAK or METER_KIND_RMS");
        bool peak = request.Kinds.Count == 0 || request.Kinds.Contains(MeterKind.Peak);
        bool rms = request.Kinds.Count == 0 || request.Kinds.Contains(MeterKind.Rms);
        var strips = request.Strips.ToArray();
        var rates = new FeedbackRates($"grpc meters {Callers.KeyOf(context).Name}", FeedbackRates.Never, FeedbackRates.Never,
            TimeSpan.FromSeconds(1 / rate), callers.ClientOf(context));
        return new MeterFeed(control, strips, peak, rms).Run(control.Feedback, rates, responseStream, context.CancellationToken);
    }

    private sealed class MeterFeed(MixControl control, string[] strips, bool peak, bool rms) : FeedbackStream<MeterFrame>
    {
        public override void OnMeters(IMeterReadings meters)
        {
            var frame = new MeterFrame { PositionSamples = control.Transport.Position };
            for (int s = 0; s < meters.StripCount; s++)
            {
                string name = meters.StripName(s);
                if (strips.Length > 0 && !strips.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
                var strip = new StripMeter { Strip = name };
                for (int c = 0; c < meters.ChannelCount(s); c++)
                {
                    if (peak) strip.PeakDb.Add(meters.PeakDb(s, c));
                    if (rms) strip.RmsDb.Add(meters.RmsDb(s, c));
                }
                frame.Strips.Add(strip);
            }
            Post(frame);
        }
    }
}
