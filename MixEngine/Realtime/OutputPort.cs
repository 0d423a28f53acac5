using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>One device port the realtime engine plays: its name and the bus channel (zero-based) it carries. Immutable; any thread.</summary>
/// <param name="Name">Port name as the device registers it, e.g. "PM_712:L".</param>
/// <param name="BusId">Bus whose post-fader output the port plays.</param>
/// <param name="Channel">Channel of that bus (zero-based, layout order).</param>
public sealed record OutputPort(string Name, string BusId, int Channel)
{
    /// <summary>Name of the optional monitor ports ("monitor:L", "monitor:R", …, in the printmaster's layout).</summary>
    public const string MonitorPrefix = "monitor";

    /// <summary>
    /// The ports for <paramref name="session"/>: one per channel of every printed bus, named after the bus's first print
    /// (file name without folder and extension) and the layout's speaker label ("PM_712:L", "DX:C"); a session without
    /// prints plays every bus that feeds no other bus, named after the bus. With <paramref name="monitor"/>,
    /// "monitor:LABEL" ports follow in the printmaster's layout, carrying the monitor path (<see cref="MonitorPath"/>).
    /// Throws naming a print's unknown bus, or when a monitor is asked for a session without buses. Control side.
    /// </summary>
    public static IReadOnlyList<OutputPort> ForSession(MixSession session, bool monitor = false)
    {
        var named = new List<(Bus Bus, string Name)>();
        foreach (var output in session.Outputs)
        {
            if (named.Any(n => n.Bus.Id == output.Bus)) continue;
            var bus = session.Buses.FirstOrDefault(b => b.Id == output.Bus)
                ?? throw new ArgumentException($"print '{output.File}' names unknown bus '{output.Bus}'", nameof(session));
            named.Add((bus, Path.GetFileNameWithoutExtension(output.File)));
        }
        if (named.Count == 0)
            named.AddRange(session.Buses.Where(b => b.Output is null && b.Sends.Count == 0).Select(b => (b, b.Name)));
        var ports = named.SelectMany(n => n.Bus.Format.Labels.Select((label, c) => new OutputPort($"{n.Name}:{label}", n.Bus.Id, c))).ToList();
        if (monitor)
        {
            var printmaster = PlanMeters.Printmaster(session) is { } id ? session.Buses.First(b => b.Id == id)
                : throw new ArgumentException($"session '{session.Name}' has no bus, so it has no monitor path", nameof(monitor));
            ports.AddRange(printmaster.Format.Labels.Select((label, c) => new OutputPort($"{MonitorPrefix}:{label}", MonitorPath.PortBus, c)));
        }
        return ports;
    }

    /// <summary>
    /// The bus id or name <paramref name="bus"/> as a bus id of <paramref name="session"/>; throws <see cref="ArgumentException"/>
    /// naming it and the session's buses when it is neither. Any thread.
    /// </summary>
    public static string MonitorSourceId(MixSession session, string bus) =>
        (session.Buses.FirstOrDefault(b => b.Id == bus) ?? session.Buses.FirstOrDefault(b => b.Name == bus))?.Id
        ?? throw new ArgumentException($"monitor source '{bus}' is neither a bus id nor a bus name of session '{session.Name}' (buses: {string.Join(", ", session.Buses.Select(b => b.Name))})", nameof(bus));
}
