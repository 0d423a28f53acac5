using System.Threading.Channels;
using Grpc.Core;
using MixEngine.ControlPlane;

namespace MixEngine.Protocol.Services;

/// <summary>
/// Bridges the feedback hub to one server stream: a subscriber that turns hub callbacks into messages on a bounded
/// channel (the hub already coalesces parameters and meters to the newest value, so the channel only absorbs bursts;
/// when a reader stalls past <see cref="Capacity"/> messages the oldest are dropped, never the hub blocked), and a loop
/// that writes them until the call is cancelled or its deadline passes. Hub thread in, request thread out.
/// </summary>
internal abstract class FeedbackStream<T> : IFeedbackSubscriber
{
    /// <summary>Messages buffered for a slow reader.</summary>
    public const int Capacity = 4096;

    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = true,
    });

    /// <summary>Queues a message for the stream; hub thread.</summary>
    protected void Post(T message) => _channel.Writer.TryWrite(message);

    /// <summary>Subscribes at <paramref name="rates"/> and writes messages to <paramref name="stream"/> until the call ends; request thread.</summary>
    public async Task Run(IFeedbackHub hub, FeedbackRates rates, IServerStreamWriter<T> stream, CancellationToken cancel)
    {
        using var subscription = hub.Subscribe(this, rates);
        try
        {
            await foreach (var message in _channel.Reader.ReadAllAsync(cancel))
                await stream.WriteAsync(message, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client cancelled or its deadline passed: the stream ends normally.
        }
    }

    /// <inheritdoc/>
    public virtual void OnParameterChanged(in ParameterChange change) { }

    /// <inheritdoc/>
    public virtual void OnTouchChanged(in TouchChange change) { }

    /// <inheritdoc/>
    public virtual void OnTransport(in TransportSnapshot transport) { }

    /// <inheritdoc/>
    public virtual void OnMeters(IMeterReadings meters) { }
}
