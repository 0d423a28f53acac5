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
/// <para>Thread rules: one writer (the owning surface serialises <see cref="Rebuild"/>, <see cref="Press"/> and
/// <see cref="Show"/>); readers on any thread see a consistent assignment, because mode, page and pages are one immutable
/// snapshot replaced whole.</para>
/// </summary>
public sealed class McuPotPages
{
    private static readonly string[] PanOrder = ["pan/x", "pan/width", "pan/y", "pan/z", "pan/rotation", "pan/divergence"];
    private static readonly string[] EqOrder = ["gain", "frequency", "q"];
    private static readonly McuPotMode[] Modes = Enum.GetValues<McuPotMode>();

    /// <summary>One assignment: the mode, the page inside it and every mode's pages (indexed by mode).</summary>
    private sealed record Assignment(McuPotMode Mode, int Page, string[][] Pages)
    {
        public string[] PagesOfMode => Pages[(int)Mode];
    }

    private Assignment _now = new(McuPotMode.Pan, 0, Modes.Select(_ => Array.Empty<string>()).ToArray());

    private Assignment Now => Volatile.Read(ref _now);

    /// <summary>The current mode (pan when the surface starts).</summary>
    public McuPotMode Mode => Now.Mode;

    /// <summary>The current page (0-based) inside <see cref="Mode"/>.</summary>
    public int Page => Now.Page;

    /// <summary>The parameter (strip-relative, e.g. <c>pan/x</c>) the V-pots drive now, or null when the mode has no pages.</summary>
    public string? Parameter => Now is { PagesOfMode: { Length: > 0 } pages } now ? pages[now.Page] : null;

    /// <summary>The pages of <paramref name="mode"/>, in order.</summary>
    public IReadOnlyList<string> PagesOf(McuPotMode mode) => Now.Pages[(int)mode];

    /// <summary>Rebuilds the pages from the strip parameters of the session (strip-relative names in catalog order); keeps the mode and clamps the page.</summary>
    public void Rebuild(IEnumerable<string> stripParameters)
    {
        var names = stripParameters.Distinct(StringComparer.Ordinal).ToList();
        var sends = new List<string>();
        var eq = new List<(int Band, int Kind, string Name)>();
        var dynamics = new List<string>();
        foreach (string name in names)
        {
            string[] s = name.Split('/');
            if (s is ["send", _, "level"]) sends.Add(name);
            else if (s is ["eq", var band, var kind] && int.TryParse(band, NumberStyles.None, CultureInfo.InvariantCulture, out int b) && Array.IndexOf(EqOrder, kind) is >= 0 and var k)
                eq.Add((b, k, name));
            else if (s is ["dyn", _, var field] && field is not ("enabled" or "detection")) dynamics.Add(name);
        }
        sends.Sort(StringComparer.Ordinal);
        var pages = new string[Modes.Length][];
        pages[(int)McuPotMode.Pan] = PanOrder.Where(names.Contains).ToArray();
        pages[(int)McuPotMode.Send] = sends.ToArray();
        pages[(int)McuPotMode.Eq] = eq.OrderBy(e => e.Band).ThenBy(e => e.Kind).Select(e => e.Name).ToArray();
        pages[(int)McuPotMode.Dynamics] = dynamics.OrderBy(SectionOrder).ToArray();
        var now = Now;
        Volatile.Write(ref _now, new Assignment(now.Mode, Math.Clamp(now.Page, 0, Math.Max(0, pages[(int)now.Mode].Length - 1)), pages));
    }

    /// <summary>An assignment key was pressed: a new mode starts at its first page; the current mode's key goes to the next page.</summary>
    public void Press(McuPotMode mode)
    {
        var now = Now;
        int count = now.Pages[(int)mode].Length;
        int page = mode != now.Mode || count == 0 ? 0 : (now.Page + 1) % count;
        Volatile.Write(ref _now, now with { Mode = mode, Page = page });
    }

    /// <summary>Goes straight to page <paramref name="page"/> of <paramref name="mode"/> (HUI's SEND A…E keys); false, changing nothing, when the mode has no such page.</summary>
    public bool Show(McuPotMode mode, int page)
    {
        var now = Now;
        if ((uint)page >= (uint)now.Pages[(int)mode].Length) return false;
        Volatile.Write(ref _now, now with { Mode = mode, Page = page });
        return true;
    }

    /// <summary>The two characters of the assignment display: the mode's letter and the page number (1-9, then A, B, …).</summary>
    public (char Left, char Right) Display()
    {
        var now = Now;
        char letter = now.Mode switch { McuPotMode.Pan => 'P', McuPotMode.Send => 'S', McuPotMode.Eq => 'E', _ => 'D' };
        int n = now.Page + 1;
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
