using MixEngine.Automation;

namespace MixEngine.Graph;

/// <summary>
/// A live parameter whose owner can play its automation lane itself, reading the lane at the timeline positions it needs
/// (an EQ kernel at its control periods), so <see cref="AutomationPlayback"/> neither sets it between blocks nor cuts
/// blocks for it. The lane's cursor is then read on the thread that runs the owner.
/// </summary>
public interface IRtLaneFollower : IRtParameter
{
    /// <summary>Makes the owner follow <paramref name="lane"/> from now on; control side, while the plan is built.</summary>
    void Follow(RtLaneCursor lane);
}
