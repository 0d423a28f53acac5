namespace MixEngine.Surfaces.Osc;

/// <summary>
/// OSC 1.0 address pattern matching ("OSC Message Dispatching and Pattern Matching"): '?' matches one character,
/// '*' any run of characters, '[abc]' / '[a-z]' / '[!a-z]' one character of (or not of) a set, and '{foo,bar}' one of
/// the listed strings. None of them match across '/': a pattern matches an address part by part. Pure; any thread;
/// allocates nothing.
/// </summary>
public static class OscAddressPattern
{
    /// <summary>True when <paramref name="pattern"/> may address something (it contains a wildcard character).</summary>
    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny("*?[]{}") >= 0;

    /// <summary>
    /// True when the address pattern matches the (literal) address; throws <see cref="ArgumentException"/> naming
    /// the character position of an unterminated '[' or '{'.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> address) => Match(pattern, 0, address, pattern);

    private static bool Match(ReadOnlySpan<char> p, int pStart, ReadOnlySpan<char> a, ReadOnlySpan<char> whole)
    {
        int pi = 0, ai = 0;
        while (pi < p.Length)
        {
            char c = p[pi];
            switch (c)
            {
                case '*':
                    // Collapse runs of '*'; then try every split of the current address part.
                    while (pi < p.Length && p[pi] == '*') pi++;
                    for (int k = ai; ; k++)
                    {
                        if (Match(p[pi..], pStart + pi, a[k..], whole)) return true;
                        if (k >= a.Length || a[k] == '/') return false;
                    }
                case '?':
                    if (ai >= a.Length || a[ai] == '/') return false;
                    pi++;
                    ai++;
                    break;
                case '[':
                    int close = p[pi..].IndexOf(']');
                    if (close < 0) throw Unterminated('[', pStart + pi, whole);
                    if (ai >= a.Length || a[ai] == '/' || !InSet(p.Slice(pi + 1, close - 1), a[ai])) return false;
                    pi += close + 1;
                    ai++;
                    break;
                case '{':
                    int end = p[pi..].IndexOf('}');
                    if (end < 0) throw Unterminated('{', pStart + pi, whole);
                    var choices = p.Slice(pi + 1, end - 1);
                    var rest = p[(pi + end + 1)..];
                    foreach (var range in choices.Split(','))
                    {
                        var choice = choices[range];
                        if (a[ai..].StartsWith(choice, StringComparison.Ordinal)
                            && Match(rest, pStart + pi + end + 1, a[(ai + choice.Length)..], whole))
                            return true;
                    }
                    return false;
                default:
                    if (ai >= a.Length || a[ai] != c) return false;
                    pi++;
                    ai++;
                    break;
            }
        }
        return ai == a.Length;
    }

    private static bool InSet(ReadOnlySpan<char> set, char c)
    {
        bool negate = set.Length > 0 && set[0] == '!';
        if (negate) set = set[1..];
        bool found = false;
        for (int i = 0; i < set.Length && !found; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found = c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else found = set[i] == c;
        }
        return found != negate;
    }

    private static ArgumentException Unterminated(char open, int position, ReadOnlySpan<char> whole) =>
        new($"OSC address pattern \"{whole}\" has an unterminated '{open}' at character {position}");
}
