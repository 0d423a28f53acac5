using MixEngine.Graph;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// Runs every path of the audio thread once before the device starts, on a throwaway engine over a second plan of the
/// same session: playing, every parameter moved and moved back while rolling (gain and pan ramps, EQ and dynamics
/// glides), a locate, values set while stopped and playing on. The runtime's first-use work for each path (compiling the
/// method, running type initialisers, which allocate) then happens here, on the control side, and not in the first
/// periods of the real audio thread, which must allocate nothing.
/// <para>Threads: control side only (it builds a plan and allocates); call it before <c>IAudioDevice.Start</c>.</para>
/// </summary>
public static class RealtimeWarmUp
{
    /// <summary>Periods rendered while rolling, before and after the moves; enough for every method to be called a few times.</summary>
    public const int Periods = 64;

    /// <summary>
    /// Builds a plan with <paramref name="build"/> (the same session and options as the real one), plays it through a
    /// throwaway <see cref="RealtimeEngine"/> with the real engine's <paramref name="ports"/>, period and
    /// <paramref name="options"/> (so its render team runs the same paths on its workers), and disposes it.
    /// </summary>
    public static void Run(Func<RenderPlan> build, IReadOnlyList<(string BusId, int Channel)> ports, int deviceBlockSize, RealtimeEngineOptions? options = null)
    {
        // A traced engine warms its trace on a small ring (the real one's may be large), and the calling control thread
        // must not become real-time.
        if (options is { BlockTraceCapacity: > Periods }) options = options with { BlockTraceCapacity = Periods };
        if (options is { RealtimePriority: > 0 }) options = options with { RealtimePriority = 0 };
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
