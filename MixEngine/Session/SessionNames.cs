using System.Text.RegularExpressions;

namespace MixEngine.Session;

/// <summary>
/// The naming rules of a session file: ids (stable keys), display names (address segments), stem categories and print
/// file names. Each reader records a problem with the JSON path and the rule when a name breaks it. Control side.
/// </summary>
internal static class SessionNames
{
    /// <summary>The predefined stem categories (custom upper-case words are allowed too).</summary>
    public static readonly IReadOnlyList<string> Stems = ["DX", "MX", "FX", "FOLEY", "BG", "ADR"];

    private const string IdRule = "an id of letters, digits, '_', '-' or '.', starting with a letter or digit";
    private static readonly string StemRule =
        $"{string.Join(", ", Stems)} or a custom upper-case word (A-Z, 0-9, '_', starting with a letter)";

    /// <summary>True when <paramref name="id"/> follows the id rule (usable in <c>track#id/fader</c> addresses).</summary>
    public static bool IsValidId(string id) =>
        id.Length > 0 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>True when <paramref name="name"/> can be an address segment: non-empty, no '/', no control characters, no edge spaces.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name.Trim().Length == name.Length && !name.Contains('/') && !name.Any(char.IsControl);

    /// <summary>True when <paramref name="stem"/> is a predefined stem or a custom upper-case word.</summary>
    public static bool IsValidStem(string stem) =>
        stem.Length > 0 && char.IsAsciiLetterUpper(stem[0]) && stem.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>Reads the required <c>id</c> field.</summary>
    public static string ReadId(JsonObjectReader r)
    {
        string? id = r.String("id", required: true, IdRule);
        if (id is null) return "";
        if (!IsValidId(id)) r.Problem("id", $"'{id}' is not a valid id; expected {IdRule}");
        return id;
    }

    /// <summary>Reads the required <c>name</c> field of a track, bus or VCA (<paramref name="kind"/>).</summary>
    public static string ReadName(JsonObjectReader r, string kind)
    {
        string? name = r.String("name", required: true, $"the {kind} name (non-empty string)");
        if (name is null) return "";
        if (!IsValidName(name))
            r.Problem("name", $"'{name}' is not a valid {kind} name; expected a non-empty name without '/', control characters or leading/trailing spaces (names are parameter address segments, e.g. {kind.ToLowerInvariant()}/{name.Trim().Replace('/', ' ')}/fader)");
        return name;
    }

    /// <summary>Reads the required <c>stem</c> field of a track.</summary>
    public static string ReadStem(JsonObjectReader r)
    {
        string? stem = r.String("stem", required: true, $"the stem category: {StemRule}");
        if (stem is null) return "";
        if (!IsValidStem(stem)) r.Problem("stem", $"bad stem name '{stem}'; expected {StemRule}");
        return stem;
    }

    /// <summary>A print file stays inside the output folder: not rooted (/, \\ or a drive letter) and no ".." segment (schema pattern).</summary>
    public const string InsideOutputFolderPattern = @"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$))";

    /// <summary>A print file name ends in .wav (any case) after at least one character of name (schema pattern).</summary>
    public const string WavFilePattern = @"[^/\\]\.[wW][aA][vV]$";

    /// <summary>Checks a print file name: relative, inside the output folder, ending in .wav.</summary>
    public static void CheckPrintFile(JsonObjectReader r, string file)
    {
        string rule = "a relative path inside the render's output folder ending in .wav, e.g. \"PM_712.wav\"";
        if (!Regex.IsMatch(file, InsideOutputFolderPattern))
            r.Problem("file", $"'{file}' leaves the output folder; expected {rule}");
        else if (!Regex.IsMatch(file, WavFilePattern))
            r.Problem("file", $"'{file}' is not a .wav file name; expected {rule}");
    }
}
