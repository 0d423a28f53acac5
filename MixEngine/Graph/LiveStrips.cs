using MixEngine.Graph.Nodes;

namespace MixEngine.Graph;

/// <summary>
/// The strips of a plan being built: every track and bus gain stage, pan stage and send level by id, and the live
/// parameters that drive them by address in name form (<c>track/DX 1/fader</c>, <c>track/DX 1/pan/x</c>,
/// <c>track/DX 1/send/Reverb/level</c>). Built on the control side by
/// <see cref="StripResolution"/>.
/// </summary>
/// <param name="Stages">Gain stage per track or bus id.</param>
/// <param name="Parameters">Live parameter per address.</param>
/// <param name="Pans">Pan stage per track or bus id.</param>
public sealed record LiveStrips(Dictionary<string, StripGainStage> Stages, Dictionary<string, IRtParameter> Parameters, Dictionary<string, PanStage> Pans)
{
    /// <summary>The live level and mute of every send, by sending track or bus id and destination bus id.</summary>
    public Dictionary<(string Strip, string Bus), SendLevel> Sends { get; init; } = new();

    /// <summary>The VCA masters by VCA name (for automation lanes on VCA faders and mutes).</summary>
    public Dictionary<string, VcaMaster> Vcas { get; init; } = new(StringComparer.Ordinal);
}
