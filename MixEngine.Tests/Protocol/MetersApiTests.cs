using Grpc.Core;
using MixEngine.Protocol.V1;
using MixEngine.Tests.Support;

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
    public async Task A_meter_stream_ends_when_its_deadline_passes()
    {
        // Over a real socket: the in-memory server may deliver the server's own deadline reset before the trailers.
        using var f = new GrpcFixture(overTcp: true);
        var channel = f.Channel(GrpcFixture.ObserverKey);
        new MixerService.MixerServiceClient(channel).ListParameters(new ListParametersRequest()); // the deadline then times the stream, not the first call of a loaded machine
        var meters = new MetersService.MetersServiceClient(channel);
        var started = DateTime.UtcNow;
        using var call = meters.StreamMeters(new StreamMetersRequest { RateHz = 30 }, deadline: started.AddSeconds(4)); // time for a loaded machine's first frame
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None)); // serving frames
        var e = await Assert.ThrowsAsync<RpcException>(async () => { while (await call.ResponseStream.MoveNext(CancellationToken.None)) { } });
        Assert.True(e.StatusCode == StatusCode.DeadlineExceeded, e.ToString());
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 3.95, 15); // ends at the deadline, not before; 11 s more bounds a loaded machine
    }

    [Fact]
    public async Task A_playing_sine_streams_its_peak_true_peak_rms_loudness_and_the_printmaster_integrated_loudness()
    {
        // The fixture's session plays a 1 kHz sine at amplitude 0.5 on a mono printmaster, looped here so it keeps rolling.
        using var f = new GrpcFixture();
        var client = f.Control.RegisterClient("test");
        f.Control.SetLoop(client, new MixEngine.ControlPlane.LoopRange(0, SineSessionFolder.SampleRate));
        f.Control.Play(client);
        var meters = new MetersService.MetersServiceClient(f.Channel(GrpcFixture.ObserverKey));
        using var call = meters.StreamMeters(new StreamMetersRequest { RateHz = 30, Strips = { "bus/" } },
            deadline: DateTime.UtcNow.AddSeconds(20));
        StripMeter? pm = null;
        MeterFrame? frame = null;
        // Momentary loudness needs 400 ms of audio; wait for a frame where it is defined.
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            frame = call.ResponseStream.Current;
            pm = Assert.Single(frame.Strips);
            if (double.IsFinite(pm.MomentaryLufs) && pm.MomentaryLufs < 0 && frame.PositionSamples > SineSessionFolder.SampleRate / 2) break;
        }
        Assert.NotNull(pm);
        Assert.StartsWith("bus/", pm!.Strip);
        double peak = 20 * Math.Log10(SineSessionFolder.Amplitude);
        Assert.Equal(peak, Assert.Single(pm.PeakDb), 0.01);         // 48 samples per cycle hit the crest within 0.002 dB
        Assert.Equal(peak - 3.0103, Assert.Single(pm.RmsDb), 0.05); // RMS over a frame that is not a whole number of cycles
        Assert.Equal(peak, Assert.Single(pm.TruePeakDb), 0.1);      // 4x interpolation of an on-grid crest
        // A mono 1 kHz sine at amplitude 0.5: -0.691 + 10 log10(0.125) + the K-weighting gain at 1 kHz (about +0.69 dB) ≈ -9.03 LUFS.
        Assert.Equal(-9.03, pm.MomentaryLufs, 0.2);
        Assert.True(pm.ShortTermLufs < 0); // defined (finite or -inf before 3 s of audio), never the "not requested" 0
        Assert.Equal(0.0, pm.GainReductionDb); // no dynamics on the strip
        Assert.True(frame!.PrintmasterIntegratedLufs < 0);
    }

    internal static void Drain<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
            while (call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult()) { }
    }
}
