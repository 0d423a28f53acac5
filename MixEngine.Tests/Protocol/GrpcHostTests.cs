using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using MixEngine.Protocol.Hosting;
using MixEngine.Protocol.Security;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class GrpcHostTests
{
    [Fact]
    public void Health_checking_answers_serving_without_a_key()
    {
        using var f = new GrpcFixture();
        var health = new Health.HealthClient(f.Channel(key: null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Check(new HealthCheckRequest()).Status);
    }

    [Fact]
    public async Task Reflection_lists_every_mixengine_service()
    {
        using var f = new GrpcFixture();
        var reflection = new ServerReflection.ServerReflectionClient(f.Channel(key: null));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        foreach (var service in new[] { "Mixer", "Transport", "Events", "Meters", "Session", "Render", "Automation" })
            Assert.Contains($"mixengine.v1.{service}Service", names);
    }

    [Fact]
    public void A_request_larger_than_the_limit_is_resource_exhausted()
    {
        using var f = new GrpcFixture(o => o with { MaxRequestBytes = 4096 });
        var mixer = new MixerService.MixerServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var request = new GetParametersRequest();
        for (int i = 0; i < 400; i++) request.Addresses.Add("track/DX 1/fader");
        var e = Assert.Throws<RpcException>(() => mixer.GetParameters(request));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task More_streams_than_the_limit_are_resource_exhausted()
    {
        using var f = new GrpcFixture(o => o with { MaxStreams = 1 });
        var events = new EventsService.EventsServiceClient(f.Channel(GrpcFixture.ObserverKey));
        using var first = events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.True(await first.ResponseStream.MoveNext()); // the first stream is open and serving
        var e = Assert.Throws<RpcException>(() => MetersApiTests.Drain(events.Subscribe(new SubscribeRequest(), deadline: DateTime.UtcNow.AddSeconds(10))));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("maxStreams", e.Status.Detail);
    }

    [Fact]
    public void Options_that_cannot_be_served_safely_are_refused_naming_the_setting()
    {
        string root = Path.GetTempPath();
        var open = GrpcHostOptions.Default(root, 128) with { Host = "0.0.0.0" };
        Assert.Contains("no apiKeys", Assert.Throws<ArgumentException>(open.Validate).Message);
        Assert.Contains("requireTls", Assert.Throws<ArgumentException>((GrpcHostOptions.Default(root, 128) with { RequireTls = true }).Validate).Message);
        var keyed = open with { ApiKeys = [new ApiKey("a", "k", Role.Admin)] };
        keyed.Validate();
    }
}
