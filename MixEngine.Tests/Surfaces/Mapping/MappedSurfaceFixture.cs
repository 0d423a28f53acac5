using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Surfaces.Mapping;
using MixEngine.Surfaces.Midi;
using MixEngine.Tests.Support;
using MixEngine.Tests.Surfaces.Mackie;

namespace MixEngine.Tests.Surfaces.Mapping;

/// <summary>
/// A <see cref="MappedSurface"/> over a realtime engine (null device at real-time pace) whose session has 13 strips in
/// catalog order: tracks "Dialog 1" … "Dialog 10" (track 1 has four EQ bells at 100 Hz, 1 kHz, 5 kHz, 10 kHz; track 2 a
/// compressor), buses "fx" (fed by tracks 9 and 10) and "pm" (fed by tracks 1-8 and fx), VCA "dlg" (tracks 1 and 2), and
/// two session layouts: "Dialog" (t2, t1, dlg) and "Buses" (pm, fx). The device is an in-memory loopback; <see cref="Peer"/>
/// is its end (idle when the surface is given another port).
/// </summary>
internal sealed class MappedSurfaceFixture : IAsyncDisposable
{
    public const int Block = 64;
    private readonly NullClockDevice _device;

    public MappedSurfaceFixture(MappingProfile profile, MappedSurfaceOptions? options = null, IMidiPort? port = null)
    {
        var builder = new SessionBuilder().Bus("fx", ChannelLayout.Stereo, "pm").Bus("pm", ChannelLayout.Stereo);
        var eq = new StripProcessing(ProcessingOrder.EqFirst,
            [new EqBand(true, EqBandType.Bell, 100, 0, 1, 12), new EqBand(true, EqBandType.Bell, 1000, 0, 1, 12),
             new EqBand(true, EqBandType.Bell, 5000, 0, 1, 12), new EqBand(true, EqBandType.Bell, 10000, 0, 1, 12)],
            null, null, null, null);
        var comp = StripProcessing.None with { Compressor = CompressorSettings.Default };
        for (int i = 1; i <= 10; i++)
        {
            var strip = i switch { 1 => Strip.Default with { Processing = eq }, 2 => Strip.Default with { Processing = comp }, _ => Strip.Default };
            builder.Track($"t{i}", ChannelLayout.Mono, i >= 9 ? "fx" : "pm", strip);
        }
        builder.Vca("dlg", 0, false, "t1", "t2");
        var built = builder.Build();
        Session = built with
        {
            Tracks = [.. built.Tracks.Select((t, i) => t with { Name = $"Dialog {i + 1}" })],
            Layouts = [new SurfaceLayout("Dialog", ["t2", "t1", "dlg"]), new SurfaceLayout("Buses", ["pm", "fx"])],
        };
        Engine = new RealtimeEngine(RenderPlanBuilder.Build(Session, new RenderPlanOptions(Block), new InMemoryMedia()), [("pm", 0), ("pm", 1)], Block);
        Control = new MixControl(Engine, FeedbackHubOptions.Default);
        _device = new NullClockDevice(48000, Block, NullClockPace.RealTime);
        _device.Open(Engine.PortNames());
        _device.Start(Engine);
        var loop = new MidiLoopback("mapped");
        Peer = new McuPeer(loop.A);
        Surface = new MappedSurface(Control, port ?? loop.B, profile, 48000, options);
    }

    public MixSession Session { get; }

    public RealtimeEngine Engine { get; }

    public MixControl Control { get; }

    public MappedSurface Surface { get; }

    /// <summary>The device end of the loopback: sends bytes, collects what the surface sends as hex items ("B0 10 60").</summary>
    public McuPeer Peer { get; }

    public ParameterHandle Handle(string address) => Control.Resolve(address);

    /// <summary>Waits until <paramref name="condition"/> holds (10 s at most).</summary>
    public static bool Settles(Func<bool> condition) => SpinWait.SpinUntil(condition, 10_000);

    public async ValueTask DisposeAsync()
    {
        await Surface.DisposeAsync();
        _device.Stop();
        _device.Dispose();
        Control.Dispose();
        Engine.Dispose();
    }
}
