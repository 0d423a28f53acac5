using Google.Protobuf.Reflection;
using Grpc.Core;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class AuthInterceptorTests
{
    public static TheoryData<string?, string, StatusCode> Attempts => new()
    {
        { null, "GetParameters", StatusCode.Unauthenticated },
        { "not-a-configured-key-at-all", "GetParameters", StatusCode.Unauthenticated },
        { GrpcFixture.ObserverKey, "GetParameters", StatusCode.OK },
        { GrpcFixture.ObserverKey, "SetParameter", StatusCode.PermissionDenied },
        { GrpcFixture.ObserverKey, "Play", StatusCode.PermissionDenied },
        { GrpcFixture.MixerKey, "SetParameter", StatusCode.OK },
        { GrpcFixture.MixerKey, "SaveSession", StatusCode.PermissionDenied },
        { GrpcFixture.MixerKey, "StartRender", StatusCode.PermissionDenied },
        { GrpcFixture.AdminKey, "SaveSession", StatusCode.OK },
        { GrpcFixture.ObserverKey, "ListRenders", StatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_role_may_call_only_the_rpcs_of_its_level(string? key, string rpc, StatusCode expected)
    {
        using var f = new GrpcFixture();
        var channel = f.Channel(key);
        var mixer = new MixerService.MixerServiceClient(channel);
        var transport = new TransportService.TransportServiceClient(channel);
        var session = new SessionService.SessionServiceClient(channel);
        var render = new RenderService.RenderServiceClient(channel);
        Action call = rpc switch
        {
            "GetParameters" => () => mixer.GetParameters(new GetParametersRequest { Addresses = { "track/DX 1/fader" } }),
            "SetParameter" => () => mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -1, Mode = ValueMode.Absolute }),
            "Play" => () => transport.Play(new PlayRequest()),
            "SaveSession" => () => session.SaveSession(new SaveSessionRequest { Path = "saved.json" }),
            "StartRender" => () => render.StartRender(new StartRenderRequest { OutputDirectory = "denied" }),
            _ => () => render.ListRenders(new ListRendersRequest()),
        };
        var code = StatusCode.OK;
        try
        {
            call();
        }
        catch (RpcException e)
        {
            code = e.StatusCode;
            Assert.False(string.IsNullOrWhiteSpace(e.Status.Detail));
        }
        Assert.Equal(expected, code);
        if (expected == StatusCode.PermissionDenied && rpc == "SaveSession") Assert.False(File.Exists(Path.Combine(f.Folder.Directory, "saved.json")));
        if (expected == StatusCode.PermissionDenied && rpc == "StartRender") Assert.False(Directory.Exists(Path.Combine(f.RenderRoot, "denied")));
    }

    [Fact]
    public void A_role_too_low_is_told_which_role_is_needed()
    {
        using var f = new GrpcFixture();
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var e = Assert.Throws<RpcException>(() => mixer.SetParameter(new ParameterSet { Address = "track/DX 1/fader", Value = -1, Mode = ValueMode.Absolute }));
        Assert.Contains("needs role mixer", e.Status.Detail);
        Assert.Contains("'qc' has role observer", e.Status.Detail);
    }

    [Fact]
    public void Every_rpc_of_every_service_has_a_role()
    {
        FileDescriptor[] files =
        [
            MixerServiceReflection.Descriptor, TransportServiceReflection.Descriptor, EventsServiceReflection.Descriptor,
            MetersServiceReflection.Descriptor, SessionServiceReflection.Descriptor, RenderServiceReflection.Descriptor,
            AutomationServiceReflection.Descriptor, SurfacesServiceReflection.Descriptor,
        ];
        var methods = files.SelectMany(f => f.Services).SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}")).ToList();
        Assert.Equal(methods.Order(), RpcRoles.All.Keys.Order());
    }
}
