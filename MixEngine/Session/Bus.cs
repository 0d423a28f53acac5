using MixEngine.Files;

namespace MixEngine.Session;

/// <summary>A bus: sums tracks, sends and other buses, runs a strip and feeds another bus (or nothing, when it only prints).</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Display name; the address scheme uses it (<c>bus/DX/fader</c>).</param>
/// <param name="Format">Bus format: mono, stereo, LCR, 5.1, 7.1, 7.1.2, 7.1.4 or 9.1.6.</param>
/// <param name="Strip">The bus strip (pan applies when a mono/stereo bus feeds a wider bus).</param>
/// <param name="Output">Id of the bus this one feeds, or null.</param>
/// <param name="Sends">Aux sends to other buses.</param>
public sealed record Bus(
    string Id,
    string Name,
    ChannelLayout Format,
    Strip Strip,
    string? Output,
    IReadOnlyList<Send> Sends);
