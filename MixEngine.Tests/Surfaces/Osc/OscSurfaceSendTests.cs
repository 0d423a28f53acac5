using MixEngine.ControlPlane;
using MixEngine.Dsp;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;
using static MixEngine.Surfaces.Osc.OscArgument;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>Send level and mute reached through <c>/mixengine/param/…</c>: the OSC message changes what the send's bus plays.</summary>
public class OscSurfaceSendTests
{
    private const int Block = 64;

    [Fact]
    public async Task A_send_level_and_mute_set_over_osc_are_heard_on_the_send_bus()
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("dc.wav"), Enumerable.Repeat(1.0, 480_000).ToArray());
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono).Bus("fx", ChannelLayout.Mono)
            .Track("b", ChannelLayout.Mono, "pm", sends: [new Send("fx", -20, SendTap.PostFader, false)], clips: SessionBuilder.Clip("dc.wav", 0, 480_000))
            .Build();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("fx", 0)], Block);
        using var control = new MixControl(engine);
        await using var surface = new OscSurface(control, 48000, new OscSurfaceOptions());
        var udp = surface.StartUdp(new OscListenerOptions { Port = 0 });
        using var peer = new OscPeer(udp.LocalEndPoint);
        var output = new[] { new double[Block] };
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        bool Hears(double gain) => SpinWait.SpinUntil(() =>
        {
            engine.RtRender(output, Block);
            return output[0][Block - 1] == gain;
        }, TimeSpan.FromSeconds(10));

        Assert.True(Hears(Decibels.ToGain(-20)), "the session's send level is not heard");
        peer.Send("/mixengine/param/track/b/send/fx/level", Float32(-6f));
        Assert.True(Hears(Decibels.ToGain(-6)), "the send level sent over OSC was not heard within 10 s"); // exact: the glide ends on the target
        peer.Send("/mixengine/param/track%23b/send%23fx/mute", Int32(1));
        Assert.True(Hears(0.0), "the send mute sent over OSC (id form) was not heard within 10 s");
    }
}
