using Grpc.Core;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;

namespace MixEngine.Protocol.Services;

/// <summary>
/// <c>mixengine.v1.EventsService</c>: one feedback-hub subscription per call, turned into <see cref="Event"/> messages,
/// plus session changes from <see cref="SessionHistory"/>; the stream loops until the call's cancellation token fires.
/// Request threads; hub callbacks on the hub's thread.
/// </summary>
public sealed class EventsApi(MixControl control, Callers callers, SessionHistory history) : EventsService.EventsServiceBase
{
    /// <inheritdoc/>
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Event> responseStream, ServerCallContext context)
    {
        Check(request.ParameterIntervalMs, "parameter_interval_ms");
        Check(request.TransportIntervalMs, "transport_interval_ms");
        var rates = new FeedbackRates($"grpc events {Callers.KeyOf(context).Name}",
            TimeSpan.FromMilliseconds(request.ParameterIntervalMs),
            TimeSpan.FromMilliseconds(request.TransportIntervalMs == 0 ? 40 : request.TransportIntervalMs),
            FeedbackRates.Never, callers.ClientOf(context), request.EchoOwnChanges) { PlayedAutomation = PlayedInterval };
        var feed = new EventFeed(control);
        history.Changed += feed.OnSession;
        try
        {
            await feed.Run(control.Feedback, rates, responseStream, context.CancellationToken);
        }
        finally
        {
            history.Changed -= feed.OnSession;
        }
    }

    /// <summary>Shortest interval between deliveries of one parameter's played automation on an events stream (10 Hz: a log, not a motor fader).</summary>
    public static readonly TimeSpan PlayedInterval = TimeSpan.FromMilliseconds(100);

    private static void Check(int intervalMs, string field)
    {
        if (intervalMs is < 0 or > 1000) throw new ArgumentException($"{field}: {intervalMs} is out of range; expected 0 … 1000 ms");
    }

    private sealed class EventFeed(MixControl control) : FeedbackStream<Event>, IFeedbackSubscriber
    {
        public void OnAutomationModeChanged(in AutomationModeChange change) => Post(new Event
        {
            Mode = new AutomationModeChanged
            {
                Target = change.Target,
                Mode = change.Mode is { } m ? AutomationApi.ToProto(m.Mode) : V1.AutomationMode.Unspecified,
                Trim = change.Mode?.Trim ?? false,
                FollowsStrip = change.Mode is null,
            },
            Source = SourceName(change.Source),
        });

        public override void OnParameterChanged(in ParameterChange change) => Post(new Event
        {
            Parameter = new ParameterChanged
            {
                Address = change.Parameter.Address.ToString(), Value = change.Value, Normalized = change.Normalized, Played = change.Origin == ParameterOrigin.Played,
            },
            Source = change.Origin == ParameterOrigin.Played ? "automation" : SourceName(change.Source),
        });

        public override void OnTouchChanged(in TouchChange change) => Post(new Event
        {
            Touch = new TouchChanged { Address = change.Parameter.Address.ToString(), Touched = change.Touched },
            Source = SourceName(change.Source),
        });

        public override void OnTransport(in TransportSnapshot transport) => Post(new Event
        {
            Transport = TransportApi.ToProto(transport, control.Session.SampleRate),
            Source = "engine",
        });

        public void OnMarkers(MarkerState markers)
        {
            var changed = new MarkersChanged { Action = markers.Action };
            for (int i = 0; i < markers.Markers.Count; i++) changed.Markers.Add(SessionApi.ToProto(markers.Markers[i], i + 1, control));
            Post(new Event { Markers = changed, Source = SourceName(markers.ChangedBy) });
        }

        public void OnRecordArm(RecordArmState arms)
        {
            var changed = new RecordArmChanged();
            changed.Armed.AddRange(arms.Armed);
            changed.Armable.AddRange(arms.Armable);
            Post(new Event { RecordArm = changed, Source = SourceName(arms.ChangedBy) });
        }

        public void OnSession(SessionChanged change, string source) => Post(new Event { Session = change, Source = source });

        private string SourceName(ControlClientId id)
        {
            if (id == ControlClientId.None) return "engine";
            try
            {
                return control.ClientName(id);
            }
            catch (ArgumentException)
            {
                return $"client {id.Value}";
            }
        }
    }
}
