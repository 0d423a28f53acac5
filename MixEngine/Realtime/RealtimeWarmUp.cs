using System.Diagnostics;
using System.Runtime;
using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// Runs every path of the audio thread once before the device starts, on a throwaway engine over a second plan of the
/// same session: playing, every parameter moved and moved back while rolling (gain and pan ramps, EQ and dynamics
/// glides), a locate, values set while stopped and playing on. The runtime's first-use work for each path (compiling the
/// method, running type initialisers, which allocate) then happens here, on the control side, and not in the first
/// periods of the real audio thread, which must allocate nothing. Then it keeps playing (moving every parameter now and
/// then) until the JIT has compiled nothing for two rounds of <see cref="SettleRound"/> in a row, at most
/// <see cref="SettleLimit"/>: with tiered compilation the runtime recompiles a hot method optimized only after it ran a
/// while (and ReadyToRun code first with instrumentation, then optimized), and that happened in the real engine's first
/// second, whose periods cost about three times the steady state's CPU (the 128-track reel at 128 frames: the first
/// ~350 periods all late).
/// <para>Threads: control side only (it builds a plan and allocates); call it before <c>IAudioDevice.Start</c>.</para>
/// </summary>
public static class RealtimeWarmUp
{
    /// <summary>Periods rendered while rolling, before and after the moves; enough for every method to be called a few times.</summary>
    public const int Periods = 64;

    /// <summary>Playing time in which the JIT must compile no method, twice in a row, before the warm-up ends (longer than the runtime's 100 ms tier-up delay).</summary>
    public static readonly TimeSpan SettleRound = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest the warm-up waits for the JIT to settle (a process whose other threads keep compiling would never settle).</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(6);

    /// <summary>What a warm-up did.</summary>
    /// <param name="Periods">Periods the throwaway engine rendered.</param>
    /// <param name="Elapsed">Time the warm-up took, building the plan included.</param>
    /// <param name="MethodsCompiled">Methods the JIT compiled meanwhile, on any thread (first compilations and optimized recompilations).</param>
    /// <param name="Settled">True when the JIT compiled nothing for two rounds in a row; false when <see cref="SettleLimit"/> ended it first.</param>
    public sealed record Outcome(int Periods, TimeSpan Elapsed, long MethodsCompiled, bool Settled);

    /// <summary>
    /// Builds a plan with <paramref name="build"/> (the same session and options as the real one), plays it through a
    /// throwaway <see cref="RealtimeEngine"/> with the real engine's <paramref name="ports"/>, period and
    /// <paramref name="options"/> (so its render team runs the same paths on its workers) until the JIT settled or
    /// <paramref name="settleLimit"/> (default <see cref="SettleLimit"/>) passed, and disposes it.
    /// </summary>
    public static Outcome Run(Func<RenderPlan> build, IReadOnlyList<(string BusId, int Channel)> ports, int deviceBlockSize, RealtimeEngineOptions? options = null,
        TimeSpan? settleLimit = null)
    {
        var clock = Stopwatch.StartNew();
        long compiledBefore = JitInfo.GetCompiledMethodCount();
        // A traced engine warms its trace on a small ring (the real one's may be large), and the calling control thread
        // must not become real-time nor pinned to the audio CPU.
        if (options is { BlockTraceCapacity: > Periods }) options = options with { BlockTraceCapacity = Periods };
        if (options is { RealtimePriority: > 0 }) options = options with { RealtimePriority = 0 };
        if (options is { RenderCpus: not null }) options = options with { RenderCpus = null };
        using var engine = new RealtimeEngine(build(), ports, deviceBlockSize, options);
        var outputs = new double[ports.Count][];
        for (int p = 0; p < outputs.Length; p++) outputs[p] = new double[deviceBlockSize];
        var settings = ParameterCatalog.For(engine.Session).Parameters;
        long end = engine.Session.TimelineEnd is > 0 and var length ? length : engine.Session.SampleRate;

        engine.RequestTransport(new TransportCommand(TransportAction.SetLoop, 0, end));
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        Render(engine, outputs, Periods);
        MoveEveryParameter(engine, settings, 1.0);
        Render(engine, outputs, Periods);
        MoveEveryParameter(engine, settings, 0.0);
        engine.RequestTransport(new TransportCommand(TransportAction.Locate, end / 2));
        Render(engine, outputs, Periods);
        engine.RequestTransport(new TransportCommand(TransportAction.Stop));
        Render(engine, outputs, 1);
        MoveEveryParameter(engine, settings, 1.0);
        Render(engine, outputs, 1);
        engine.RequestTransport(new TransportCommand(TransportAction.Play));
        Render(engine, outputs, Periods);
        int periods = 5 * Periods + 2;
        bool settled = Settle(engine, settings, outputs, end, settleLimit ?? SettleLimit, ref periods);
        return new Outcome(periods, clock.Elapsed, JitInfo.GetCompiledMethodCount() - compiledBefore, settled);
    }

    // Plays rounds of SettleRound, each from the next of eight positions spread over the timeline (automation reaches other
    // segment shapes there, and locates and chunk loads run again), every parameter moved and moved back every
    // 2 × MoveEvery periods (the tiered JIT recompiles the ramp and glide paths too), until two rounds in a row compiled
    // nothing or settleLimit passed.
    private static bool Settle(RealtimeEngine engine, IReadOnlyList<ParameterSetting> settings, double[][] outputs, long end, TimeSpan settleLimit, ref int periods)
    {
        const int Positions = 8;
        const int MoveEvery = 16;
        var limit = Stopwatch.StartNew();
        long compiled = JitInfo.GetCompiledMethodCount();
        int quietRounds = 0;
        for (int rounds = 0; quietRounds < 2; rounds++)
        {
            if (limit.Elapsed >= settleLimit) return false;
            engine.RequestTransport(new TransportCommand(TransportAction.Locate, rounds % Positions * (end / Positions)));
            var round = Stopwatch.StartNew();
            while (round.Elapsed < SettleRound)
            {
                MoveEveryParameter(engine, settings, periods / MoveEvery % 2);
                Render(engine, outputs, MoveEvery);
                periods += MoveEvery;
            }
            long now = JitInfo.GetCompiledMethodCount();
            quietRounds = now == compiled ? quietRounds + 1 : 0;
            compiled = now;
        }
        return true;
    }

    private static void Render(RealtimeEngine engine, double[][] outputs, int periods)
    {
        int frames = outputs.Length == 0 ? 0 : outputs[0].Length;
        for (int i = 0; i < periods; i++) engine.RtRender(outputs, frames);
    }

    // Each parameter to its session value plus offset (clamped to its range): 1 moves every continuous control and
    // toggles switches on, 0 returns to the session's values.
    private static void MoveEveryParameter(RealtimeEngine engine, IReadOnlyList<ParameterSetting> settings, double offset)
    {
        for (int slot = 0; slot < settings.Count; slot++)
        {
            var d = settings[slot].Descriptor;
            double value = settings[slot].Value + offset;
            engine.RequestParameter(slot, double.IsNaN(value) ? d.Default : Math.Clamp(value, d.Minimum, d.Maximum));
        }
    }
}
