namespace MixEngine.Surfaces.Osc;

/// <summary>
/// How the OSC surface (<see cref="OscSurface"/>) treats its clients. Defaults follow Ardour where a layout depends on
/// it (reply to the source port, -200 for −∞ dB) and the feedback rates of the surfaces spec (meters and timecode at
/// 10 Hz, values coalesced every 20 ms). Immutable; read on the surface's threads.
/// </summary>
public sealed record OscSurfaceOptions
{
    /// <summary>Highest meter/timecode rate a client may get.</summary>
    public const double MaxMeterRateHz = 30;

    /// <summary>Port replies go to; 0 replies to each client's source port (Ardour's "Auto"); a client's <c>/set_surface</c> port overrides it.</summary>
    public int ReplyPort { get; init; }

    /// <summary>Meter and timecode feedback rate in Hz (1 … 30; default 10).</summary>
    public double MeterRateHz { get; init; } = 10;

    /// <summary>Shortest interval between value feedback rounds per client (changes in between are coalesced).</summary>
    public TimeSpan ValueInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long after its last value an implied touch (a client that sends values without touch messages) ends.</summary>
    public TimeSpan TouchTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A client that sends nothing for this long is expired: its feedback stops and its touches are released.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the surface's own thread checks touch timeouts, expiry, heartbeats and scheduled bundles.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Feedback mask a client gets before its first <c>/set_surface</c> (Ardour bits; 3 = strip buttons and values).</summary>
    public int DefaultFeedback { get; init; } = 3;

    /// <summary>Error replies per second one client may receive (burst 10); errors past it are counted, not sent.</summary>
    public double ErrorRepliesPerSecond { get; init; } = 5;

    /// <summary>Bundles waiting for their time tag, over all clients; later ones are refused with an error reply.</summary>
    public int MaxScheduledBundles { get; init; } = 1024;

    /// <summary>Receives log lines (a message template with named holes and its values); called at most once per second per kind. Null logs nothing.</summary>
    public Action<string, object?[]>? Log { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (!(MeterRateHz >= 1 && MeterRateHz <= MaxMeterRateHz))
            throw new ArgumentException($"OSC meter rate {MeterRateHz} Hz is out of range; expected 1 … {MaxMeterRateHz} Hz", nameof(MeterRateHz));
        if (ReplyPort is < 0 or > 65535) throw new ArgumentException($"OSC reply port {ReplyPort} is out of range; expected 0 (source port) … 65535", nameof(ReplyPort));
        if (ClientTimeout <= TimeSpan.Zero) throw new ArgumentException($"OSC client timeout {ClientTimeout} must be positive", nameof(ClientTimeout));
        if (TouchTimeout <= TimeSpan.Zero) throw new ArgumentException($"OSC touch timeout {TouchTimeout} must be positive", nameof(TouchTimeout));
    }
}
