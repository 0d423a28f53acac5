using MixEngine.ControlPlane;
using MixEngine.Session;

namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// One strip a surface can show (a track, bus or VCA), with the handles of its usual controls resolved once so that
/// per-message sets allocate nothing; a control the strip does not have (a VCA's pan) is null. Immutable; any thread.
/// </summary>
/// <param name="Scope">Track, bus or VCA.</param>
/// <param name="Name">The strip's display name (shown on scribble strips and <c>/strip/name</c>).</param>
/// <param name="Prefix">The strip's address prefix (<c>track/DX 1</c>), as meters name it.</param>
/// <param name="Fader">The fader (dB, audio-fader taper).</param>
/// <param name="Trim">The input trim in dB, or null.</param>
/// <param name="Mute">The mute switch, or null.</param>
/// <param name="Solo">The solo switch, or null.</param>
/// <param name="PanX">Pan left/right (−1 … 1), or null.</param>
/// <param name="PanY">Pan back/front (−1 … 1), or null.</param>
/// <param name="PanZ">Pan height (0 … 1), or null.</param>
public sealed record SurfaceStrip(
    ParameterScope Scope,
    string Name,
    string Prefix,
    ParameterHandle Fader,
    ParameterHandle? Trim,
    ParameterHandle? Mute,
    ParameterHandle? Solo,
    ParameterHandle? PanX,
    ParameterHandle? PanY,
    ParameterHandle? PanZ)
{
    /// <summary>
    /// The strips of <paramref name="control"/>'s current session in catalog order (tracks, buses, VCAs): every
    /// target that has a fader. Control thread; allocates (call when the descriptor list changes, not per message).
    /// </summary>
    public static IReadOnlyList<SurfaceStrip> From(IMixControl control)
    {
        var strips = new List<SurfaceStrip>();
        foreach (var d in control.Descriptors)
        {
            if (d.Address.Parameter != "fader") continue;
            string prefix = $"{ScopeWord(d.Address.Scope)}/{d.Address.Target}";
            strips.Add(new SurfaceStrip(d.Address.Scope, d.Address.Target, prefix, control.Resolve($"{prefix}/fader"),
                Find(control, prefix, "trim"), Find(control, prefix, "mute"), Find(control, prefix, "solo"),
                Find(control, prefix, "pan/x"), Find(control, prefix, "pan/y"), Find(control, prefix, "pan/z")));
        }
        return strips;
    }

    private static ParameterHandle? Find(IMixControl control, string prefix, string parameter)
    {
        string address = $"{prefix}/{parameter}";
        foreach (var d in control.Descriptors)
            if (d.Address.ToString() == address) return control.Resolve(address);
        return null;
    }

    private static string ScopeWord(ParameterScope scope) => scope switch
    {
        ParameterScope.Track => "track",
        ParameterScope.Bus => "bus",
        _ => "vca",
    };
}
