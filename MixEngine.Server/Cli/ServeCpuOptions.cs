using System.CommandLine;
using MixEngine.Devices;
using MixEngine.Realtime;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// The CPU pinning options of <c>mixengine serve</c>: <c>--audio-cpu N</c> pins the audio thread to CPU N (and each render
/// worker to the next CPU the process may use, <see cref="CpuAffinity.RenderThreadCpus"/>); <c>--reserve-audio-cpu</c>
/// also moves serve's other threads (control, GC, thread pool, OSC, gRPC, disk read-ahead) off CPU N. Fails soft: a CPU
/// the process may not use is logged as a warning and serve runs unpinned, as a refused realtime priority does.
/// Parsed and applied on the CLI's main thread.
/// </summary>
internal sealed class ServeCpuOptions
{
    private readonly Option<int?> _audioCpu = new("--audio-cpu")
    {
        Description = "Pin the audio thread to this CPU (0-based) and each render worker to the next CPUs; default: not pinned (a CPU the process may not use is logged and ignored)",
    };

    private readonly Option<bool> _reserve = new("--reserve-audio-cpu")
    {
        Description = "With --audio-cpu: keep serve's other threads (control, GC, thread pool, OSC, gRPC, disk) off the audio CPU; other processes may still run there",
    };

    /// <summary>Adds the options to the serve verb.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_audioCpu);
        command.Options.Add(_reserve);
    }

    /// <summary>Reads and checks the options; false with a message naming the option when they cannot be used together or the CPU number is negative.</summary>
    public bool TryRead(ParseResult parse, out ServeCpuSettings settings, out string? error)
    {
        settings = new ServeCpuSettings(null, false);
        error = null;
        int? cpu = parse.GetValue(_audioCpu);
        bool reserve = parse.GetValue(_reserve);
        if (cpu is < 0)
        {
            error = $"--audio-cpu {cpu} is out of range; expected a CPU number, 0 or more";
            return false;
        }
        if (reserve && cpu is null)
        {
            error = "--reserve-audio-cpu needs --audio-cpu N (the CPU to keep for the audio thread)";
            return false;
        }
        settings = new ServeCpuSettings(cpu, reserve);
        return true;
    }
}

/// <summary>What <c>mixengine serve</c> was asked to do about CPU pinning.</summary>
/// <param name="AudioCpu">The audio thread's CPU, or null for no pinning.</param>
/// <param name="Reserve">True to move serve's other threads off that CPU.</param>
internal sealed record ServeCpuSettings(int? AudioCpu, bool Reserve)
{
    /// <summary>
    /// The CPU of each render thread for <see cref="RealtimeEngineOptions.RenderCpus"/>, or null when pinning was not asked
    /// for or cannot be done (the CPU is not one the process may use: logged as a warning); when asked to, moves the
    /// process's other threads off the audio CPU first (before the engine's threads start, so they inherit it). Control side, before the engine is built.
    /// </summary>
    public IReadOnlyList<int>? Apply(int renderThreads, ILogger log)
    {
        if (AudioCpu is not { } cpu) return null;
        var allowed = CpuAffinity.CurrentThreadCpus();
        if (CpuAffinity.Unavailable(cpu, allowed) is { } problem)
        {
            log.Warning("CPU affinity: --audio-cpu {Cpu}: {Problem}; rendering on unpinned", cpu, problem);
            return null;
        }
        if (Reserve)
        {
            if (allowed.Count < 2)
                log.Warning("CPU affinity: --reserve-audio-cpu: the process may run on CPU {Cpu} only, so no other CPU is left for its other threads; not reserved", cpu);
            else
            {
                var (moved, refused) = CpuAffinity.MoveOtherThreadsOff(cpu, allowed);
                log.Information("CPU affinity: serve's other threads kept off CPU {Cpu}, on CPUs {Rest} ({Moved} threads moved, {Refused} refused; threads started later inherit it)",
                    cpu, CpuAffinity.FormatList(allowed.Where(c => c != cpu).ToArray()), moved, refused);
            }
        }
        return CpuAffinity.RenderThreadCpus(cpu, renderThreads, allowed);
    }

    /// <summary>Logs what became of the pinning, once the audio thread has rendered its first period (it pins itself there). Control side.</summary>
    public static void LogOutcome(ILogger log, RealtimeEngine engine)
    {
        string status = engine.CpuAffinityStatus;
        if (status.Contains("refused", StringComparison.Ordinal) || status.Contains("not pinned", StringComparison.Ordinal))
            log.Warning("CPU affinity: {Status}", status);
        else log.Information("CPU affinity: {Status}", status);
    }
}
