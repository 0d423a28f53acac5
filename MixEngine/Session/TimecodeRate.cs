namespace MixEngine.Session;

/// <summary>
/// A SMPTE timecode rate: the exact frame rate as a ratio (24000/1001 for 23.976) plus the nominal frame count per
/// labelled second and whether drop-frame labelling is used. Immutable; any thread. Facts: formats.md §6.
/// </summary>
public sealed record TimecodeRate(string Name, int Numerator, int Denominator, int NominalFps, bool DropFrame)
{
    /// <summary>23.976 fps (24000/1001), non-drop.</summary>
    public static readonly TimecodeRate Fps23976 = new("23.976", 24000, 1001, 24, false);

    /// <summary>24 fps.</summary>
    public static readonly TimecodeRate Fps24 = new("24", 24, 1, 24, false);

    /// <summary>25 fps.</summary>
    public static readonly TimecodeRate Fps25 = new("25", 25, 1, 25, false);

    /// <summary>29.97 fps (30000/1001), drop-frame labels.</summary>
    public static readonly TimecodeRate Fps2997Df = new("29.97DF", 30000, 1001, 30, true);

    /// <summary>29.97 fps (30000/1001), non-drop labels.</summary>
    public static readonly TimecodeRate Fps2997Ndf = new("29.97NDF", 30000, 1001, 30, false);

    /// <summary>30 fps.</summary>
    public static readonly TimecodeRate Fps30 = new("30", 30, 1, 30, false);

    /// <summary>48 fps.</summary>
    public static readonly TimecodeRate Fps48 = new("48", 48, 1, 48, false);

    /// <summary>50 fps.</summary>
    public static readonly TimecodeRate Fps50 = new("50", 50, 1, 50, false);

    /// <summary>59.94 fps (60000/1001), drop-frame labels.</summary>
    public static readonly TimecodeRate Fps5994Df = new("59.94DF", 60000, 1001, 60, true);

    /// <summary>59.94 fps (60000/1001), non-drop labels.</summary>
    public static readonly TimecodeRate Fps5994Ndf = new("59.94NDF", 60000, 1001, 60, false);

    /// <summary>60 fps.</summary>
    public static readonly TimecodeRate Fps60 = new("60", 60, 1, 60, false);

    /// <summary>Every supported rate.</summary>
    public static readonly IReadOnlyList<TimecodeRate> All =
        [Fps23976, Fps24, Fps25, Fps2997Df, Fps2997Ndf, Fps30, Fps48, Fps50, Fps5994Df, Fps5994Ndf, Fps60];

    /// <summary>Frame numbers skipped at each minute not divisible by 10 (2 at 29.97 DF, 4 at 59.94 DF, else 0).</summary>
    public int DroppedPerMinute => DropFrame ? NominalFps / 15 : 0;

    /// <summary>
    /// Finds a rate by its session-file name. Accepts "23.976", "24", "25", "29.97DF", "29.97NDF", "29.97" (= NDF),
    /// "30", "48", "50", "59.94DF", "59.94NDF", "59.94" (= NDF), "60", case-insensitive, with an optional space or
    /// underscore before DF/NDF.
    /// </summary>
    public static bool TryParse(string? text, out TimecodeRate rate)
    {
        rate = Fps24;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string key = text.Trim().Replace(" ", "").Replace("_", "").ToUpperInvariant();
        if (key is "29.97") key = "29.97NDF";
        if (key is "59.94") key = "59.94NDF";
        if (key is "23.98") key = "23.976";
        foreach (var r in All)
        {
            if (r.Name.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                rate = r;
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
