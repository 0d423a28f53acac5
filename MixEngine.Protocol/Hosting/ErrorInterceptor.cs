using Grpc.Core;
using Grpc.Core.Interceptors;
using MixEngine.Automation;
using MixEngine.Offline;
using MixEngine.Protocol.Security;
using MixEngine.Session;
using Microsoft.Extensions.Logging;

namespace MixEngine.Protocol.Hosting;

/// <summary>
/// Maps engine exceptions to gRPC status codes with the engine's message (which names the address, field or path):
/// <see cref="ParameterAddressException"/>, <see cref="SessionValidationException"/>, <see cref="ConformException"/>,
/// <see cref="PassScriptException"/> and <see cref="ArgumentException"/> to INVALID_ARGUMENT; <see cref="PathConfinementException"/> to PERMISSION_DENIED;
/// missing files to NOT_FOUND; <see cref="InvalidOperationException"/> to FAILED_PRECONDITION; a cancelled call to
/// CANCELLED or DEADLINE_EXCEEDED. Anything else is INTERNAL and logged. Any request thread.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> log) : Interceptor
{
    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    /// <summary>The status for an exception thrown while serving <paramref name="context"/>.</summary>
    internal RpcException Map(Exception e, ServerCallContext context)
    {
        var code = e switch
        {
            MarkerNotFoundException => StatusCode.NotFound,
            ParameterAddressException or SessionValidationException or ConformException or PassScriptException or ArgumentException => StatusCode.InvalidArgument,
            PathConfinementException or UnauthorizedAccessException => StatusCode.PermissionDenied,
            FileNotFoundException or DirectoryNotFoundException or Jobs.RenderJobNotFoundException => StatusCode.NotFound,
            InvalidOperationException => StatusCode.FailedPrecondition,
            OperationCanceledException when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
            OperationCanceledException => StatusCode.Cancelled,
            _ => StatusCode.Internal,
        };
        if (code == StatusCode.Internal) log.LogError(e, "{Method} failed", context.Method);
        else log.LogInformation("{Method} refused with {Code}: {Message}", context.Method, code, e.Message);
        return new RpcException(new Status(code, e.Message));
    }
}
