using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// A playing engine with a monitor path: track "a" (a 440 Hz sine, mono) into stereo stem "dx", which feeds stereo
/// printmaster "pm"; track "b" (seeded noise, mono, fader −6 dB) panned half left straight into "pm"; prints PM.wav and DX.wav. Ports 0–1 play
/// the printmaster, ports 2–3 the monitor. A reference plan of the same session renders in lock-step on the test thread, so
/// every bus and strip buffer the monitor should hear is known sample for sample. The hub is pumped by hand.
/// </summary>
internal sealed class MonitorFixture : IDisposable
{
    public const int Length = 48000;
    public const int Block = 64;
    private long _position;

    public MonitorFixture()
    {
        Media = new InMemoryMedia();
        Media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(Length, 440));
        Media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Noise(Length, seed: 11));
        Session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo).Bus("dx", ChannelLayout.Stereo, output: "pm")
            .Track("a", ChannelLayout.Mono, "dx", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6, Pan = Pan.Default with { X = -0.5 } }, clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Print("pm", "PM.wav").Print("dx", "DX.wav")
            .Build();
        Engine = new RealtimeEngine(Build(), [("pm", 0), ("pm", 1), (MonitorPath.PortBus, 0), (MonitorPath.PortBus, 1)], Block);
        Control = new MixControl(Engine, FeedbackHubOptions.Default with { OwnThread = false });
        Client = Control.RegisterClient("desk");
        Reference = Build();
        Control.Play(Client);
    }

    public InMemoryMedia Media { get; }

    public MixSession Session { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public ControlClientId Client { get; }

    /// <summary>The same session rendered block by block at the engine's positions (never changed by a test).</summary>
    public RenderPlan Reference { get; }

    public double[][] Outputs { get; } = [new double[Block], new double[Block], new double[Block], new double[Block]];

    public double[] MonitorL => Outputs[2];

    public double[] MonitorR => Outputs[3];

    /// <summary>Renders one period on the engine and the same block on the reference plan.</summary>
    public void Render()
    {
        Engine.RtRender(Outputs, Block);
        Reference.RtRenderBlock(_position, Block, null);
        _position += Block;
    }

    public RenderPlan Build() => RenderPlanBuilder.Build(Session, new RenderPlanOptions(Block) { PreFaderTaps = true }, Media);

    public void Dispose()
    {
        Control.Dispose();
        Engine.Dispose();
        Reference.Dispose();
    }
}
