namespace MixEngine.Surfaces.Mackie;

/// <summary>
/// How an <see cref="McuSurface"/> behaves. Defaults follow the surfaces spec (§1.9 meters at 10 Hz, §1.3 Device Query
/// while a unit is silent) and Ardour's V-pot steps (§1.5: a tick is 1/63 of the range, 1/255 with SHIFT held).
/// Immutable; read on the surface's threads.
/// </summary>
public sealed record McuSurfaceOptions
{
    /// <summary>Address prefix of the strip the main unit's master fader drives (e.g. <c>bus/Printmaster</c>); null leaves it unassigned (moves are echoed and do nothing).</summary>
    public string? MasterStrip { get; init; }

    /// <summary>Interval between meter refreshes (MCU meters decay by themselves, so they are re-sent while there is signal).</summary>
    public TimeSpan MeterInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Shortest interval between value feedback rounds (changes in between are coalesced).</summary>
    public TimeSpan ValueInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the surface's own thread checks the strip list, implied V-pot touches and silent units.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A unit that has sent nothing yet is asked to announce itself (Device Query) at this interval.</summary>
    public TimeSpan QueryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after its last turn a V-pot's implied touch ends (V-pots have no touch sensors).</summary>
    public TimeSpan PotTouchTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Seconds REWIND and FAST FWD move the playhead per press.</summary>
    public double ShuttleSeconds { get; init; } = 5;

    /// <summary>Ids of the ports whose unit speaks HUI instead of MCU (spec surfaces.md §2): same behaviour, HUI bytes.</summary>
    public IReadOnlyCollection<string> HuiPorts { get; init; } = [];

    /// <summary>Ids of the ports whose unit is a Behringer X-Touch or X-Touch Extender in MCU mode: it also gets colour scribble strips (<see cref="XTouchScribbleColours"/>).</summary>
    public IReadOnlyCollection<string> XTouchPorts { get; init; } = [];

    /// <summary>How often a HUI unit is pinged (<c>90 00 00</c>; HUI drops a host that stops).</summary>
    public TimeSpan HuiPingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A HUI unit silent for this long (about three missed ping replies) is offline until it answers again, then gets its whole state.</summary>
    public TimeSpan HuiTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Receives log lines (a message template with named holes and its values); at most one per second per kind. Null logs nothing.</summary>
    public Action<string, object?[]>? Log { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(MeterInterval), MeterInterval), (nameof(ValueInterval), ValueInterval), (nameof(Tick), Tick),
                     (nameof(QueryInterval), QueryInterval), (nameof(PotTouchTimeout), PotTouchTimeout), (nameof(HuiPingInterval), HuiPingInterval), (nameof(HuiTimeout), HuiTimeout) })
            if (value <= TimeSpan.Zero) throw new ArgumentException($"MCU {name} {value} must be positive", name);
        if (!(ShuttleSeconds > 0)) throw new ArgumentException($"MCU shuttle step {ShuttleSeconds} s must be positive", nameof(ShuttleSeconds));
    }
}
