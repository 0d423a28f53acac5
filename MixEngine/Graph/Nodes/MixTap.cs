namespace MixEngine.Graph.Nodes;

/// <summary>One non-zero entry of a mix contribution's matrix: a source channel and its gain into one destination channel.</summary>
/// <param name="SourceChannel">0-based channel of the source node.</param>
/// <param name="Gain">Linear gain (pan or conversion gain × send level).</param>
public readonly record struct MixTap(int SourceChannel, double Gain);
