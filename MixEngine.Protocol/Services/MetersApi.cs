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
            if (request.Kinds[i] is MeterKind.Unspecified || !Enum.IsDefined(request.Kinds[i]))
                throw new ArgumentException($"kinds[{i}]: {request.Kinds[i]} is not a meter kind; expected METER_KIND_PEAK, _RMS, _TRUE_PEAK, _LOUDNESS or _GAIN_REDUCTION");
        var kinds = new MeterKinds(Wanted(MeterKind.Peak), Wanted(MeterKind.Rms), Wanted(MeterKind.TruePeak), Wanted(MeterKind.Loudness),
            Wanted(MeterKind.GainReduction));
        var strips = request.Strips.ToArray();
        var rates = new FeedbackRates($"grpc meters {Callers.KeyOf(context).Name}", FeedbackRates.Never, FeedbackRates.Never,
            TimeSpan.FromSeconds(1 / rate), callers.ClientOf(context));
        return new MeterFeed(control, strips, kinds).Run(control.Feedback, rates, responseStream, context.CancellationToken);

        bool Wanted(MeterKind kind) => request.Kinds.Count == 0 || request.Kinds.Contains(kind);
    }

    private readonly record struct MeterKinds(bool Peak, bool Rms, bool TruePeak, bool Loudness, bool GainReduction);

    private sealed class MeterFeed(MixControl control, string[] strips, MeterKinds kinds) : FeedbackStream<MeterFrame>
    {
        public override void OnMeters(IMeterReadings meters)
        {
            var frame = new MeterFrame { PositionSamples = control.Transport.Position };
            if (kinds.Loudness && meters.PrintmasterStrip >= 0) frame.PrintmasterIntegratedLufs = meters.IntegratedLufs;
            for (int s = 0; s < meters.StripCount; s++)
            {
                string name = meters.StripName(s);
                if (strips.Length > 0 && !strips.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
                var strip = new StripMeter { Strip = name };
                for (int c = 0; c < meters.ChannelCount(s); c++)
                {
                    if (kinds.Peak) strip.PeakDb.Add(meters.PeakDb(s, c));
                    if (kinds.Rms) strip.RmsDb.Add(meters.RmsDb(s, c));
                    if (kinds.TruePeak) strip.TruePeakDb.Add(meters.TruePeakDb(s, c));
                }
                if (kinds.Loudness)
                {
                    strip.MomentaryLufs = meters.MomentaryLufs(s);
                    strip.ShortTermLufs = meters.ShortTermLufs(s);
                }
                if (kinds.GainReduction) strip.GainReductionDb = meters.GainReductionDb(s);
                frame.Strips.Add(strip);
            }
            Post(frame);
        }
    }
}
