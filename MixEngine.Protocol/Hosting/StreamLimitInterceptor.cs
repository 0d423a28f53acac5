using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MixEngine.Protocol.Hosting;

/// <summary>
/// Caps the server streams open at once over all clients (<see cref="GrpcHostOptions.MaxStreams"/>): one more is refused
/// with RESOURCE_EXHAUSTED before it starts, so a client opening streams in a loop cannot exhaust the server. Thread-safe.
/// </summary>
public sealed class StreamLimitInterceptor(GrpcHostOptions options) : Interceptor
{
    private int _open;

    /// <summary>Streams open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (Interlocked.Increment(ref _open) > options.MaxStreams)
        {
            Interlocked.Decrement(ref _open);
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"{options.MaxStreams} streams are already open on this server (maxStreams); close one or raise the limit"));
        }
        try
        {
            await continuation(request, responseStream, context);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
