using MixEngine.Session;

namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    /// <inheritdoc/>
    public IReadOnlyList<StripLayout> Layouts
    {
        get
        {
            var session = Session;
            var prefixes = Prefixes(session);
            return [.. session.Layouts.Select(l => new StripLayout(l.Name, [.. l.Strips.Where(prefixes.ContainsKey).Select(id => prefixes[id])]))];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> MembersOf(string strip)
    {
        var session = Session;
        var prefixes = Prefixes(session);
        string? id = prefixes.FirstOrDefault(p => p.Value == strip).Key;
        if (id is null)
            throw new ParameterAddressException(strip, $"'{strip}' is not a strip of the session; expected track/NAME, bus/NAME or vca/NAME");
        if (session.Vcas.FirstOrDefault(v => v.Id == id) is { } vca)
            return [.. session.Tracks.Where(t => vca.Members.Contains(t.Id)).Select(t => prefixes[t.Id])
                .Concat(session.Buses.Where(b => vca.Members.Contains(b.Id)).Select(b => prefixes[b.Id]))];
        if (session.Buses.Any(b => b.Id == id))
            return [.. session.Tracks.Where(t => t.Output == id).Select(t => prefixes[t.Id])
                .Concat(session.Buses.Where(b => b.Output == id).Select(b => prefixes[b.Id]))];
        return [];
    }

    private static Dictionary<string, string> Prefixes(MixSession session)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in session.Tracks) prefixes[t.Id] = $"track/{t.Name}";
        foreach (var b in session.Buses) prefixes[b.Id] = $"bus/{b.Name}";
        foreach (var v in session.Vcas) prefixes[v.Id] = $"vca/{v.Name}";
        return prefixes;
    }
}
