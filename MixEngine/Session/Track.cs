using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>A track: clips on a timeline feeding one channel strip, routed to a bus and to sends.</summary>
/// <param name="Id">Stable id (never changes when the track is renamed; automation and mappings may key on it).</param>
/// <param name="Name">Display name; the address scheme uses it (<c>track/DX 1/fader</c>).</param>
/// <param name="Stem">Stem category: DX, MX, FX, FOLEY, BG, ADR or a custom upper-case word.</param>
/// <param name="Format">Track channel format: mono, stereo, LCR, 5.1 or 7.1.</param>
/// <param name="Clips">Clips in the order written; overlapping clips on one track are summed (crossfades use fades).</param>
/// <param name="Strip">The channel strip.</param>
/// <param name="Output">Id of the bus the strip's main output feeds.</param>
/// <param name="Sends">Aux sends to other buses.</param>
public sealed record Track(
    string Id,
    string Name,
    string Stem,
    ChannelLayout Format,
    IReadOnlyList<Clip> Clips,
    Strip Strip,
    string Output,
    IReadOnlyList<Send> Sends);
