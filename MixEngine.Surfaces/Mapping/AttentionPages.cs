using System.Globalization;

namespace MixEngine.Surfaces.Mapping;

/// <summary>What the attention encoders follow on the attention strip.</summary>
public enum AttentionMode
{
    /// <summary>The strip's EQ, band by band: each band's gain, frequency and Q.</summary>
    Eq,
    /// <summary>The strip's dynamics (gate, compressor, de-esser, limiter settings, without on/off and detection).</summary>
    Dynamics,
}

/// <summary>
/// The attention page of a mapped surface (docs/surfaces.md, Attention): which parameter of the attention strip each of
/// the profile's <c>attention/N</c> encoders drives. EQ pages hold whole bands (gain, frequency, Q per band, as many
/// bands as fit the encoders: 6 encoders page bands 1-2, 3-4, …; fewer than 3 encoders show the first parameters of one
/// band per page); dynamics pages hold consecutive parameters. Pages wrap.
/// <para>Thread rules: not thread-safe; the owning surface serialises access. Pure list arithmetic.</para>
/// </summary>
public sealed class AttentionPages
{
    private static readonly string[] BandFields = ["gain", "frequency", "q"];
    private static readonly string[] SectionOrder = ["gate", "comp", "deesser", "limiter"];
    private readonly List<string?> _slots = [];

    /// <summary>The current mode (EQ when the surface starts).</summary>
    public AttentionMode Mode { get; private set; }

    /// <summary>The current page, 0-based.</summary>
    public int Page { get; private set; }

    /// <summary>Pages the attention strip has in the current mode (at least 1).</summary>
    public int PageCount { get; private set; } = 1;

    /// <summary>Switches to <paramref name="mode"/> at its first page (the same mode goes to its next page).</summary>
    public void Select(AttentionMode mode)
    {
        if (mode == Mode)
        {
            Move(1);
            return;
        }
        Mode = mode;
        Page = 0;
    }

    /// <summary>Moves <paramref name="pages"/> pages (wrapping).</summary>
    public void Move(int pages) => Page = ((Page + pages) % PageCount + PageCount) % PageCount;

    /// <summary>
    /// Lays out the page for a strip with <paramref name="stripParameters"/> (strip-relative names such as <c>eq/2/gain</c>)
    /// over <paramref name="slots"/> encoders; afterwards <see cref="ParameterAt"/> answers. Clamps the page.
    /// </summary>
    public void Layout(IEnumerable<string> stripParameters, int slots)
    {
        _slots.Clear();
        if (slots <= 0) return;
        var names = stripParameters.ToList();
        List<List<string>> groups;
        int perGroup;
        if (Mode == AttentionMode.Eq)
        {
            var bands = new SortedDictionary<int, string?[]>();
            foreach (string name in names)
                if (name.Split('/') is ["eq", var b, var field] && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int band)
                    && Array.IndexOf(BandFields, field) is >= 0 and var k)
                {
                    if (!bands.TryGetValue(band, out var fields)) bands[band] = fields = new string?[BandFields.Length];
                    fields[k] = name;
                }
            int bandsPerPage = Math.Max(1, slots / BandFields.Length);
            perGroup = Math.Min(slots, BandFields.Length);
            groups = [.. bands.Values.Select(f => f.Take(perGroup).Select(n => n ?? "").ToList())];
            groups = [.. groups.Chunk(bandsPerPage).Select(c => c.SelectMany(g => g).ToList())];
        }
        else
        {
            var dynamics = names.Where(n => n.Split('/') is ["dyn", var section, var field] && SectionOrder.Contains(section) && field is not ("enabled" or "detection"))
                .OrderBy(n => Array.IndexOf(SectionOrder, n.Split('/')[1])).ToList();
            groups = [.. dynamics.Chunk(slots).Select(c => c.ToList())];
        }
        PageCount = Math.Max(1, groups.Count);
        Page = Math.Clamp(Page, 0, PageCount - 1);
        if (groups.Count > 0) _slots.AddRange(groups[Page].Select(n => n.Length == 0 ? null : n));
    }

    /// <summary>The strip-relative parameter of 1-based encoder <paramref name="slot"/> on the current page, or null (nothing there).</summary>
    public string? ParameterAt(int slot) => slot >= 1 && slot <= _slots.Count ? _slots[slot - 1] : null;

    /// <summary>The page in words for logs and tests (<c>EQ 2/3</c>).</summary>
    public override string ToString() => $"{(Mode == AttentionMode.Eq ? "EQ" : "dynamics")} {Page + 1}/{PageCount}";
}
