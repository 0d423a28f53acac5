using System.Text.Json;

namespace MixEngine.Surfaces.Mapping;

/// <summary>
/// Reads the fields of one JSON object of a mapping profile, recording each unknown field, wrong type, missing field
/// and out-of-range value as "JSON path: message" instead of stopping at the first. Control side, one thread.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _path;

    /// <summary>Opens <paramref name="element"/> at <paramref name="path"/> as <paramref name="what"/> with the <paramref name="allowed"/> fields.</summary>
    public JsonFields(JsonElement element, string path, string what, IReadOnlyList<string> allowed, List<string> problems)
    {
        _element = element;
        _path = path;
        Problems = problems;
        IsObject = element.ValueKind == JsonValueKind.Object;
        if (!IsObject)
        {
            problems.Add($"{path}: expected {what} (a JSON object), found {Describe(element)}");
            return;
        }
        foreach (var property in element.EnumerateObject())
            if (!allowed.Contains(property.Name))
                problems.Add($"{PathOf(property.Name)}: unknown field '{property.Name}' in {what}; allowed fields: {string.Join(", ", allowed)}");
    }

    /// <summary>Where problems go.</summary>
    public List<string> Problems { get; }

    /// <summary>False when the element is not an object (already recorded).</summary>
    public bool IsObject { get; }

    /// <summary>True when field <paramref name="name"/> is present.</summary>
    public bool Has(string name) => IsObject && _element.TryGetProperty(name, out _);

    /// <summary>Records a problem at field <paramref name="name"/>.</summary>
    public void Problem(string name, string message) => Problems.Add($"{PathOf(name)}: {message}");

    /// <summary>A string field (non-empty); null when absent or wrong (wrong or missing-and-required is recorded).</summary>
    public string? String(string name, bool required)
    {
        if (Get(name, required, "a non-empty string") is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) return s;
        Problem(name, $"expected a non-empty string, found {Describe(v)}");
        return null;
    }

    /// <summary>A whole number in <paramref name="min"/> … <paramref name="max"/>; null when absent or wrong.</summary>
    public int? Integer(string name, bool required, int min, int max)
    {
        if (Get(name, required, $"a whole number {min} … {max}") is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n >= min && n <= max) return n;
        Problem(name, $"expected a whole number {min} … {max}, found {Describe(v)}");
        return null;
    }

    /// <summary>A finite number; null when absent or wrong.</summary>
    public double? Number(string name)
    {
        if (Get(name, false, "") is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d)) return d;
        Problem(name, $"expected a number, found {Describe(v)}");
        return null;
    }

    /// <summary>A boolean; null when absent or wrong.</summary>
    public bool? Bool(string name)
    {
        if (Get(name, false, "") is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Problem(name, $"expected true or false, found {Describe(v)}");
        return null;
    }

    /// <summary>One of <paramref name="choices"/>; null when absent or wrong.</summary>
    public string? Choice(string name, IEnumerable<string> choices, bool required = true)
    {
        var list = choices.ToList();
        string expected = "one of " + string.Join(", ", list.Select(c => $"\"{c}\""));
        if (Get(name, required, expected) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String && list.Contains(v.GetString()!)) return v.GetString();
        Problem(name, $"expected {expected}, found {Describe(v)}");
        return null;
    }

    /// <summary>A nested object with its own allowed fields; null when absent or not an object.</summary>
    public JsonFields? Object(string name, bool required, string what, IReadOnlyList<string> allowed)
    {
        if (Get(name, required, what) is not { } v) return null;
        var fields = new JsonFields(v, PathOf(name), what, allowed, Problems);
        return fields.IsObject ? fields : null;
    }

    /// <summary>The items of an array field with their paths; empty when absent or wrong.</summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(string name, bool required)
    {
        if (Get(name, required, "an array") is not { } v) return [];
        if (v.ValueKind == JsonValueKind.Array) return v.EnumerateArray().Select((item, i) => (item, $"{PathOf(name)}[{i}]")).ToList();
        Problem(name, $"expected an array, found {Describe(v)}");
        return [];
    }

    private JsonElement? Get(string name, bool required, string expected)
    {
        if (IsObject && _element.TryGetProperty(name, out var v)) return v;
        if (required && IsObject) Problem(name, $"missing required field '{name}' ({expected})");
        return null;
    }

    private string PathOf(string name) => $"{_path}.{name}";

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{v.GetString()}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
