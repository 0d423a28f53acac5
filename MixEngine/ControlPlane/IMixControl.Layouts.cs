namespace MixEngine.ControlPlane;

/// <summary>Surface layouts and strip membership, for mapped surfaces (docs/surfaces.md, Layouts and Spill).</summary>
public partial interface IMixControl
{
    /// <summary>The session's named strip orders (<c>layouts</c>), each strip as its address prefix (<c>track/DX 1</c>, <c>bus/DX</c>, <c>vca/Dialog</c>); any control thread.</summary>
    IReadOnlyList<StripLayout> Layouts { get; }

    /// <summary>
    /// The members of a VCA (its member tracks and buses) or of a bus (the tracks and buses that feed it), as address
    /// prefixes in session order; empty for a track. Throws <see cref="Session.ParameterAddressException"/> naming an
    /// unknown strip. Any control thread.
    /// </summary>
    IReadOnlyList<string> MembersOf(string strip);
}

/// <summary>A named strip order with each strip as its address prefix. Immutable; any thread.</summary>
/// <param name="Name">The layout's name.</param>
/// <param name="Strips">Address prefixes (<c>track/DX 1</c>) left to right.</param>
public sealed record StripLayout(string Name, IReadOnlyList<string> Strips);
