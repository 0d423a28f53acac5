using System.Globalization;
using MixEngine.Session;

namespace MixEngine.Surfaces.Mackie;

/// <summary>What the MCU V-pots control (the assignment keys).</summary>
public enum McuPotMode
{
    /// <summary>PAN/SURROUND (2A): pan left/right, then width, front/back, height, rotation, divergence.</summary>
    Pan,
    /// <summary>SEND (29): the level of one send bus per page.</summary>
    Send,
    /// <summary>EQ (2C): one EQ band parameter per page (band 1 gain, frequency, Q, band 2 …).</summary>
    Eq,
    /// <summary>PLUG-IN (2B): one dynamics parameter per page (gate, compressor, de-esser, limiter).</summary>
    Dynamics,
}

/// <summary>
/// The V-pot assignment of an MCU surface: a mode and a page inside it, each page naming one strip parameter (e.g.
/// <c>eq/2/gain</c>) that every strip's V-pot drives when the strip has it. The pages of a mode are the parameters of
/// that kind that any strip of the session has; pressing the mode's key again goes to the next page (wrapping). Also
/// knows how each kind of parameter is drawn on a ring and labelled on the LCD.
/// <para>Thread rules: not thread-safe; the owning surface serialises access.</para>
/// </summary>
public sealed class McuPotPages
{
    private static readonly string[] PanOrder = ["pan/x", "pan/width", "pan/y", "pan/z", "pan/rotation", "pan/divergence"];
    private static readonly string[] EqOrder = ["gain", "frequency", "q"];
    private readonly Dictionary<McuPotMode, List<string>> _pages = new()
    {
        [McuPotMode.Pan] = [], [McuPotMode.Send] = [], [McuPotMode.Eq] = [], [McuPotMode.Dynamics] = [],
    };

    /// <summary>The current mode (pan when the surface starts).</summary>
    public McuPotMode Mode { get; private set; }

    /// <summary>The current page (0-based) inside <see cref="Mode"/>.</summary>
    public int Page { get; private set; }

    /// <summary>The parameter (strip-relative, e.g. <c>pan/x</c>) the V-pots drive now, or null when the mode has no pages.</summary>
    public string? Parameter => _pages[Mode] is { Count: > 0 } pages ? pages[Page] : null;

    /// <summary>The pages of <paramref name="mode"/>, in order.</summary>
    public IReadOnlyList<string> PagesOf(McuPotMode mode) => _pages[mode];

    /// <summary>Rebuilds the pages from the strip parameters of the session (strip-relative names in catalog order); keeps the mode and clamps the page.</summary>
    public void Rebuild(IEnumerable<string> stripParameters)
    {
        foreach (var list in _pages.Values) list.Clear();
        var names = stripParameters.Distinct(StringComparer.Ordinal).ToList();
        _pages[McuPotMode.Pan].AddRange(PanOrder.Where(names.Contains));
        var eq = new List<(int Band, int Kind, string Name)>();
        var dynamics = new List<string>();
        foreach (string name in names)
        {
            string[] s = name.Split('/');
            if (s is ["send", _, "level"]) _pages[McuPotMode.Send].Add(name);
            else if (s is ["eq", var band, var kind] && int.TryParse(band, NumberStyles.None, CultureInfo.InvariantCulture, out int b) && Array.IndexOf(EqOrder, kind) is >= 0 and var k)
                eq.Add((b, k, name));
            else if (s is ["dyn", _, var field] && field is not ("enabled" or "detection")) dynamics.Add(name);
        }
        _pages[McuPotMode.Send].Sort(StringComparer.Ordinal);
        _pages[McuPotMode.Dynamics].AddRange(dynamics.OrderBy(SectionOrder));
        _pages[McuPotMode.Eq].AddRange(eq.OrderBy(e => e.Band).ThenBy(e => e.Kind).Select(e => e.Name));
        Page = Math.Clamp(Page, 0, Math.Max(0, _pages[Mode].Count - 1));
    }

    /// <summary>An assignment key was pressed: a new mode starts at its first page; the current mode's key goes to the next page.</summary>
    public void Press(McuPotMode mode)
    {
        if (mode != Mode)
        {
            Mode = mode;
            Page = 0;
            return;
        }
        int count = _pages[mode].Count;
        Page = count == 0 ? 0 : (Page + 1) % count;
    }

    /// <summary>Goes straight to page <paramref name="page"/> of <paramref name="mode"/> (HUI's SEND A…E keys); false, changing nothing, when the mode has no such page.</summary>
    public bool Show(McuPotMode mode, int page)
    {
        if ((uint)page >= (uint)_pages[mode].Count) return false;
        Mode = mode;
        Page = page;
        return true;
    }

    /// <summary>The two characters of the assignment display: the mode's letter and the page number (1-9, then A, B, …).</summary>
    public (char Left, char Right) Display()
    {
        char letter = Mode switch { McuPotMode.Pan => 'P', McuPotMode.Send => 'S', McuPotMode.Eq => 'E', _ => 'D' };
        int n = Page + 1;
        return (letter, n <= 9 ? (char)('0' + n) : (char)('A' + n - 10));
    }

    /// <summary>How a ring draws a parameter: pan positions as a dot, width as a spread, EQ gain as boost/cut, the rest filling from the left.</summary>
    public static McuRingMode RingOf(ParameterDescriptor descriptor) => descriptor.Address.Parameter switch
    {
        "pan/x" or "pan/y" or "pan/rotation" => McuRingMode.Dot,
        "pan/width" => McuRingMode.Spread,
        var p when p.StartsWith("eq/", StringComparison.Ordinal) && p.EndsWith("/gain", StringComparison.Ordinal) => McuRingMode.BoostCut,
        _ => McuRingMode.Wrap,
    };

    /// <summary>A short LCD label for a strip parameter ("Pan", "Width", "FX", "Gain 2", "CmpThr").</summary>
    public static string Label(string parameter) => parameter.Split('/') switch
    {
        ["pan", "x"] => "Pan",
        ["pan", "y"] => "Front",
        ["pan", "z"] => "Height",
        ["pan", var field] => field,
        ["send", var bus, _] => bus,
        ["eq", var band, "frequency"] => "Freq " + band,
        ["eq", var band, "gain"] => "Gain " + band,
        ["eq", var band, var field] => field.ToUpperInvariant() + " " + band,
        ["dyn", var section, var field] => SectionWord(section) + " " + field,
        var s => string.Join(' ', s),
    };

    private static string SectionWord(string section) => section switch
    {
        "comp" => "Cmp",
        "deesser" => "DS",
        "limiter" => "Lim",
        _ => "Gt",
    };

    private static int SectionOrder(string parameter) => parameter.Split('/')[1] switch { "gate" => 0, "comp" => 1, "deesser" => 2, _ => 3 };
}
