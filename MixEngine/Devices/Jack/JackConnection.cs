using System.Text.RegularExpressions;

namespace MixEngine.Devices.Jack;

/// <summary>
/// One automatic connection rule: which of the engine's ports (<see cref="Ports"/>, a glob over the short port names
/// with <c>*</c> and <c>?</c>, e.g. <c>PM_712:*</c>) go to which input ports of other clients (<see cref="Destinations"/>:
/// an exact full port name such as <c>system:playback_1</c>, or else a regular expression matched against the whole
/// full name, e.g. <c>system:playback_.*</c>). Matched sources are paired in order with matched destinations (the
/// server's port order); a single destination takes every source. Written on the command line as
/// <c>PORTS=DESTINATIONS</c>. Immutable; any thread.
/// </summary>
/// <param name="Ports">Glob over the engine's short port names.</param>
/// <param name="Destinations">Exact full port name, or a regular expression over full input port names.</param>
public sealed record JackConnection(string Ports, string Destinations)
{
    /// <summary>Parses <c>PORTS=DESTINATIONS</c> (split at the last '='); throws <see cref="FormatException"/> naming the text. Any thread.</summary>
    public static JackConnection Parse(string text)
    {
        int split = text.LastIndexOf('=');
        if (split <= 0 || split == text.Length - 1)
            throw new FormatException($"JACK connection '{text}': expected PORTS=DESTINATIONS, e.g. 'PM_712:*=system:playback_.*'");
        var connection = new JackConnection(text[..split], text[(split + 1)..]);
        connection.DestinationPattern();
        return connection;
    }

    /// <summary>
    /// Pairs the engine's ports (short names, in registration order) with <paramref name="inputPorts"/> (full names of
    /// every audio input port on the server, in server order); returns the (source index, destination) pairs and the
    /// sources left without a destination. Any thread.
    /// </summary>
    public (List<(int Source, string Destination)> Pairs, List<int> Unpaired) Resolve(IReadOnlyList<string> ourPorts, IReadOnlyList<string> inputPorts)
    {
        var glob = new Regex("^" + Regex.Escape(Ports).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.CultureInvariant);
        var sources = Enumerable.Range(0, ourPorts.Count).Where(i => glob.IsMatch(ourPorts[i])).ToList();
        var destinationPattern = DestinationPattern();
        List<string> destinations = inputPorts.Contains(Destinations)
            ? [Destinations]
            : inputPorts.Where(p => destinationPattern.IsMatch(p)).ToList();
        var pairs = new List<(int, string)>();
        var unpaired = new List<int>();
        for (int k = 0; k < sources.Count; k++)
        {
            if (destinations.Count == 1) pairs.Add((sources[k], destinations[0]));
            else if (k < destinations.Count) pairs.Add((sources[k], destinations[k]));
            else unpaired.Add(sources[k]);
        }
        return (pairs, unpaired);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Ports}={Destinations}";

    private Regex DestinationPattern()
    {
        try
        {
            return new Regex("^(?:" + Destinations + ")$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"JACK connection '{this}': destination '{Destinations}' is neither a port name nor a valid regular expression: {e.Message}", e);
        }
    }
}
