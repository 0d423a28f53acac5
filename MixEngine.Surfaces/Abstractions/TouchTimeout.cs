namespace MixEngine.Surfaces.Abstractions;

/// <summary>
/// Touches for surfaces that send values but no touch messages (most tablet layouts): the first value for a control
/// starts an implied touch and each further value extends it; <see cref="Expired"/> hands back the controls whose last
/// value is older than the timeout, which the caller then releases (Touch automation glides back, Latch holds). An
/// explicit touch from the surface takes over: it is neither started nor ended here.
/// <para>Thread rules: not thread-safe; the owning surface client serialises access. Time comes from the caller (so
/// tests are deterministic); allocates only while the set of touched controls grows.</para>
/// </summary>
public sealed class TouchTimeout(TimeSpan timeout)
{
    private readonly Dictionary<int, TimeSpan> _implied = [];
    private readonly HashSet<int> _explicit = [];
    private readonly List<int> _expired = [];

    /// <summary>How long after its last value an implied touch ends.</summary>
    public TimeSpan Timeout { get; } = timeout > TimeSpan.Zero ? timeout : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the touch timeout must be positive");

    /// <summary>A value arrived for <paramref name="key"/> at <paramref name="now"/>; true when it starts an implied touch (the caller begins the touch).</summary>
    public bool Value(int key, TimeSpan now)
    {
        if (_explicit.Contains(key)) return false;
        bool started = !_implied.ContainsKey(key);
        _implied[key] = now;
        return started;
    }

    /// <summary>The surface touched or released <paramref name="key"/> itself; an implied touch of it becomes explicit (no timeout ends it).</summary>
    public void Explicit(int key, bool touched)
    {
        _implied.Remove(key);
        if (touched) _explicit.Add(key);
        else _explicit.Remove(key);
    }

    /// <summary>True while <paramref name="key"/> is touched, implied or explicitly.</summary>
    public bool IsTouched(int key) => _explicit.Contains(key) || _implied.ContainsKey(key);

    /// <summary>The implied touches whose last value is older than <see cref="Timeout"/> at <paramref name="now"/>, removed; the list is reused by the next call.</summary>
    public IReadOnlyList<int> Expired(TimeSpan now)
    {
        _expired.Clear();
        foreach (var (key, last) in _implied)
            if (now - last >= Timeout) _expired.Add(key);
        foreach (int key in _expired) _implied.Remove(key);
        return _expired;
    }

    /// <summary>Every touch held (implied and explicit), cleared; for releasing them when the surface goes away.</summary>
    public IReadOnlyList<int> ReleaseAll()
    {
        _expired.Clear();
        _expired.AddRange(_implied.Keys);
        _expired.AddRange(_explicit);
        _implied.Clear();
        _explicit.Clear();
        return _expired;
    }
}
