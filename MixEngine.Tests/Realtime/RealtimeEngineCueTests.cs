using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Files;
using MixEngine.Tests.Support;
using static MixEngine.Tests.Files.WaveBytes;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// A new engine loads its plan's media at its start position on the control side (<see cref="RenderPlan.CueMedia"/>),
/// so the first period of a play reads nothing from disk on the audio thread.
/// </summary>
public sealed class RealtimeEngineCueTests : IDisposable
{
    private const int Block = 128;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_first_period_plays_media_the_engine_loaded_before_it_started_and_reads_nothing_from_disk()
    {
        // A 16-bit ramp over four read-ahead chunks; the clip plays it from frame 70 000 (inside the second chunk).
        int frames = 3 * DataReadAhead.MaxChunkFrames + 100;
        const long sourceOffset = 70_000;
        var samples = Enumerable.Range(0, frames).Select(i => (short)(1000 + i % 20_000)).ToArray();
        string path = _folder.Write("ramp.wav", Riff(new Chunk("fmt ", Fmt(1, 1, 48000, 16)), new Chunk("data", Int16(samples))));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Mono)
            .Track("a", ChannelLayout.Mono, "pm", clips: new Clip(path, [1], 0, sourceOffset, 4 * Block, Fade.None, Fade.None, 0))
            .Build();
        using var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), WavMediaOpener.Instance), [("pm", 0)], Block);

        // The file's samples are zeros on disk from now on: a period that read them now would play silence.
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = 44;
            file.Write(new byte[2 * frames]);
        }
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        var outputs = new[] { new double[Block] };
        engine.RtRender(outputs, Block);

        for (int i = 0; i < Block; i++)
            Assert.Equal(samples[sourceOffset + i] / 32768.0, outputs[0][i], 12); // the ramp as loaded (unity fader, mono to mono); 1e-12: exact in practice
    }
}
