namespace MixEngine.ControlPlane;

/// <summary>Stem categories of strips, for surfaces that colour or group strips by what they carry (docs/surfaces.md, X-Touch colours).</summary>
public partial interface IMixControl
{
    /// <summary>
    /// The stem category (DX, MX, FX, FOLEY, BG, ADR or a custom word) of a track; of a bus or VCA, the category every track
    /// it gathers shares (through its members, <see cref="MembersOf"/>, down to the tracks), or null when they differ or it
    /// gathers no track. Throws <see cref="Session.ParameterAddressException"/> naming an unknown strip. Any control thread.
    /// </summary>
    string? StemOf(string strip);
}
