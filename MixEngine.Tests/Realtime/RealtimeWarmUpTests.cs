using System.Reflection.Emit;
using System.Runtime;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Realtime;

/// <summary>
/// The warm-up before a device starts (<see cref="RealtimeWarmUp"/>): it plays a throwaway engine until the tiered JIT has
/// nothing left to compile, so the real engine's first periods run the same code as its steady state. It counts the
/// process's JIT compilations, so it runs alone (<see cref="WholeProcessMeasurement"/>).
/// </summary>
[Collection(WholeProcessMeasurement.Name)]
public class RealtimeWarmUpTests
{
    private const int Length = 48000, Block = 128, Tracks = 6;

    private static (MixSession Session, InMemoryMedia Media) StripSession()
    {
        var media = new InMemoryMedia();
        var builder = new SessionBuilder().Bus("pm", ChannelLayout.Stereo, strip: Strip.Default with { Processing = StripProcessing.None with { Limiter = LimiterSettings.Default } });
        for (int t = 0; t < Tracks; t++)
        {
            media.Add(SessionBuilder.MediaPath($"t{t}.wav"), TestSignals.Noise(Length, seed: t));
            var processing = StripProcessing.None with
            {
                Eq = [new EqBand(true, EqBandType.Bell, 500 + 300 * t, 4, 1, 12)],
                Compressor = CompressorSettings.Default with { ThresholdDb = -30 },
            };
            builder.Track($"t{t}", ChannelLayout.Mono, "pm", Strip.Default with { Processing = processing }, clips: SessionBuilder.Clip($"t{t}.wav", 0, Length));
        }
        return (builder.Build(), media);
    }

    [Fact]
    public void The_warm_up_plays_on_until_two_rounds_in_a_row_compile_nothing_and_says_the_jit_settled()
    {
        var (session, media) = StripSession();
        var options = RealtimeEngineOptions.Default with { RenderThreads = 2, MetersOnDemand = true };
        (string, int)[] ports = [("pm", 0), ("pm", 1)];
        RenderPlan Build() => RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media);
        WaitForTheHostsJitToSettle();

        var outcome = RealtimeWarmUp.Run(Build, ports, Block, options);

        Assert.True(outcome.Settled, $"the JIT did not settle within {RealtimeWarmUp.SettleLimit}: {outcome}");
        Assert.True(outcome.Periods > 5 * RealtimeWarmUp.Periods + 2, $"no settling round was played: {outcome}");
        Assert.True(outcome.Elapsed >= 2 * RealtimeWarmUp.SettleRound, $"ended before two quiet rounds: {outcome}");
    }

    [Fact]
    public void A_process_that_keeps_compiling_ends_the_warm_up_at_its_limit_and_it_says_the_jit_did_not_settle()
    {
        var (session, media) = StripSession();
        using var stop = new CancellationTokenSource();
        // Another thread compiles a new method every 20 ms, so no warm-up round is ever free of compilation.
        var compiler = new Thread(() =>
        {
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                var method = new DynamicMethod($"compiled{n}", typeof(int), Type.EmptyTypes);
                var il = method.GetILGenerator();
                il.Emit(OpCodes.Ldc_I4, n);
                il.Emit(OpCodes.Ret);
                ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
                Thread.Sleep(20);
            }
        });
        compiler.Start();
        var limit = TimeSpan.FromSeconds(1);

        var outcome = RealtimeWarmUp.Run(() => RenderPlanBuilder.Build(session, new RenderPlanOptions(Block), media), [("pm", 0), ("pm", 1)], Block,
            RealtimeEngineOptions.Default with { RenderThreads = 1 }, limit);
        stop.Cancel();
        compiler.Join();

        Assert.False(outcome.Settled, $"settled although a method was compiled every 20 ms: {outcome}");
        Assert.True(outcome.Elapsed >= limit, $"ended before its limit: {outcome}");
        Assert.True(outcome.MethodsCompiled >= 40, $"the other thread's compilations were not counted: {outcome}"); // ≥ 1 s / 20 ms, less scheduling slack
    }

    // The test host compiles in the background for a while after discovery; the counts above must be the engine's.
    private static void WaitForTheHostsJitToSettle()
    {
        long seen = JitInfo.GetCompiledMethodCount();
        for (int quiet = 0, round = 0; quiet < 2 && round < 120; round++)
        {
            Thread.Sleep(RealtimeWarmUp.SettleRound);
            long now = JitInfo.GetCompiledMethodCount();
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
    }
}
