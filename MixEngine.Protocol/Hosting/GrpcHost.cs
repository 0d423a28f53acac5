using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MixEngine.ControlPlane;
using MixEngine.Protocol.Jobs;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.Services;
using Serilog;

namespace MixEngine.Protocol.Hosting;

/// <summary>
/// Composes the gRPC service host (docs/grpc.md): Kestrel on HTTP/2 (TLS when a certificate is configured), the
/// interceptors (errors outermost, then auth, then the stream limit), the mixengine.v1 services over one
/// <see cref="MixControl"/> (SurfacesService over the <see cref="ISurfaceMappings"/> that <paramref name="configure"/> registers, none by default), grpc.health.v1 (SERVING once the audio device has rendered a block) and server reflection. Only composition lives here; behaviour is in the
/// services and interceptors. Build and start on the control side; requests are served on thread-pool threads.
/// </summary>
public static class GrpcHost
{
    /// <summary>
    /// Builds the host for <paramref name="control"/> with <paramref name="options"/> (validated first: throws
    /// <see cref="ArgumentException"/> naming the setting); <paramref name="configure"/> may adjust the builder (tests
    /// swap Kestrel for an in-memory server). Start it with <c>StartAsync</c>; disposing it cancels render jobs.
    /// </summary>
    public static WebApplication Build(MixControl control, GrpcHostOptions options, ILogger log, Action<WebApplicationBuilder>? configure = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseSerilog(log, dispose: false);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes + 5L;
            void Endpoint(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.CertificatePath is { } path) listen.UseHttps(LoadCertificate(path, options.CertificateKeyPath));
            }
            if (options.Host == "localhost") kestrel.ListenLocalhost(options.Port, Endpoint);
            else kestrel.Listen(IPAddress.Parse(options.Host), options.Port, Endpoint);
        });
        var roots = new PathRoots(Path.GetFullPath(options.MediaRoot), Path.GetFullPath(options.RenderRoot));
        builder.Services.AddSingleton(control);
        builder.Services.AddSingleton<IMixControl>(control);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(roots);
        builder.Services.AddSingleton<Callers>();
        var history = new SessionHistory(control, options.BlockSize);
        builder.Services.AddSingleton(history);
        builder.Services.AddSingleton(new AutomationDesk(control, history));
        builder.Services.AddSingleton(_ => new RenderJobs(Math.Max(1, Environment.ProcessorCount / 2)));
        builder.Services.AddSingleton<AuthInterceptor>();
        builder.Services.AddSingleton<StreamLimitInterceptor>();
        builder.Services.AddSingleton<ISurfaceMappings>(NoSurfaceMappings.Instance);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxRequestBytes;
            grpc.EnableDetailedErrors = false;
            grpc.Interceptors.Add<ErrorInterceptor>();
            grpc.Interceptors.Add<AuthInterceptor>();
            grpc.Interceptors.Add<StreamLimitInterceptor>();
        });
        builder.Services.AddGrpcHealthChecks(health => health.UseHealthChecksCache = false)
            .AddCheck("engine", () => control.Transport.BlocksRendered > 0
                ? HealthCheckResult.Healthy($"{control.Transport.BlocksRendered} blocks rendered")
                : HealthCheckResult.Unhealthy("the audio device has not rendered a block yet"));
        builder.Services.AddGrpcReflection();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<MixerApi>();
        app.MapGrpcService<TransportApi>();
        app.MapGrpcService<EventsApi>();
        app.MapGrpcService<MetersApi>();
        app.MapGrpcService<SessionApi>();
        app.MapGrpcService<RenderApi>();
        app.MapGrpcService<AutomationApi>();
        app.MapGrpcService<SurfacesApi>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The address the started host listens on (e.g. <c>http://127.0.0.1:50051</c>), with the real port when 0 was asked.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";

    private static X509Certificate2 LoadCertificate(string path, string? keyPath)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            return X509CertificateLoader.LoadPkcs12FromFile(path, null);
        using var pem = X509Certificate2.CreateFromPemFile(path, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
