using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary><see cref="RealtimeEngineOptions.RealtimePriority"/>: the audio thread and the workers ask for SCHED_FIFO; the outcome is reported and nothing else changes.</summary>
public class RealtimeEnginePriorityTests
{
    private const int Block = 128, Length = 48000;

    private static RealtimeEngine Engine(int priority)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 9));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 300));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Build();
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = 2, RealtimePriority = priority });
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        return engine;
    }

    // Plays on a thread of its own (the audio thread may become real-time; it ends right after).
    private static double[][] Play(RealtimeEngine engine, int periods)
    {
        var played = new[] { new double[periods * Block], new double[periods * Block] };
        var thread = new Thread(() =>
        {
            var outputs = new[] { new double[Block], new double[Block] };
            for (int i = 0; i < periods; i++)
            {
                engine.RtRender(outputs, Block);
                for (int c = 0; c < 2; c++) Array.Copy(outputs[c], 0, played[c], i * Block, Block);
            }
        });
        thread.Start();
        thread.Join();
        return played;
    }

    [Fact]
    public void Asking_for_a_realtime_priority_reports_the_outcome_per_thread_and_changes_no_sample()
    {
        using var asking = Engine(priority: 1);
        using var plain = Engine(priority: 0);
        Assert.StartsWith("audio thread: no period rendered yet", asking.RealtimePriorityStatus);
        var a = Play(asking, 100);
        var b = Play(plain, 100);
        for (int c = 0; c < 2; c++) Assert.Equal(b[c], a[c]); // exact: scheduling only
        Assert.Equal("not requested", plain.RealtimePriorityStatus);
        string status = asking.RealtimePriorityStatus;
        // Applied or refused depends on the machine's permissions; either way each thread's outcome is named.
        Assert.Matches(@"^audio thread: (SCHED_FIFO priority 1|refused .*); worker 1: (SCHED_FIFO priority 1|refused .*)$", status);
    }

    [Fact]
    public void A_priority_out_of_range_is_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Engine(priority: 100));
        Assert.Contains("RealtimePriority", e.Message);
    }
}
