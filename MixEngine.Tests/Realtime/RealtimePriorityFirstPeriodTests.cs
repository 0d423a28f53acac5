using System.Reflection;
using System.Runtime.Loader;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// The audio thread asks for its realtime priority in its first period (<see cref="RealtimePriority.RtApplyToCurrentThread"/>).
/// The runtime binds a P/Invoke at its first call in the process and allocates there, so an audio thread that renders alone
/// (no render worker asked before it) counted 64 B in serve. These tests run the engine from a fresh load of its assembly,
/// where no import is bound yet, as in a new serve process: the warm-up of <see cref="RealtimeWarmUp"/> first (it asks for
/// no priority), then the real engine on a thread of its own.
/// </summary>
public class RealtimePriorityFirstPeriodTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_engine_asking_for_a_realtime_priority_allocates_nothing_in_its_first_periods_in_a_fresh_process(int renderThreads)
    {
        var load = new FreshEngineLoad();
        try
        {
            var probe = load.LoadFromAssemblyPath(typeof(FirstPeriods).Assembly.Location).GetType(typeof(FirstPeriods).FullName!)!;
            var (bytes, status) = ((long, string))probe.GetMethod(nameof(FirstPeriods.Play))!.Invoke(null, [renderThreads])!;

            Assert.Matches("^audio thread: (SCHED_FIFO priority 1|refused .*)", status); // it asked, whether granted or not
            Assert.Equal(0, bytes);
        }
        finally
        {
            load.Unload();
        }
    }

    // The engine's assembly and this one loaded afresh (their imports unbound); everything else shared with the test host.
    private sealed class FreshEngineLoad() : AssemblyLoadContext("fresh engine load", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "MixEngine" or "MixEngine.Tests" ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll")) : null;
    }
}

/// <summary>Runs in <see cref="RealtimePriorityFirstPeriodTests"/>' fresh load: serve's start (warm-up, then the engine) on a small session.</summary>
internal static class FirstPeriods
{
    private const int Block = 128, Length = 48000, Periods = 200;

    /// <summary>Plays <see cref="Periods"/> periods on a new thread asking for SCHED_FIFO priority 1; returns the bytes the engine counted and its priority status.</summary>
    public static (long Bytes, string Status) Play(int renderThreads)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 5));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 440));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Build();
        (string, int)[] ports = [("pm", 0), ("pm", 1)];
        var options = RealtimeEngineOptions.Default with { RenderThreads = renderThreads, RealtimePriority = 1 };
        RenderPlan Build() => RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        RealtimeWarmUp.Run(Build, ports, Block, options, settleLimit: TimeSpan.Zero); // its fixed sequence only: first use of every path

        using var engine = new RealtimeEngine(Build(), ports, Block, options);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        // A thread of its own: it may become real-time, and it ends right after.
        var audio = new Thread(() =>
        {
            var outputs = new[] { new double[Block], new double[Block] };
            for (int i = 0; i < Periods; i++) engine.RtRender(outputs, Block);
        });
        audio.Start();
        audio.Join();
        return (engine.Timing.Read().AllocatedBytes, engine.RealtimePriorityStatus);
    }
}
