namespace MixEngine.Surfaces.Osc;

/// <summary>
/// OSC 1.0 address pattern matching ("OSC Message Dispatching and Pattern Matching"): '?' matches one character,
/// '*' any run of characters, '[abc]' / '[a-z]' / '[!a-z]' one character of (or not of) a set, and '{foo,bar}' one of
/// the listed strings. None of them match across '/': a pattern matches an address part by part. The cost is bounded:
/// patterns longer than <see cref="MaxLength"/> characters are refused, and a match that would take more than
/// <see cref="MaxSteps"/> steps (many '*' backtracking over a long address) is refused rather than run. Pure; any
/// thread; allocates nothing.
/// </summary>
public static class OscAddressPattern
{
    /// <summary>Longest pattern accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Most matching steps one <see cref="IsMatch"/> may take before the pattern is refused as too costly.</summary>
    public const int MaxSteps = 20_000;

    /// <summary>True when <paramref name="pattern"/> may address something (it contains a wildcard character).</summary>
    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny("*?[]{}") >= 0;

    /// <summary>
    /// Checks a pattern before it is matched: at most <see cref="MaxLength"/> characters, every '[' and '{' closed
    /// within its address part, no ']' or '}' without its opening; throws <see cref="ArgumentException"/> naming the
    /// character position.
    /// </summary>
    public static void Validate(ReadOnlySpan<char> pattern)
    {
        if (pattern.Length > MaxLength)
            throw new ArgumentException($"OSC address pattern of {pattern.Length} characters is too long; expected at most {MaxLength}");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c is ']' or '}') throw new ArgumentException($"OSC address pattern \"{pattern}\" has a '{c}' without its opening at character {i}");
            if (c is not ('[' or '{')) continue;
            char close = c == '[' ? ']' : '}';
            int end = pattern[(i + 1)..].IndexOfAny(close, '/');
            if (end < 0 || pattern[i + 1 + end] == '/') throw Unterminated(c, i, pattern);
            i += end + 1;
        }
    }

    /// <summary>
    /// True when the address pattern matches the (literal) address; throws <see cref="ArgumentException"/> naming
    /// the character position of an unterminated '[' or '{', or when the match would exceed <see cref="MaxSteps"/>.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> address)
    {
        if (pattern.Length > MaxLength) Validate(pattern);
        int steps = 0;
        return Match(pattern, 0, address, pattern, ref steps);
    }

    private static bool Match(ReadOnlySpan<char> p, int pStart, ReadOnlySpan<char> a, ReadOnlySpan<char> whole, ref int steps)
    {
        if (++steps > MaxSteps)
            throw new ArgumentException($"OSC address pattern \"{whole}\" is too costly to match (more than {MaxSteps} steps); use fewer '*'");
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
                        if (Match(p[pi..], pStart + pi, a[k..], whole, ref steps)) return true;
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
                            && Match(rest, pStart + pi + end + 1, a[(ai + choice.Length)..], whole, ref steps))
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
