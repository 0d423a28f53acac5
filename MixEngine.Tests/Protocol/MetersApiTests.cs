using Grpc.Core;
using MixEngine.Protocol.V1;

namespace MixEngine.Tests.Protocol;

public class MetersApiTests
{
    [Fact]
    public void A_rate_out_of_range_or_an_unspecified_kind_is_invalid_argument_naming_the_field()
    {
        using var f = new GrpcFixture();
        var meters = new MetersService.MetersServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var rate = Assert.Throws<RpcException>(() => Drain(meters.StreamMeters(new StreamMetersRequest { RateHz = 500 })));
        Assert.Equal(StatusCode.InvalidArgument, rate.StatusCode);
        Assert.StartsWith("rate_hz:", rate.Status.Detail);
        var kind = Assert.Throws<RpcException>(() => Drain(meters.StreamMeters(new StreamMetersRequest { Kinds = { MeterKind.Unspecified } })));
        Assert.StartsWith("kinds[0]:", kind.Status.Detail);
    }

    [Fact]
    public void A_meter_stream_ends_when_its_deadline_passes()
    {
        using var f = new GrpcFixture();
        var meters = new MetersService.MetersServiceClient(f.Channel(GrpcFixture.ObserverKey));
        var started = DateTime.UtcNow;
        var e = Assert.Throws<RpcException>(() => Drain(meters.StreamMeters(new StreamMetersRequest { RateHz = 30 }, deadline: started.AddMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.25, 5); // ends at the deadline, not before; 5 s bounds a loaded machine
    }

    internal static void Drain<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
            while (call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult()) { }
    }
}
