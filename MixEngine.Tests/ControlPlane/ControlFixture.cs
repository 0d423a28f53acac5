using MixEngine.ControlPlane;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.ControlPlane;

/// <summary>
/// A realtime engine over a two-track session (a 440 Hz sine on "a", seeded noise on "b" at −6 dB, both into stereo bus
/// "pm", which is printed; track "a" is named "DX 1") with a <see cref="MixControl"/> whose hub is pumped by hand, and buffers to render
/// blocks on the test thread.
/// </summary>
internal sealed class ControlFixture : IDisposable
{
    public const int Length = 48000;
    public const int Block = 64;

    public ControlFixture(bool hubThread = false, RealtimeEngineOptions? options = null)
    {
        Media = new InMemoryMedia();
        Media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Sine(Length, 440));
        Media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Noise(Length, seed: 3));
        var built = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", Strip.Default with { FaderDb = -6 }, clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Vca("dlg", 0, false, "a")
            .Print("pm", "PM.wav")
            .Build();
        Session = built with { Tracks = [built.Tracks[0] with { Name = "DX 1" }, built.Tracks[1]] };
        Engine = new RealtimeEngine(RenderPlanBuilder.Build(Session, new RenderPlanOptions(Block), Media), [("pm", 0), ("pm", 1)], Block, options);
        Control = new MixControl(Engine, hubThread ? FeedbackHubOptions.Default : FeedbackHubOptions.Default with { OwnThread = false });
    }

    public InMemoryMedia Media { get; }

    public MixSession Session { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public double[][] Outputs { get; } = [new double[Block], new double[Block]];

    /// <summary>Renders <paramref name="blocks"/> device periods on the calling thread (standing in for the audio thread).</summary>
    public void Render(int blocks = 1)
    {
        for (int i = 0; i < blocks; i++) Engine.RtRender(Outputs, Block);
    }

    public RenderPlan Build(MixSession session) => RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), Media);

    public void Dispose()
    {
        Control.Dispose();
        Engine.Dispose();
    }
}
