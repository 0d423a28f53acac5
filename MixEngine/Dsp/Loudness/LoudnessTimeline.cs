namespace MixEngine.Dsp.Loudness;

/// <summary>
/// Momentary and short-term loudness over time for graphs: one point per interval (10 Hz to start with). When the
/// fixed capacity fills, neighbouring points are merged (keeping the louder reading of each pair, so peaks stay
/// visible) and the interval doubles; memory is therefore fixed whatever the duration. Construct on the control side;
/// <see cref="RtAdd"/> never allocates.
/// </summary>
public sealed class LoudnessTimeline
{
    private readonly double[] _momentary;
    private readonly double[] _shortTerm;
    private int _count;
    private int _pending;
    private double _pendingMomentary = double.NegativeInfinity, _pendingShortTerm = double.NegativeInfinity;

    /// <summary>Creates a timeline holding at most <paramref name="capacity"/> points (even, at least 2).</summary>
    public LoudnessTimeline(int capacity = 4096)
    {
        if (capacity < 2 || capacity % 2 != 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be an even number of at least 2");
        _momentary = new double[capacity];
        _shortTerm = new double[capacity];
    }

    /// <summary>Readings (10 Hz) that make one point; doubles each time the timeline is compacted.</summary>
    public int ReadingsPerPoint { get; private set; } = 1;

    /// <summary>Seconds between points.</summary>
    public double SecondsPerPoint => ReadingsPerPoint / 10.0;

    /// <summary>Number of points held.</summary>
    public int Count => _count;

    /// <summary>Momentary loudness of each point (LUFS; −∞ for silence).</summary>
    public ReadOnlySpan<double> Momentary => _momentary.AsSpan(0, _count);

    /// <summary>Short-term loudness of each point (LUFS; −∞ for silence or before 3 s).</summary>
    public ReadOnlySpan<double> ShortTerm => _shortTerm.AsSpan(0, _count);

    /// <summary>Forgets every point and returns to 10 Hz.</summary>
    public void Reset()
    {
        _count = 0;
        _pending = 0;
        ReadingsPerPoint = 1;
        _pendingMomentary = _pendingShortTerm = double.NegativeInfinity;
    }

    /// <summary>Adds the readings of one 100 ms step.</summary>
    public void RtAdd(double momentary, double shortTerm)
    {
        if (_pending == 0 && _count == _momentary.Length) Compact();
        _pendingMomentary = Math.Max(_pendingMomentary, momentary);
        _pendingShortTerm = Math.Max(_pendingShortTerm, shortTerm);
        if (++_pending < ReadingsPerPoint) return;
        _momentary[_count] = _pendingMomentary;
        _shortTerm[_count] = _pendingShortTerm;
        _count++;
        _pending = 0;
        _pendingMomentary = _pendingShortTerm = double.NegativeInfinity;
    }

    private void Compact()
    {
        for (int i = 0; i < _count / 2; i++)
        {
            _momentary[i] = Math.Max(_momentary[2 * i], _momentary[2 * i + 1]);
            _shortTerm[i] = Math.Max(_shortTerm[2 * i], _shortTerm[2 * i + 1]);
        }
        _count /= 2;
        ReadingsPerPoint *= 2;
    }
}
