using MixEngine.Devices;

namespace MixEngine.Realtime;

/// <summary>The engine's CPU pinning (<see cref="RealtimeEngineOptions.RenderCpus"/>): checked at construction, applied by each new thread that calls <see cref="RtRender"/>, reported on the control side.</summary>
public sealed partial class RealtimeEngine
{
    private int[]? _renderCpusForStatus;
    private int _audioCpuResult = CpuAffinity.NotRequested;
    private int _pinnedThreadId;

    /// <summary>
    /// What became of <see cref="RealtimeEngineOptions.RenderCpus"/> for the audio thread (known after its first period)
    /// and each render worker, e.g. "audio thread: CPU 1; worker 1: CPU 0", with the CPU named when refused; "not requested"
    /// without the option. Control side (allocates).
    /// </summary>
    public string CpuAffinityStatus
    {
        get
        {
            if (_audioCpu < 0) return "not requested";
            int audio = Volatile.Read(ref _audioCpuResult);
            var parts = new List<string> { audio == CpuAffinity.NotRequested ? "audio thread: no period rendered yet" : $"audio thread: {CpuAffinity.Describe(audio, _audioCpu)}" };
            var workers = _workers?.WorkerCpuResults ?? [];
            for (int w = 0; w < workers.Count; w++)
                parts.Add(workers[w] == CpuAffinity.NotRequested ? $"worker {w + 1}: not started yet" : $"worker {w + 1}: {CpuAffinity.Describe(workers[w], _renderCpusForStatus![w + 1])}");
            return string.Join("; ", parts);
        }
    }

    // The thread that calls RtRender may change (a JACK reconnection moves the callback to another thread): each new one pins itself.
    private void RtPinAudioThread()
    {
        _pinnedThreadId = Environment.CurrentManagedThreadId;
        Volatile.Write(ref _audioCpuResult, CpuAffinity.RtPinCurrentThread(_audioCpu));
    }

    // Binds the affinity imports here (the audio thread's first call must not allocate) and keeps the plan for the status.
    private int PrepareCpus(IReadOnlyList<int> cpus, int renderThreads)
    {
        if (cpus.Count < renderThreads || cpus.Any(c => c < 0))
            throw new ArgumentOutOfRangeException(nameof(cpus), string.Join(",", cpus), $"RenderCpus needs a CPU number (0 or more) for each of the {renderThreads} render threads");
        CpuAffinity.Prepare();
        _renderCpusForStatus = cpus.ToArray();
        return cpus[0];
    }
}
