namespace MixEngine.Session;

/// <summary>A parsed track with the JSON paths of itself and of each of its sends (for cross-checks that report paths).</summary>
internal sealed record LocatedTrack(Track Track, string Path, IReadOnlyList<string> SendPaths);

/// <summary>A parsed bus with the JSON paths of itself and of each of its sends.</summary>
internal sealed record LocatedBus(Bus Bus, string Path, IReadOnlyList<string> SendPaths);

/// <summary>A parsed VCA with the JSON paths of itself and of each member.</summary>
internal sealed record LocatedVca(Vca Vca, string Path, IReadOnlyList<string> MemberPaths);

/// <summary>A parsed print output with its JSON path.</summary>
internal sealed record LocatedOutput(PrintOutput Output, string Path);

/// <summary>
/// Everything parsed from one session file, element by element with JSON paths, before the cross-element checks
/// (ids, routing, formats) run over it. Control side, one thread.
/// </summary>
internal sealed class SessionDraft
{
    /// <summary>Tracks in file order.</summary>
    public List<LocatedTrack> Tracks { get; } = [];

    /// <summary>Buses in file order.</summary>
    public List<LocatedBus> Buses { get; } = [];

    /// <summary>VCAs in file order.</summary>
    public List<LocatedVca> Vcas { get; } = [];

    /// <summary>Ids of tracks and buses whose format was missing or unknown (already reported; format checks skip them).</summary>
    public HashSet<string> UnknownFormats { get; } = new(StringComparer.Ordinal);

    /// <summary>Print outputs in file order.</summary>
    public List<LocatedOutput> Outputs { get; } = [];
}
