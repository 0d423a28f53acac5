namespace MixEngine.Session;

/// <summary>
/// A named strip order for control surfaces (docs/surfaces.md, Layouts): which tracks, buses and VCAs a mapped surface
/// shows, left to right, when the layout is selected. Saved with the session (<c>layouts</c>); immutable, any thread.
/// </summary>
/// <param name="Name">The layout's name, unique in the session (what a soft key or <c>layout:NAME</c> selects).</param>
/// <param name="Strips">Ids of tracks, buses and VCAs in surface order (each at most once).</param>
public sealed record SurfaceLayout(string Name, IReadOnlyList<string> Strips);
