using MixEngine.Graph.Nodes;

namespace MixEngine.Graph;

/// <summary>
/// Latency compensation of a plan: every node's output lags the timeline by its processing latency (a track: its chain's;
/// a bus: its latest input's plus its chain's). Where sources of different latency meet in a bus (main outputs, pre- and
/// post-fader sends, bus-to-bus), each earlier one is delayed to the latest; a compressor's external key is lined up with
/// the signal it keys (the key's pre-fader tap is delayed when it is early; when it is late, the keyed strip's signal is
/// delayed in front of its chain, which adds to that strip's latency); and every bus's aligned output
/// (<see cref="MixNode.OutputBuffers"/>) is delayed to the plan's deepest latency, so stems and printmaster leave
/// sample-aligned. A plan without look-ahead processing gets no delays at all. Control side, while the plan is built.
/// </summary>
public static class LatencyPlanner
{
    /// <summary>Sets every node's latency, inserts the compensation delays and returns the plan's latency in samples.</summary>
    public static int Compensate(IReadOnlyList<TrackNode> tracks, IReadOnlyList<BusNode> buses)
    {
        var settled = new HashSet<MixNode>();
        foreach (var t in tracks) Settle(t, settled);
        foreach (var b in buses) Settle(b, settled);
        int plan = buses.Count == 0 ? 0 : buses.Max(b => b.LatencySamples);
        foreach (var b in buses)
            if (plan > b.LatencySamples) b.AlignOutput(plan - b.LatencySamples);
        return plan;
    }

    // Settles a node after everything it depends on (its feeders and its key; routing and keys form no cycle, the session
    // reader and the plan's stages reject one).
    private static void Settle(MixNode node, HashSet<MixNode> settled)
    {
        if (!settled.Add(node)) return;
        int input = 0;
        if (node is BusNode bus)
        {
            foreach (var f in bus.Feeders) Settle(f.Source, settled);
            foreach (var f in bus.Feeders) input = Math.Max(input, f.Source.LatencySamples);
            foreach (var f in bus.Feeders)
            {
                int delay = input - f.Source.LatencySamples;
                if (delay > 0) f.SetDelay(f.Source.DelayFor(f.PreFader, delay));
            }
        }
        if (node.KeySource is { } key && node.Chain is { } chain)
        {
            Settle(key, settled);
            // The key is read from its pre-fader tap, which lags the timeline by the key node's whole latency. A late key
            // delays the strip's signal in front of its chain (counted in the chain's latency); an early one is delayed.
            if (key.LatencySamples > input) chain.AlignToKey(key.LatencySamples - input);
            else if (key.LatencySamples < input) node.DelayKey(input - key.LatencySamples);
        }
        node.LatencySamples = input + (node.Chain?.LatencySamples ?? 0);
    }
}
