using MixEngine.Session;

namespace MixEngine.Graph;

/// <summary>
/// Decides in which stage of a block every track and bus runs, so that everything a strip reads is ready: a stage runs
/// its tracks, then its buses' channels, then its buses' processing. A bus runs no earlier than the tracks feeding it
/// and a stage after the buses feeding it; a strip keyed by a track or bus runs after its key (a track keyed by anything,
/// and a bus keyed by a bus, one stage later). Control side; throws <see cref="InvalidOperationException"/> naming the
/// JSON path for an unknown bus or key, or when routing and keys form a cycle (the session reader rejects both).
/// </summary>
public static class PlanStages
{
    /// <summary>The stage of every track and bus, by id.</summary>
    public static Dictionary<string, int> Compute(MixSession session)
    {
        var isTrack = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var t in session.Tracks) isTrack[t.Id] = true;
        foreach (var b in session.Buses) isTrack[b.Id] = false;
        // (reader, source, the stages the reader must come after the source)
        var needs = new List<(string Reader, string Source, int Gap)>();
        void Need(string reader, string source, string path, bool routing)
        {
            if (!isTrack.TryGetValue(reader, out bool readerIsTrack) || (routing && readerIsTrack))
                throw new InvalidOperationException($"{path}: unknown bus '{reader}'");
            if (!isTrack.TryGetValue(source, out bool sourceIsTrack))
                throw new InvalidOperationException($"{path}: unknown key '{source}'");
            needs.Add((reader, source, sourceIsTrack && !readerIsTrack ? 0 : 1));
        }
        for (int i = 0; i < session.Tracks.Count; i++)
        {
            var t = session.Tracks[i];
            Need(t.Output, t.Id, $"$.tracks[{i}].output", routing: true);
            for (int s = 0; s < t.Sends.Count; s++) Need(t.Sends[s].Bus, t.Id, $"$.tracks[{i}].sends[{s}].bus", routing: true);
            if (t.Strip.Processing.Compressor?.Key is { } key) Need(t.Id, key, $"$.tracks[{i}].strip.dyn.comp.key", routing: false);
        }
        for (int i = 0; i < session.Buses.Count; i++)
        {
            var b = session.Buses[i];
            if (b.Output is not null) Need(b.Output, b.Id, $"$.buses[{i}].output", routing: true);
            for (int s = 0; s < b.Sends.Count; s++) Need(b.Sends[s].Bus, b.Id, $"$.buses[{i}].sends[{s}].bus", routing: true);
            if (b.Strip.Processing.Compressor?.Key is { } key) Need(b.Id, key, $"$.buses[{i}].strip.dyn.comp.key", routing: false);
        }
        var stage = isTrack.Keys.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        for (int pass = 0; ; pass++)
        {
            bool changed = false;
            foreach (var (reader, source, gap) in needs)
            {
                if (stage[reader] >= stage[source] + gap) continue;
                stage[reader] = stage[source] + gap;
                changed = true;
            }
            if (!changed) return stage;
            if (pass > isTrack.Count)
                throw new InvalidOperationException("$.buses: the routing contains a cycle (a strip feeds itself through outputs, sends or compressor keys)");
        }
    }
}
