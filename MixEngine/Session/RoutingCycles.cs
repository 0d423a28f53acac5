namespace MixEngine.Session;

/// <summary>
/// Finds buses that feed themselves through a chain of outputs and sends (a routing cycle), and records one problem per
/// cycle that names it (<c>fx -> verb -> fx</c>) at the JSON path of the edge leaving its first bus. Control side.
/// </summary>
internal static class RoutingCycles
{
    /// <summary>Records each routing cycle among <paramref name="buses"/> (self-loops are reported elsewhere).</summary>
    public static void Report(IReadOnlyList<LocatedBus> buses, SessionProblemList problems)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < buses.Count; i++) index.TryAdd(buses[i].Bus.Id, i);
        var edges = buses.Select(b => Edges(b, index)).ToList();
        var reported = new HashSet<int>();
        for (int s = 0; s < buses.Count; s++)
        {
            if (reported.Contains(s)) continue;
            var cycle = ShortestCycleThrough(s, edges);
            if (cycle is null) continue;
            foreach (int n in cycle.Nodes) reported.Add(n);
            string named = string.Join(" -> ", cycle.Nodes.Append(s).Select(n => buses[n].Bus.Id));
            problems.Add(cycle.FirstEdgePath,
                $"routing cycle {named}: a bus may not feed itself through outputs and sends; expected the routing to flow one way towards the printed buses");
        }
    }

    private sealed record Edge(int To, string Path);

    private sealed record Cycle(List<int> Nodes, string FirstEdgePath);

    private static List<Edge> Edges(LocatedBus b, Dictionary<string, int> index)
    {
        var edges = new List<Edge>();
        if (b.Bus.Output is { } o && o != b.Bus.Id && index.TryGetValue(o, out int to)) edges.Add(new Edge(to, $"{b.Path}.output"));
        for (int k = 0; k < b.Bus.Sends.Count; k++)
        {
            if (b.Bus.Sends[k].Bus != b.Bus.Id && index.TryGetValue(b.Bus.Sends[k].Bus, out int t))
                edges.Add(new Edge(t, $"{b.SendPaths[k]}.bus"));
        }
        return edges;
    }

    /// <summary>Breadth-first search from <paramref name="start"/> back to itself; the nodes of the shortest cycle in order, or null.</summary>
    private static Cycle? ShortestCycleThrough(int start, List<List<Edge>> edges)
    {
        var previous = new Dictionary<int, (int From, string Path)>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            int n = queue.Dequeue();
            foreach (var e in edges[n])
            {
                if (e.To == start)
                {
                    var nodes = new List<int> { n };
                    string firstPath = e.Path;
                    while (nodes[^1] != start)
                    {
                        var (from, path) = previous[nodes[^1]];
                        firstPath = path;
                        nodes.Add(from);
                    }
                    nodes.Reverse();
                    return new Cycle(nodes, firstPath);
                }
                if (e.To != start && previous.TryAdd(e.To, (n, e.Path))) queue.Enqueue(e.To);
            }
        }
        return null;
    }
}
