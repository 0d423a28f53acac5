namespace MixEngine.Surfaces.Mapping;

/// <summary>How a <see cref="MappedSurface"/> runs besides its profile. Immutable; read on the surface's threads.</summary>
public sealed record MappedSurfaceOptions
{
    /// <summary>How often the surface's thread checks implied touches, the strip list and a running learn.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Shortest interval between value feedback rounds (changes in between are coalesced).</summary>
    public TimeSpan ValueInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long learn keeps collecting after the first message of a gesture before naming the control.</summary>
    public TimeSpan LearnGesture { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Seconds <c>transport/rewind</c> and <c>transport/forward</c> move the playhead.</summary>
    public double ShuttleSeconds { get; init; } = 5;

    /// <summary>Where a learned profile is saved by <see cref="MappedSurface.SaveProfile"/>; null when the profile is a shipped one.</summary>
    public string? ProfilePath { get; init; }

    /// <summary>Receives log lines (a message template with named holes and its values); at most one per second per kind. Null logs nothing.</summary>
    public Action<string, object?[]>? Log { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(Tick), Tick), (nameof(ValueInterval), ValueInterval), (nameof(LearnGesture), LearnGesture) })
            if (value <= TimeSpan.Zero) throw new ArgumentException($"mapped surface {name} {value} must be positive", name);
        if (!(ShuttleSeconds > 0)) throw new ArgumentException($"mapped surface shuttle step {ShuttleSeconds} s must be positive", nameof(ShuttleSeconds));
    }
}
