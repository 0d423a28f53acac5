using MixEngine.Realtime;

namespace MixEngine.ControlPlane;

/// <summary>How the audio thread keeps up, for dashboards and health checks of any adapter.</summary>
public partial interface IMixControl
{
    /// <summary>
    /// The audio thread's block timing since the engine started: p50/p99/p99.9/max render time against the period, late
    /// blocks, device xruns and bytes the audio thread allocated. Any control thread (allocates the returned record).
    /// </summary>
    BlockTimingStatistics BlockTiming { get; }
}
