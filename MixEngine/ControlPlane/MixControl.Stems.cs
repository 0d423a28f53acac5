namespace MixEngine.ControlPlane;

public sealed partial class MixControl
{
    /// <inheritdoc/>
    public string? StemOf(string strip)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([strip]);
        var session = Session;
        while (pending.TryPop(out string? next))
        {
            if (!seen.Add(next)) continue;
            if (next.StartsWith("track/", StringComparison.Ordinal) && session.Tracks.FirstOrDefault(t => $"track/{t.Name}" == next) is { } track)
            {
                stems.Add(track.Stem);
                continue;
            }
            foreach (string member in MembersOf(next)) pending.Push(member);
        }
        return stems.Count == 1 ? stems.First() : null;
    }
}
