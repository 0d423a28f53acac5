namespace MixEngine.Session;

/// <summary>
/// Checks the external keys of compressors (<c>strip.dyn.comp.key</c>): the key must name another track or bus, and
/// must not make a cycle — the keyed strip may not feed, through outputs, sends and other keys, the strip that keys it
/// (the plan could never have the key ready). A cycle is named (<c>key cycle dx -> pm -> dx</c>). Control side.
/// </summary>
internal static class KeyRouting
{
    /// <summary>Records a problem at the key's JSON path for each unknown, self or cyclic key in <paramref name="draft"/>.</summary>
    public static void Check(SessionDraft draft, SessionProblemList problems)
    {
        var nodes = new List<(string Id, string Path, Strip Strip, IEnumerable<string> Feeds)>();
        foreach (var t in draft.Tracks)
            nodes.Add((t.Track.Id, t.Path, t.Track.Strip, t.Track.Sends.Select(s => s.Bus).Prepend(t.Track.Output)));
        foreach (var b in draft.Buses)
            nodes.Add((b.Bus.Id, b.Path, b.Bus.Strip, b.Bus.Sends.Select(s => s.Bus).Concat(b.Bus.Output is { } o ? [o] : [])));
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var n in nodes) edges.TryAdd(n.Id, new List<string>());
        foreach (var n in nodes)
        {
            if (!edges.TryGetValue(n.Id, out var list)) continue;
            list.AddRange(n.Feeds.Where(edges.ContainsKey));
            if (n.Strip.Processing.Compressor?.Key is { } key && edges.TryGetValue(key, out var keyEdges)) keyEdges.Add(n.Id);
        }
        string known = string.Join(", ", edges.Keys);
        foreach (var n in nodes)
        {
            if (n.Strip.Processing.Compressor?.Key is not { } key) continue;
            string path = $"{n.Path}.strip.dyn.comp.key";
            if (key == n.Id)
                problems.Add(path, $"the compressor of '{n.Id}' is keyed by its own strip; omit 'key' (or set it to null) to detect on the strip's own signal");
            else if (!edges.ContainsKey(key))
                problems.Add(path, $"unknown key '{key}'; expected the id of another track or bus: {known}");
            else if (PathBetween(n.Id, key, edges) is { } cycle)
                problems.Add(path,
                    $"key cycle {string.Join(" -> ", cycle.Append(n.Id))}: '{n.Id}' feeds its own key '{key}', so the key can never be ready before the compressor needs it; expected a key that '{n.Id}' does not feed");
        }
    }

    /// <summary>The nodes of a shortest path from <paramref name="from"/> to <paramref name="to"/> along the edges, or null.</summary>
    private static List<string>? PathBetween(string from, string to, Dictionary<string, List<string>> edges)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal) { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            string n = queue.Dequeue();
            if (n == to)
            {
                var path = new List<string> { n };
                while (path[^1] != from) path.Add(previous[path[^1]]);
                path.Reverse();
                return path;
            }
            foreach (string next in edges[n])
                if (previous.TryAdd(next, n)) queue.Enqueue(next);
        }
        return null;
    }
}
