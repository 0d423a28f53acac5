using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>
/// The checks that span elements of a session: unique ids and names, routing targets that exist, no bus feeding
/// itself through outputs or sends (the cycle is named), VCA members that exist, print outputs naming buses and
/// distinct files, a defined up/down-mix wherever a multichannel source feeds a bus, and compressor keys
/// (<see cref="KeyRouting"/>). Control side.
/// </summary>
internal static class SessionCrossCheck
{
    /// <summary>Runs every cross-element check over <paramref name="draft"/>, recording problems with JSON paths.</summary>
    public static void Run(SessionDraft draft, SessionProblemList problems)
    {
        CheckUniqueIds(draft, problems);
        CheckUniqueNames(draft.Tracks.Select(t => (t.Track.Name, t.Path)), "track", problems);
        CheckUniqueNames(draft.Buses.Select(b => (b.Bus.Name, b.Path)), "bus", problems);
        CheckUniqueNames(draft.Vcas.Select(v => (v.Vca.Name, v.Path)), "VCA", problems);

        var buses = new Dictionary<string, Bus>(StringComparer.Ordinal);
        foreach (var b in draft.Buses) buses.TryAdd(b.Bus.Id, b.Bus);
        var trackIds = draft.Tracks.Select(t => t.Track.Id).ToHashSet(StringComparer.Ordinal);
        var routing = new RoutingTargets(buses, trackIds, draft.UnknownFormats, problems);

        foreach (var t in draft.Tracks)
        {
            routing.Check(t.Track.Id, t.Track.Output, $"{t.Path}.output", t.Track.Format, $"track '{t.Track.Id}'");
            for (int k = 0; k < t.Track.Sends.Count; k++)
                routing.Check(t.Track.Id, t.Track.Sends[k].Bus, $"{t.SendPaths[k]}.bus", t.Track.Format, $"track '{t.Track.Id}'");
        }
        foreach (var b in draft.Buses)
        {
            string who = $"bus '{b.Bus.Id}'";
            if (b.Bus.Output is { } output)
            {
                if (output == b.Bus.Id) problems.Add($"{b.Path}.output", $"{who} outputs to itself; expected another bus id or null");
                else routing.Check(b.Bus.Id, output, $"{b.Path}.output", b.Bus.Format, who);
            }
            for (int k = 0; k < b.Bus.Sends.Count; k++)
            {
                if (b.Bus.Sends[k].Bus == b.Bus.Id) problems.Add($"{b.SendPaths[k]}.bus", $"{who} sends to itself; expected another bus id");
                else routing.Check(b.Bus.Id, b.Bus.Sends[k].Bus, $"{b.SendPaths[k]}.bus", b.Bus.Format, who);
            }
        }
        foreach (var t in draft.Tracks) CheckOneSendPerBus(t.Track.Sends, t.SendPaths, problems);
        foreach (var b in draft.Buses) CheckOneSendPerBus(b.Bus.Sends, b.SendPaths, problems);
        RoutingCycles.Report(draft.Buses, problems);
        KeyRouting.Check(draft, problems);
        CheckVcaMembers(draft, buses, trackIds, problems);
        CheckOutputs(draft, buses, problems);
    }

