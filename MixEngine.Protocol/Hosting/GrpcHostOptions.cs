using MixEngine.Protocol.Security;

namespace MixEngine.Protocol.Hosting;

/// <summary>
/// How the gRPC service is hosted (docs/grpc.md): where it listens, TLS, API keys and roles, the folders client paths
/// are confined to, and the limits that keep one client from exhausting the server. Immutable; read at start-up.
/// </summary>
/// <param name="Host">Listen address (IP or <c>localhost</c>); loopback by default.</param>
/// <param name="Port">TCP port; 0 picks a free one (tests).</param>
/// <param name="CertificatePath">PEM or PFX certificate for TLS, or null for plain HTTP/2.</param>
/// <param name="CertificateKeyPath">PEM private key beside a PEM certificate, or null (PFX, or key inside the PEM).</param>
/// <param name="RequireTls">True refuses to start without a certificate (a deployment that must never serve in clear).</param>
/// <param name="ApiKeys">Bearer keys and their roles; empty turns authentication off (allowed on loopback only).</param>
/// <param name="MediaRoot">Folder that session files and media paths of clients must stay inside.</param>
/// <param name="RenderRoot">Folder that render output folders of clients must stay inside.</param>
/// <param name="MaxRequestBytes">Largest request message accepted; larger ones get RESOURCE_EXHAUSTED.</param>
/// <param name="MaxStreams">Most server streams (events, meters, transport, render watches) open at once over all clients.</param>
/// <param name="MaxStreamsPerConnection">Most concurrent HTTP/2 streams per connection.</param>
/// <param name="BlockSize">Block size plans are built with when a session is loaded or edited (the engine's).</param>
public sealed record GrpcHostOptions(
    string Host,
    int Port,
    string? CertificatePath,
    string? CertificateKeyPath,
    bool RequireTls,
    IReadOnlyList<ApiKey> ApiKeys,
    string MediaRoot,
    string RenderRoot,
    int MaxRequestBytes,
    int MaxStreams,
    int MaxStreamsPerConnection,
    int BlockSize)
{
    /// <summary>The default port of <c>mixengine serve</c>.</summary>
    public const int DefaultPort = 50051;

    /// <summary>Defaults: 127.0.0.1:50051, no TLS, no keys, both roots the current folder, 4 MiB requests, 64 streams.</summary>
    public static GrpcHostOptions Default(string root, int blockSize) =>
        new("127.0.0.1", DefaultPort, null, null, false, [], root, root, 4 * 1024 * 1024, 64, 100, blockSize);

    /// <summary>True when the listen address is a loopback address (no other machine can connect).</summary>
    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the setting when the options cannot be served safely: TLS required
    /// without a certificate, a non-loopback address without API keys, a missing root, limits out of range. Control side.
    /// </summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"grpc port {Port} is out of range; expected 0 … 65535");
        if (RequireTls && CertificatePath is null) throw new ArgumentException("grpc requireTls is set but no certificate is configured; set certificate (PEM or PFX path)");
        if (CertificatePath is not null && !File.Exists(CertificatePath)) throw new ArgumentException($"grpc certificate {CertificatePath} does not exist");
        if (!IsLoopback && ApiKeys.Count == 0)
            throw new ArgumentException($"grpc address {Host} is reachable from other machines but no apiKeys are configured; add keys or listen on 127.0.0.1");
        if (!Directory.Exists(MediaRoot)) throw new ArgumentException($"grpc mediaRoot {MediaRoot} is not an existing folder");
        if (!Directory.Exists(RenderRoot)) throw new ArgumentException($"grpc renderRoot {RenderRoot} is not an existing folder");
        if (MaxRequestBytes is < 1024 or > 256 * 1024 * 1024) throw new ArgumentException($"grpc maxRequestBytes {MaxRequestBytes} is out of range; expected 1024 … 268435456");
        if (MaxStreams is < 1 or > 10000) throw new ArgumentException($"grpc maxStreams {MaxStreams} is out of range; expected 1 … 10000");
        var duplicate = ApiKeys.GroupBy(k => k.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"grpc apiKeys: the key of '{duplicate.First().Name}' is used twice; every key must be unique");
    }
}
