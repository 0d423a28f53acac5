using MixEngine.Graph.Nodes;

namespace MixEngine.Graph;

/// <summary>
/// Latency compensation of a plan: every node's output lags the timeline by its processing latency (a track: its chain's;
/// a bus: its latest input's plus its chain's). Where sources of different latency meet in a bus (main outputs, pre- and
/// post-fader sends, bus-to-bus), each earlier one is delayed to the latest; and every bus's aligned output
/// (<see cref="MixNode.OutputBuffers"/>) is delayed to the plan's deepest latency, so stems and printmaster leave
/// sample-aligned. A plan without look-ahead processing gets no delays at all. Control side, while the plan is built.
/// </summary>
public static class LatencyPlanner
{
    /// <summary>Sets every node's latency, inserts the compensation delays and returns the plan's latency in samples.</summary>
    public static int Compensate(IReadOnlyList<TrackNode> tracks, IReadOnlyList<BusNode> buses)
    {
        foreach (var t in tracks) t.LatencySamples = t.Chain?.LatencySamples ?? 0;
        foreach (var b in buses.OrderBy(b => b.Level))
        {
            int input = 0;
            foreach (var f in b.Feeders) input = Math.Max(input, f.Source.LatencySamples);
            foreach (var f in b.Feeders)
            {
                int delay = input - f.Source.LatencySamples;
                if (delay > 0) f.SetDelay(f.Source.DelayFor(f.PreFader, delay));
            }
            b.LatencySamples = input + (b.Chain?.LatencySamples ?? 0);
        }
        int plan = buses.Count == 0 ? 0 : buses.Max(b => b.LatencySamples);
        foreach (var b in buses)
            if (plan > b.LatencySamples) b.AlignOutput(plan - b.LatencySamples);
        return plan;
    }
}
