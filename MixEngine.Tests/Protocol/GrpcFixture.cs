using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Protocol.Hosting;
using MixEngine.Protocol.Security;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;
using Serilog;

namespace MixEngine.Tests.Protocol;

/// <summary>
/// The gRPC host over an in-memory test server: the sine session of <see cref="SineSessionFolder"/> (track "DX 1" into
/// mono bus "Printmaster", printed as PM.wav) playing on a real-time null device through a <see cref="MixControl"/>,
/// with three API keys (one per role), media root = the session folder, render root = its "renders" subfolder.
/// With <c>overTcp</c> the host listens on Kestrel at a free loopback port instead (<see cref="Address"/>), for tests
/// of what only a real socket shows (TLS).
/// </summary>
internal sealed class GrpcFixture : IDisposable
{
    public const string ObserverKey = "observer-key-0123456789";
    public const string MixerKey = "mixer-key-0123456789abc";
    public const string AdminKey = "admin-key-0123456789abcd";
    public const int Block = 128;

    private readonly NullClockDevice _device;
    private readonly WebApplication _app;
    private readonly TestServer? _server;

    public GrpcFixture(Func<GrpcHostOptions, GrpcHostOptions>? adjust = null, bool overTcp = false, Action<IServiceCollection>? services = null)
    {
        Folder = new SineSessionFolder();
        RenderRoot = Path.Combine(Folder.Directory, "renders");
        Directory.CreateDirectory(RenderRoot);
        Session = SessionReader.Load(Folder.SessionPath);
        Engine = new RealtimeEngine(RenderPlanBuilder.Build(Session, new RenderPlanOptions(Block), WavMediaOpener.Instance), [("pm", 0)], Block);
        _device = new NullClockDevice(Session.SampleRate, Block, NullClockPace.RealTime);
        _device.Open(Engine.PortNames());
        Control = new MixControl(Engine);
        _device.Start(Engine);
        var options = GrpcHostOptions.Default(Folder.Directory, Block) with
        {
            Port = 0,
            RenderRoot = RenderRoot,
            ApiKeys =
            [
                new ApiKey("qc", ObserverKey, Role.Observer),
                new ApiKey("desk", MixerKey, Role.Mixer),
                new ApiKey("ops", AdminKey, Role.Admin),
            ],
        };
        Options = adjust?.Invoke(options) ?? options;
        _app = GrpcHost.Build(Control, Options, new LoggerConfiguration().CreateLogger(), b =>
        {
            if (!overTcp) b.WebHost.UseTestServer();
            services?.Invoke(b.Services);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        _server = overTcp ? null : _app.GetTestServer();
        Address = overTcp ? GrpcHost.Address(_app) : "";
    }

    /// <summary>The Kestrel address (<c>https://127.0.0.1:PORT</c> with a certificate) when listening over TCP; empty in memory.</summary>
    public string Address { get; }

    public SineSessionFolder Folder { get; }

    public string RenderRoot { get; }

    public MixSession Session { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public GrpcHostOptions Options { get; }

    /// <summary>A channel (in memory, or plaintext TCP to <see cref="Address"/>) that sends <paramref name="key"/> as bearer token on every call (none when null).</summary>
    public GrpcChannel Channel(string? key = AdminKey)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (key is not null) metadata.Add("authorization", $"Bearer {key}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(_server?.BaseAddress ?? new Uri(Address), new GrpcChannelOptions
        {
            HttpHandler = _server?.CreateHandler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        _device.Stop();
        Control.Dispose();
        Engine.Dispose();
        Folder.Dispose();
    }
}
