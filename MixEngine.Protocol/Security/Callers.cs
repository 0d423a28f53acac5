using System.Collections.Concurrent;
using Grpc.Core;
using MixEngine.ControlPlane;

namespace MixEngine.Protocol.Security;

/// <summary>
/// Who is calling: the API key that <see cref="AuthInterceptor"/> accepted (or the anonymous admin when keys are off),
/// and the control client registered for it, one per key name, so touches and echo suppression follow the key across
/// calls and connections. Thread-safe; any control thread.
/// </summary>
public sealed class Callers(IMixControl control)
{
    private const string UserStateKey = "mixengine.caller";
    private readonly ConcurrentDictionary<string, ControlClientId> _clients = new(StringComparer.Ordinal);

    /// <summary>The caller used when no API keys are configured (loopback only): full rights.</summary>
    public static readonly ApiKey Anonymous = new("anonymous", "", Role.Admin);

    /// <summary>Records the accepted key on the call; called by the auth interceptor.</summary>
    internal static void Attach(ServerCallContext context, ApiKey key) => context.UserState[UserStateKey] = key;

    /// <summary>The key accepted for this call.</summary>
    public static ApiKey KeyOf(ServerCallContext context) =>
        context.UserState.TryGetValue(UserStateKey, out var key) ? (ApiKey)key : Anonymous;

    /// <summary>The control client of this call's key (registered as <c>grpc NAME</c> on first use).</summary>
    public ControlClientId ClientOf(ServerCallContext context)
    {
        var key = KeyOf(context);
        return _clients.GetOrAdd(key.Name, name => control.RegisterClient($"grpc {name}"));
    }
}
