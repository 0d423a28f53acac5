using System.Globalization;
using System.Text.Json;

namespace MixEngine.Session;

/// <summary>
/// Reads the fields of one JSON object of a session file, recording every unknown field, wrong type, missing field and
/// out-of-range value with its JSON path instead of stopping at the first. Control side, one thread.
/// </summary>
internal readonly struct JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly SessionProblemList _problems;

    private JsonObjectReader(JsonElement element, string path, SessionProblemList problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
    }

    /// <summary>JSON path of this object.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="element"/> as an object of kind <paramref name="what"/>; records a problem and returns false when it is
    /// not an object, and records (but accepts) unknown and repeated fields, naming the allowed ones.
    /// </summary>
    public static bool TryOpen(JsonElement element, string path, SessionProblemList problems, string what,
        IReadOnlyList<string> allowed, out JsonObjectReader reader)
    {
        reader = new JsonObjectReader(element, path, problems);
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected {what} (a JSON object), found {Describe(element)}");
            return false;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            string child = ChildPath(path, property.Name);
            if (!seen.Add(property.Name))
                problems.Add(child, $"field '{property.Name}' appears more than once; give it once");
            else if (!allowed.Contains(property.Name))
                problems.Add(child, $"unknown field '{property.Name}' in {what}; allowed fields: {string.Join(", ", allowed)}");
        }
        return true;
    }

    /// <summary>The JSON path of field <paramref name="name"/> of the object at <paramref name="path"/>.</summary>
    public static string ChildPath(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'")}']";

    /// <summary>The JSON path of field <paramref name="name"/> of this object.</summary>
    public string PathOf(string name) => ChildPath(Path, name);

    /// <summary>Records a problem at field <paramref name="name"/> of this object.</summary>
    public void Problem(string name, string message, string? file = null) => _problems.Add(PathOf(name), message, file);

    /// <summary>The value of field <paramref name="name"/>, or null when absent.</summary>
    public JsonElement? Get(string name) => _element.TryGetProperty(name, out var v) ? v : null;

    /// <summary>The value of a required field; records "missing" (with <paramref name="expected"/>) when absent.</summary>
    public JsonElement? Required(string name, string expected)
    {
        var value = Get(name);
        if (value is null) Problem(name, $"missing required field '{name}' ({expected})");
        return value;
    }

    /// <summary>A string field: null (with a problem) when required and missing, of the wrong type, or empty.</summary>
    public string? String(string name, bool required, string expected = "a non-empty string")
    {
        var value = required ? Required(name, expected) : Get(name);
        if (value is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            Problem(name, $"expected {expected}, found {Describe(v)}");
            return null;
        }
        string text = v.GetString()!;
        if (text.Trim().Length == 0)
        {
            Problem(name, $"'{name}' is empty; expected {expected}");
            return null;
        }
        return text;
    }

    /// <summary>A true/false field; <paramref name="fallback"/> when absent or wrong (wrong is recorded).</summary>
    public bool Bool(string name, bool fallback)
    {
        if (Get(name) is not { } v) return fallback;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Problem(name, $"expected true or false, found {Describe(v)}");
        return fallback;
    }

    /// <summary>A number field within [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="fallback"/> when absent or wrong.</summary>
    public double Number(string name, double fallback, double min, double max, string unit)
    {
        if (Get(name) is not { } v) return fallback;
        string range = $"a number from {Format(min)} to {Format(max)}{unit}";
        if (v.ValueKind != JsonValueKind.Number)
        {
            Problem(name, $"expected {range}, found {Describe(v)}");
            return fallback;
        }
        if (!v.TryGetDouble(out double d) || !double.IsFinite(d) || d < min || d > max)
        {
            Problem(name, $"{v.GetRawText()} is out of range; expected {range}");
            return fallback;
        }
        return d;
    }

    /// <summary>
    /// A level in dB: a number not above <paramref name="maxDb"/> (and not below <paramref name="minDb"/>) or the string
    /// "-inf"; <paramref name="fallback"/> when absent or wrong.
    /// </summary>
    public double Decibels(string name, double fallback, double maxDb, double minDb = double.NegativeInfinity)
    {
        if (Get(name) is not { } v) return fallback;
        string expected = double.IsNegativeInfinity(minDb)
            ? $"a level in dB: a number up to {Signed(maxDb)} or the string \"-inf\""
            : $"a gain in dB from {Signed(minDb)} to {Signed(maxDb)}";
        if (v.ValueKind == JsonValueKind.String && v.GetString() == "-inf" && double.IsNegativeInfinity(minDb))
            return double.NegativeInfinity;
        if (v.ValueKind != JsonValueKind.Number)
        {
            Problem(name, $"expected {expected}, found {Describe(v)}");
            return fallback;
        }
        if (!v.TryGetDouble(out double d) || !double.IsFinite(d) || d > maxDb || d < minDb)
        {
            Problem(name, $"{v.GetRawText()} dB is out of range; expected {expected}");
            return fallback;
        }
        return d;
    }

    /// <summary>A whole number field at least <paramref name="min"/>; null when absent or wrong (wrong is recorded).</summary>
    public long? Integer(string name, long min, string what)
    {
        if (Get(name) is not { } v) return null;
        return ReadInteger(v, PathOf(name), min, what, _problems);
    }

    /// <summary>Reads a whole number at least <paramref name="min"/>, recording a problem at <paramref name="path"/> when it is not one.</summary>
    public static long? ReadInteger(JsonElement v, string path, long min, string what, SessionProblemList problems)
    {
        string expected = min == 0 ? $"{what} as a whole number >= 0" : $"{what} as a whole number >= {min}";
        if (!TryGetWhole(v, out long n))
        {
            problems.Add(path, $"expected {expected}, found {Describe(v)}");
            return null;
        }
        if (n < min)
        {
            problems.Add(path, $"{n} is {(n < 0 ? "negative" : "too small")}; expected {expected}");
            return null;
        }
        return n;
    }

    /// <summary>True when <paramref name="v"/> is a JSON number with no fractional part that fits a long (1 and 1.0 alike, as JSON Schema's "integer").</summary>
    public static bool TryGetWhole(JsonElement v, out long n)
    {
        n = 0;
        if (v.ValueKind != JsonValueKind.Number) return false;
        if (v.TryGetInt64(out n)) return true;
        if (!v.TryGetDouble(out double d) || d != Math.Floor(d) || Math.Abs(d) > 9.007199254740992e15) return false;
        n = (long)d;
        return true;
    }

    /// <summary>
    /// The items of an array field with their JSON paths; empty when absent (recorded when <paramref name="required"/>) or not an array.
    /// </summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(string name, bool required, string itemWhat)
    {
        var value = required ? Required(name, $"an array of {itemWhat}") : Get(name);
        if (value is not { } v) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            Problem(name, $"expected an array of {itemWhat}, found {Describe(v)}");
            return [];
        }
        string path = PathOf(name);
        return v.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")).ToList();
    }

    /// <summary>One of a fixed set of names (compared exactly); null when absent or wrong (wrong is recorded).</summary>
    public string? Choice(string name, bool required, IReadOnlyList<string> choices, string what)
    {
        string expected = $"{what}: one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}";
        var value = required ? Required(name, expected) : Get(name);
        if (value is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            Problem(name, $"expected {expected}, found {Describe(v)}");
            return null;
        }
        string text = v.GetString()!;
        if (!choices.Contains(text))
        {
            Problem(name, $"unknown {what} \"{text}\"; expected one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}");
            return null;
        }
        return text;
    }

    /// <summary>Describes a JSON value for an error message: its kind and (short) text.</summary>
    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Shorten(v.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(v.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";

    private static string Format(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Signed(double d) => d > 0 ? "+" + Format(d) : Format(d);
}
