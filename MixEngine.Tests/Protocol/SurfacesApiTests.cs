using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MixEngine.Protocol.Services;
using MixEngine.Protocol.V1;
using MixEngine.Server.Cli;
using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;

namespace MixEngine.Tests.Protocol;

public class SurfacesApiTests : IAsyncDisposable
{
    private readonly MidiLoopback _loop = new("grpc-learn");
    private readonly string _profilePath = Path.Combine(Directory.CreateTempSubdirectory("surfaces-api-").FullName, "desk.json");
    private MappedSurfaceHost? _host;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_profilePath)!, recursive: true);
    }

    /// <summary>A gRPC host whose session has one mapped surface (an in-memory loopback) with a one-fader profile saved at <see cref="_profilePath"/>.</summary>
    private GrpcFixture Fixture()
    {
        File.WriteAllText(_profilePath, """{ "mixengineSurfaceProfile": 1, "name": "desk", "strips": 1, "controls": [ { "midi": { "type": "cc14", "channel": 1, "number": 16 }, "target": "strip/1/fader" } ] }""");
        var deferred = new Deferred();
        var fixture = new GrpcFixture(services: s => s.AddSingleton<ISurfaceMappings>(deferred));
        var surface = new MappedSurface(fixture.Control, _loop.B, MappingProfileReader.Load(_profilePath), 48000, new MappedSurfaceOptions { ProfilePath = _profilePath });
        deferred.Inner = _host = new MappedSurfaceHost([("loopback", surface)], []);
        return fixture;
    }

    [Fact]
    public async Task Learn_over_gRPC_binds_the_next_control_moved_and_save_writes_it_into_the_profile_file()
    {
        using var f = Fixture();
        var surfaces = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.MixerKey));
        var list = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.ObserverKey)).ListMappedSurfaces(new ListMappedSurfacesRequest());
        Assert.Equal(("loopback", "desk", _profilePath, 1u), (list.Surfaces[0].Port, list.Surfaces[0].ProfileName, list.Surfaces[0].ProfilePath, list.Surfaces[0].Controls));

        var learn = surfaces.LearnAsync(new LearnRequest { Target = "transport/play", Name = "play key", TimeoutMs = 20_000 }).ResponseAsync;
        for (int i = 0; i < 40 && !learn.IsCompleted; i++)
        {
            // Until learn is armed the key means nothing (unhandled), so pressing it again is harmless.
            await _loop.A.SendAsync(new byte[] { 0x90, 0x5E, 0x7F, 0x90, 0x5E, 0x00 });
            await Task.WhenAny(learn, Task.Delay(500));
        }
        var learned = await learn;

        Assert.Equal(("loopback", "note ch1 #94", "transport/play"), (learned.Port, learned.Midi, learned.Target));
        Assert.Equal("""{"name":"play key","midi":{"type":"note","channel":1,"number":94},"command":"transport/play"}""", learned.ControlJson);
        Assert.Equal(StatusCode.PermissionDenied, RpcException(() => surfaces.SaveProfile(new SaveProfileRequest()))); // saving writes a file: admin
        var saved = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.AdminKey)).SaveProfile(new SaveProfileRequest { Port = "loopback" });
        Assert.Equal(_profilePath, saved.Path);
        Assert.Contains(MappingProfileReader.Load(_profilePath).Controls, c => c.Name == "play key" && c.Action.Command == MappingCommand.Play);

        await _loop.A.SendAsync(new byte[] { 0x90, 0x5E, 0x7F }); // the key now plays
        Assert.True(SpinWait.SpinUntil(() => f.Control.Transport.State != MixEngine.ControlPlane.TransportState.Stopped, 10_000));
    }

    [Fact]
    public void Learn_refuses_observers_unknown_ports_bad_targets_and_times_out_naming_the_wait()
    {
        using var f = Fixture();
        var mixer = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.MixerKey));
        var observer = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.ObserverKey));

        Assert.Equal(StatusCode.PermissionDenied, RpcException(() => observer.Learn(new LearnRequest { Target = "strip/1/fader" })));
        Assert.Equal(StatusCode.NotFound, RpcException(() => mixer.Learn(new LearnRequest { Port = "alsa:Nope/0", Target = "strip/1/fader" })));
        Assert.Equal(StatusCode.InvalidArgument, RpcException(() => mixer.Learn(new LearnRequest { Target = "fader one" })));
        Assert.Equal(StatusCode.InvalidArgument, RpcException(() => mixer.Learn(new LearnRequest { Target = "strip/1/pan/x", Relative = "spiral" })));
        var timeout = Assert.Throws<RpcException>(() => mixer.Learn(new LearnRequest { Target = "strip/1/fader", TimeoutMs = 300 }));
        Assert.Equal(StatusCode.DeadlineExceeded, timeout.StatusCode);
        Assert.Contains("within 300 ms", timeout.Status.Detail);
    }

    [Fact]
    public void Without_mapped_surfaces_learn_is_a_failed_precondition_naming_the_serve_option()
    {
        using var f = new GrpcFixture();
        var mixer = new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.MixerKey));

        var e = Assert.Throws<RpcException>(() => mixer.Learn(new LearnRequest { Target = "strip/1/fader" }));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("--map PORT=PROFILE", e.Status.Detail);
        Assert.Empty(new SurfacesService.SurfacesServiceClient(f.Channel(GrpcFixture.ObserverKey)).ListMappedSurfaces(new ListMappedSurfacesRequest()).Surfaces);
    }

    private static StatusCode RpcException(Action call) => Assert.Throws<RpcException>(call).StatusCode;

    /// <summary>Hands the service the host made after the fixture (the surface needs the fixture's control facade).</summary>
    private sealed class Deferred : ISurfaceMappings
    {
        public ISurfaceMappings Inner { get; set; } = NoSurfaceMappings.Instance;

        public IReadOnlyList<MappedSurfaceSummary> Surfaces => Inner.Surfaces;

        public Task<LearnedControl> LearnAsync(string port, string target, string? name, string? relative, CancellationToken cancellationToken) =>
            Inner.LearnAsync(port, target, name, relative, cancellationToken);

        public string SaveProfile(string port) => Inner.SaveProfile(port);
    }
}
