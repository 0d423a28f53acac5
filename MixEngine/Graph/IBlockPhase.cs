namespace MixEngine.Graph;

/// <summary>
/// One phase of a block's work split into independent items (a track, or one channel of one bus) that
/// <see cref="RenderWorkers"/> hands to its threads. Implementations are preallocated with the plan.
/// </summary>
public interface IBlockPhase
{
    /// <summary>Processes item <paramref name="item"/>; called on any render worker, never concurrently for the same item. Rt rules apply.</summary>
    void RtRunItem(int item);
}
