using System.Reflection;
using System.Runtime.Loader;
using MixEngine.Devices;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary><see cref="RealtimeEngineOptions.RenderCpus"/>: the audio thread (first period) and the workers pin themselves; the outcome is reported and no sample changes.</summary>
public class RealtimeEnginePinningTests
{
    private const int Block = 128, Length = 48000;

    internal static RealtimeEngine Engine(IReadOnlyList<int>? cpus, int renderThreads = 2)
    {
        var media = new InMemoryMedia();
        media.Add(SessionBuilder.MediaPath("a.wav"), TestSignals.Noise(Length, seed: 4));
        media.Add(SessionBuilder.MediaPath("b.wav"), TestSignals.Sine(Length, 500));
        var session = new SessionBuilder().Bus("pm", ChannelLayout.Stereo)
            .Track("a", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("a.wav", 0, Length))
            .Track("b", ChannelLayout.Mono, "pm", clips: SessionBuilder.Clip("b.wav", 0, Length))
            .Build();
        var engine = new RealtimeEngine(RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = renderThreads, RenderCpus = cpus });
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        return engine;
    }

    // Plays on a thread of its own (it gets pinned; it ends right after) and returns what it played and the CPUs it ended on.
    internal static (double[][] Played, IReadOnlyList<int> AudioCpus) Play(RealtimeEngine engine, int periods)
    {
        var played = new[] { new double[periods * Block], new double[periods * Block] };
        IReadOnlyList<int> cpus = [];
        var thread = new Thread(() =>
        {
            var outputs = new[] { new double[Block], new double[Block] };
            for (int i = 0; i < periods; i++)
            {
                engine.RtRender(outputs, Block);
                for (int c = 0; c < 2; c++) Array.Copy(outputs[c], 0, played[c], i * Block, Block);
            }
            cpus = CpuAffinity.CurrentThreadCpus();
        });
        thread.Start();
        thread.Join();
        return (played, cpus);
    }

    [Fact]
    public void The_audio_thread_pins_itself_in_its_first_period_the_worker_at_start_and_no_sample_changes()
    {
        if (!OperatingSystem.IsLinux()) return;
        var allowed = CpuAffinity.CurrentThreadCpus();
        int audio = allowed[^1], worker = allowed[0];
        using var pinned = Engine([audio, worker]);
        using var plain = Engine(null);
        Assert.StartsWith("audio thread: no period rendered yet", pinned.CpuAffinityStatus);
        var (a, audioCpus) = Play(pinned, 100);
        var (b, _) = Play(plain, 100);
        for (int c = 0; c < 2; c++) Assert.Equal(b[c], a[c]); // exact: scheduling only
        Assert.Equal([audio], audioCpus); // read back with sched_getaffinity on the audio thread itself
        Assert.Equal($"audio thread: CPU {audio}; worker 1: CPU {worker}", pinned.CpuAffinityStatus);
        Assert.Equal("not requested", plain.CpuAffinityStatus);
    }

    [Fact]
    public void A_new_thread_taking_over_the_callback_pins_itself_too()
    {
        // As after a JACK reconnection, which moves the callback to another thread.
        if (!OperatingSystem.IsLinux()) return;
        int audio = CpuAffinity.CurrentThreadCpus()[^1];
        using var engine = Engine([audio], renderThreads: 1);
        var (_, first) = Play(engine, 5);
        var (_, second) = Play(engine, 5);
        Assert.Equal([audio], first);
        Assert.Equal([audio], second);
    }

    [Fact]
    public void A_cpu_the_process_may_not_use_is_reported_naming_it_and_the_engine_renders_on()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var engine = Engine([1000], renderThreads: 1);
        var (played, cpus) = Play(engine, 10);
        Assert.Equal(CpuAffinity.CurrentThreadCpus(), cpus);
        Assert.Contains(played[0], s => s != 0);
        Assert.Equal("audio thread: refused pinning to CPU 1000 (EINVAL: no such CPU in this process's set); left where the kernel puts it", engine.CpuAffinityStatus);
    }

    [Fact]
    public void Fewer_cpus_than_render_threads_are_refused_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Engine([0], renderThreads: 2));
        Assert.Contains("RenderCpus", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_pinned_engine_allocates_nothing_in_its_first_periods_in_a_fresh_process(int renderThreads)
    {
        // The affinity imports bind (and allocate) at their first call; the engine binds them on the control side. A fresh
        // load of the assemblies has them unbound, as a new serve process does.
        var load = new FreshLoad();
        try
        {
            var probe = load.LoadFromAssemblyPath(typeof(PinnedFirstPeriods).Assembly.Location).GetType(typeof(PinnedFirstPeriods).FullName!)!;
            var (bytes, status) = ((long, string))probe.GetMethod(nameof(PinnedFirstPeriods.Play))!.Invoke(null, [renderThreads])!;
            Assert.StartsWith("audio thread: CPU", status);
            Assert.Equal(0, bytes);
        }
        finally
        {
            load.Unload();
        }
    }

    private sealed class FreshLoad() : AssemblyLoadContext("fresh pinned engine", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "MixEngine" or "MixEngine.Tests" ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll")) : null;
    }
}

/// <summary>Runs in <see cref="RealtimeEnginePinningTests"/>' fresh load: a pinned engine's first periods on a thread of its own.</summary>
internal static class PinnedFirstPeriods
{
    /// <summary>Plays 200 periods pinned to the process's last CPU; returns the bytes the engine counted and its affinity status.</summary>
    public static (long Bytes, string Status) Play(int renderThreads)
    {
        if (!OperatingSystem.IsLinux()) return (0, "audio thread: CPU (not Linux)");
        var allowed = CpuAffinity.CurrentThreadCpus();
        using (var warmUp = RealtimeEnginePinningTests.Engine(null, renderThreads)) RealtimeEnginePinningTests.Play(warmUp, 200); // first use of every path, unpinned
        using var engine = RealtimeEnginePinningTests.Engine(CpuAffinity.RenderThreadCpus(allowed[^1], renderThreads, allowed), renderThreads);
        RealtimeEnginePinningTests.Play(engine, 200);
        return (engine.Timing.Read().AllocatedBytes, engine.CpuAffinityStatus);
    }
}
