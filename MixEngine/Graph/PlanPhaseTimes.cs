namespace MixEngine.Graph;

/// <summary>The kinds of phase a <see cref="RenderPlan"/> block runs, stage after stage.</summary>
public enum PlanPhase
{
    /// <summary>Automation lanes filled for the block (gain curves per sample, stepped parameters) and locates.</summary>
    Automation,

    /// <summary>Clip playback and track strips.</summary>
    Tracks,

    /// <summary>Bus channels: summing the feeders and the per-channel strip.</summary>
    BusSums,

    /// <summary>Buses' inserted processing (linked over the channels).</summary>
    BusChains,
}

/// <summary>
/// Where a plan's blocks spent their wall time, per <see cref="PlanPhase"/> (Stopwatch ticks summed over stages and
/// blocks until cleared); a tracing driver hands one to <see cref="RenderPlan.PhaseTimes"/> and takes the sums after each
/// period. Thread rules: written by the plan's driver thread inside <see cref="RenderPlan.RtRenderBlock(long, int, RenderWorkers?)"/>,
/// read and cleared by the same thread between blocks; allocates nothing.
/// </summary>
public sealed class PlanPhaseTimes
{
    private readonly long[] _ticks = new long[4];

    /// <summary>Ticks spent in <paramref name="phase"/> since the last <see cref="RtClear"/>. Driver thread.</summary>
    public long Ticks(PlanPhase phase) => _ticks[(int)phase];

    /// <summary>Adds the time from <paramref name="mark"/> to now to <paramref name="phase"/> and moves the mark to now. Driver thread.</summary>
    public void RtLap(PlanPhase phase, ref long mark)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        _ticks[(int)phase] += now - mark;
        mark = now;
    }

    /// <summary>Starts new sums. Driver thread.</summary>
    public void RtClear() => Array.Clear(_ticks);
}
