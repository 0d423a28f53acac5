namespace MixEngine.Session;

/// <summary>A VCA master: its fader (dB) adds to each member's fader, its mute mutes every member.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name; the address scheme uses it (<c>vca/Dialog/fader</c>).</param>
/// <param name="FaderDb">VCA fader in dB (−∞ … +12).</param>
/// <param name="Mute">Mutes every member.</param>
/// <param name="Members">Ids of member tracks and buses.</param>
public sealed record Vca(string Id, string Name, double FaderDb, bool Mute, IReadOnlyList<string> Members);
