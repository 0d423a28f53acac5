using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// Every address the OSC surface dispatches (its "methods" in OSC 1.0 terms), as a tree of address parts, so an
/// incoming address pattern (<c>/strip/mute/*</c>, <c>/mixengine/param/track/{DX 1,DX 2}/fader</c>) can be matched part
/// by part and dispatched to every method it names. Parameter addresses appear in their escaped form
/// (<see cref="OscAddresses"/>); a pattern's raw spaces and '#' are escaped the same way before matching. Strip ids in
/// the path (<c>/strip/fader/3</c>) stand for 1 … the client's visible strips.
/// <para>Cost is bounded: at most <see cref="MaxVisits"/> address parts are compared per pattern and at most
/// <see cref="MaxMatches"/> methods dispatched; a pattern past either is refused whole, with nothing applied.</para>
/// <para>Thread rules: built on the surface's tick thread when the session's parameters change, then immutable; any
/// thread may expand patterns concurrently.</para>
/// </summary>
public sealed class OscAddressSpace
{
    /// <summary>Most methods one pattern may dispatch to.</summary>
    public const int MaxMatches = 256;

    /// <summary>Most address parts one pattern may be compared with.</summary>
    public const int MaxVisits = 100_000;

    private static readonly string[] StripControls = ["fader", "gain", "trimdB", "mute", "solo", "select", "recenable", "pan_stereo_position"];
    private static readonly string[] TouchControls = ["fader", "gain", "trimdB", "pan_stereo_position"];
    private static readonly string[] AutomationControls = ["fader", "gain"];
    private static readonly string[] Fixed =
    [
        "/refresh", "/bank_up", "/bank_down", "/transport_play", "/transport_stop", "/toggle_roll", "/goto_start", "/locate",
        "/strip/list", "/set_surface", "/set_surface/bank_size", "/set_surface/strip_types", "/set_surface/feedback",
        "/set_surface/gainmode", "/set_surface/port", "/mixengine/ping", "/mixengine/strips", "/mixengine/transport",
        "/mixengine/transport/play", "/mixengine/transport/stop", "/mixengine/transport/locate", "/mixengine/transport/loop",
        "/mixengine/transport/preroll",
    ];

    private const string SsidPart = "\0ssid";
    private readonly Node _root = new("");

    private OscAddressSpace()
    {
    }

    /// <summary>The address space for a session's strips and parameters; control thread, allocates.</summary>
    public static OscAddressSpace Build(IReadOnlyList<SurfaceStrip> strips, IReadOnlyList<ParameterDescriptor> parameters)
    {
        var space = new OscAddressSpace();
        foreach (string a in Fixed) space.Add(a);
        foreach (string a in OscSurface.ArdourMarkerAddresses) space.Add(a);
        foreach (string a in OscSurface.MarkerAddresses) space.Add(a);
        foreach (string c in StripControls)
        {
            space.Add($"/strip/{c}");
            space.Add($"/strip/{c}/{SsidPart}");
        }
        foreach (string c in TouchControls)
        {
            space.Add($"/strip/{c}/touch");
            space.Add($"/strip/{c}/{SsidPart}/touch");
        }
        foreach (string c in AutomationControls)
        {
            space.Add($"/strip/{c}/automation");
            space.Add($"/strip/{c}/{SsidPart}/automation");
        }
        foreach (var d in parameters)
        {
            string escaped = OscAddresses.Escape(d.Address.ToString());
            space.Add(OscAddresses.Param + escaped);
            space.Add(OscAddresses.Norm + escaped);
            space.Add(OscAddresses.Touch + escaped);
            if (d.Automatable) space.Add(OscAddresses.Automation + escaped);
        }
        foreach (var s in strips)
        {
            string escaped = OscAddresses.Escape(s.Prefix);
            space.Add(OscAddresses.Meter + escaped);
            space.Add(OscAddresses.Automation + escaped);
            if (s.PanX is not null && s.PanY is not null) space.Add(OscAddresses.Pan + escaped);
        }
        return space;
    }

    /// <summary>
    /// Appends to <paramref name="matches"/> every method address <paramref name="pattern"/> matches, in tree order, for a
    /// client showing <paramref name="visibleStrips"/> strips; throws <see cref="OscCommandException"/> naming the
    /// pattern when it is malformed, too costly or matches more than <see cref="MaxMatches"/> methods.
    /// </summary>
    public void Expand(string pattern, int visibleStrips, List<string> matches)
    {
        string normalized = pattern.Replace(" ", "%20", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
        try
        {
            OscAddressPattern.Validate(normalized);
            var parts = normalized.Split('/');
            if (parts[0].Length != 0) throw new ArgumentException($"OSC address pattern \"{pattern}\" does not start with '/'");
            int visits = 0;
            Walk(_root, parts, 1, "", visibleStrips, matches, ref visits, pattern);
        }
        catch (ArgumentException e)
        {
            throw new OscCommandException(pattern, e.Message);
        }
    }

    private static void Walk(Node node, string[] parts, int depth, string path, int visibleStrips, List<string> matches, ref int visits, string pattern)
    {
        if (depth == parts.Length)
        {
            if (!node.IsMethod) return;
            if (matches.Count == MaxMatches)
                throw new OscCommandException(pattern, $"the pattern matches more than {MaxMatches} addresses; expected a narrower pattern");
            matches.Add(path);
            return;
        }
        string part = parts[depth];
        foreach (var child in node.Children)
        {
            if (child.Part == SsidPart)
            {
                for (int ssid = 1; ssid <= visibleStrips; ssid++)
                {
                    string number = ssid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (Visit(part, number, ref visits, pattern)) Walk(child, parts, depth + 1, path + "/" + number, visibleStrips, matches, ref visits, pattern);
                }
            }
            else if (Visit(part, child.Part, ref visits, pattern)) Walk(child, parts, depth + 1, path + "/" + child.Part, visibleStrips, matches, ref visits, pattern);
        }
    }

    private static bool Visit(string patternPart, string part, ref int visits, string pattern)
    {
        if (++visits > MaxVisits)
            throw new OscCommandException(pattern, $"the pattern reaches more than {MaxVisits} address parts; expected a narrower pattern");
        return OscAddressPattern.IsMatch(patternPart, part);
    }

    private void Add(string address)
    {
        var node = _root;
        foreach (string part in address.Split('/').AsSpan(1))
        {
            var next = node.Children.Find(c => c.Part == part);
            if (next is null)
            {
                next = new Node(part);
                node.Children.Add(next);
            }
            node = next;
        }
        node.IsMethod = true;
    }

    private sealed class Node(string part)
    {
        public string Part { get; } = part;

        public List<Node> Children { get; } = [];

        public bool IsMethod { get; set; }
    }
}
