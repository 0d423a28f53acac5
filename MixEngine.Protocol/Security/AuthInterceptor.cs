using Grpc.Core;
using Grpc.Core.Interceptors;
using MixEngine.Protocol.Hosting;

namespace MixEngine.Protocol.Security;

/// <summary>
/// Checks the bearer API key of every <c>mixengine.v1</c> call against the configured keys and the least role the RPC
/// needs (<see cref="RpcRoles"/>): a missing or unknown key is UNAUTHENTICATED, a role too low is PERMISSION_DENIED, both
/// before the service runs. With no keys configured every caller is <see cref="Callers.Anonymous"/> (the host allows
/// that on loopback only). Health checking and reflection stay open. Any request thread.
/// </summary>
public sealed class AuthInterceptor(GrpcHostOptions options) : Interceptor
{
    private readonly Dictionary<string, ApiKey> _keys = options.ApiKeys.ToDictionary(k => k.Key, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    /// <inheritdoc/>
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        if (!context.Method.StartsWith("/mixengine.", StringComparison.Ordinal)) return;
        var required = RpcRoles.Required(context.Method)
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} has no role assigned; it is closed to every caller"));
        var key = Identify(context);
        if (key.Role < required)
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{context.Method} needs role {required.ToString().ToLowerInvariant()}; key '{key.Name}' has role {key.Role.ToString().ToLowerInvariant()}"));
        Callers.Attach(context, key);
    }

    private ApiKey Identify(ServerCallContext context)
    {
        if (_keys.Count == 0) return Callers.Anonymous;
        string? header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "no API key: send metadata 'authorization: Bearer KEY' with a key from the server's grpc configuration"));
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "authorization metadata must be 'Bearer KEY'"));
        if (!_keys.TryGetValue(header[scheme.Length..].Trim(), out var key))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "unknown API key; check the key against the server's grpc configuration"));
        return key;
    }
}
