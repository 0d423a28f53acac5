using MixEngine.Realtime;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    /// <inheritdoc/>
    public BlockTimingStatistics BlockTiming => _engine.Timing.Read();
}