    private static void CheckOneSendPerBus(IReadOnlyList<Send> sends, IReadOnlyList<string> paths, SessionProblemList problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < sends.Count; k++)
        {
            if (sends[k].Bus.Length == 0) continue;
            if (seen.TryGetValue(sends[k].Bus, out string? first))
                problems.Add($"{paths[k]}.bus", $"a second send to bus '{sends[k].Bus}' (first at {first}); expected one send per destination bus (its address send/<bus>/level must be unique)");
            else seen[sends[k].Bus] = paths[k];
        }
    }

    private static void CheckUniqueIds(SessionDraft draft, SessionProblemList problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = draft.Tracks.Select(t => (t.Track.Id, t.Path))
            .Concat(draft.Buses.Select(b => (b.Bus.Id, b.Path)))
            .Concat(draft.Vcas.Select(v => (v.Vca.Id, v.Path)));
        foreach (var (id, path) in all)
        {
            if (id.Length == 0) continue;
            if (seen.TryGetValue(id, out string? first))
                problems.Add($"{path}.id", $"duplicate id '{id}' (already used by {first}); ids must be unique across tracks, buses and VCAs");
            else seen[id] = path;
        }
    }

    private static void CheckUniqueNames(IEnumerable<(string Name, string Path)> items, string kind, SessionProblemList problems)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in items)
        {
            if (name.Length == 0) continue;
            if (seen.TryGetValue(name, out string? first))
                problems.Add($"{path}.name", $"duplicate {kind} name '{name}' (already used by {first}); {kind} names must be unique because parameter addresses use them");
            else seen[name] = path;
        }
    }

    private static void CheckVcaMembers(SessionDraft draft, Dictionary<string, Bus> buses, HashSet<string> trackIds, SessionProblemList problems)
    {
        foreach (var v in draft.Vcas)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int k = 0; k < v.Vca.Members.Count; k++)
            {
                string member = v.Vca.Members[k];
                if (!trackIds.Contains(member) && !buses.ContainsKey(member))
                    problems.Add(v.MemberPaths[k], $"VCA member '{member}' does not exist; expected the id of a track or bus");
                else if (!seen.Add(member))
                    problems.Add(v.MemberPaths[k], $"VCA member '{member}' is listed twice; list each member once");
            }
        }
    }

    private static void CheckOutputs(SessionDraft draft, Dictionary<string, Bus> buses, SessionProblemList problems)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in draft.Outputs)
        {
            if (o.Output.Bus.Length > 0 && !buses.ContainsKey(o.Output.Bus))
                problems.Add($"{o.Path}.bus", $"output names unknown bus '{o.Output.Bus}'; expected one of the bus ids: {KnownBuses(buses)}");
            if (o.Output.File.Length == 0) continue;
            var layout = buses.TryGetValue(o.Output.Bus, out var bus) ? bus.Format : null;
            foreach (string file in FilesWritten(o.Output, layout))
            {
                string key = file.Replace('\\', '/');
                if (written.TryGetValue(key, out string? first))
                    problems.Add($"{o.Path}.file", $"two outputs write the same file '{file}' (also written by {first}); expected a distinct file per output");
                else written[key] = o.Path;
            }
        }
    }

    /// <summary>The file names a print produces: the file itself, or one per channel label for multi-mono.</summary>
    private static IEnumerable<string> FilesWritten(PrintOutput output, ChannelLayout? layout)
    {
        if (output.Layout == PrintLayout.Interleaved || layout is null) return [output.File];
        string stem = output.File[..^Path.GetExtension(output.File).Length];
        string ext = Path.GetExtension(output.File);
        return layout.Labels.Select(l => $"{stem}.{l}{ext}");
    }

    /// <summary>The known bus ids for messages.</summary>
    private static string KnownBuses(Dictionary<string, Bus> buses) =>
        buses.Count == 0 ? "(the session has no buses)" : string.Join(", ", buses.Keys);

    /// <summary>Checks one routing target (output or send) of a track or bus whose format is <c>from</c>.</summary>
    private sealed class RoutingTargets(
        Dictionary<string, Bus> buses, HashSet<string> trackIds, HashSet<string> unknownFormats, SessionProblemList problems)
    {
        public void Check(string source, string target, string path, ChannelLayout from, string who)
        {
            if (target.Length == 0) return;
            if (!buses.TryGetValue(target, out var bus))
            {
                problems.Add(path, trackIds.Contains(target)
                    ? $"'{target}' is a track; {who} can only feed a bus (one of: {KnownBuses(buses)})"
                    : $"unknown bus '{target}'; expected one of the bus ids: {KnownBuses(buses)}");
                return;
            }
            if (unknownFormats.Contains(source) || unknownFormats.Contains(target)) return;
            if (from.ChannelCount >= 3 && !ChannelConversion.TryCreate(from, bus.Format, out _))
                problems.Add(path, $"{who} is {from.Name} but bus '{bus.Id}' is {bus.Format.Name}: there is no defined {from.Name} -> {bus.Format.Name} up/down-mix; expected a bus format with a defined conversion (docs/session-format.md, channel conversions)");
        }
    }
}
