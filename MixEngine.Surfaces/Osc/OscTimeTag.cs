namespace MixEngine.Surfaces.Osc;

/// <summary>
/// An OSC time tag: a 64-bit NTP timestamp (seconds since 1900-01-01 UTC in the upper 32 bits, binary fraction of a
/// second in the lower 32), with the raw value 1 meaning "immediately" (OSC 1.0, "Temporal Semantics"). Immutable;
/// any thread.
/// </summary>
public readonly record struct OscTimeTag(ulong Raw)
{
    private static readonly DateTime NtpEpoch = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The special tag 0x0000000000000001: apply on receipt.</summary>
    public static OscTimeTag Immediately => new(1);

    /// <summary>True for the special "immediately" tag.</summary>
    public bool IsImmediately => Raw == 1;

    /// <summary>Whole seconds since 1900-01-01 UTC.</summary>
    public uint Seconds => (uint)(Raw >> 32);

    /// <summary>Fraction of a second in units of 2^-32 s.</summary>
    public uint Fraction => (uint)Raw;

    /// <summary>The tag for a UTC instant, rounded down to the nearest 2^-32 s; any thread.</summary>
    public static OscTimeTag FromDateTime(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException("OSC time tags are built from UTC instants", nameof(utc));
        long ticks = (utc - NtpEpoch).Ticks;
        if (ticks < 0) throw new ArgumentOutOfRangeException(nameof(utc), utc, "OSC time tags start at 1900-01-01 UTC");
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)(((UInt128)(ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond);
        return new OscTimeTag((seconds << 32) | fraction);
    }

    /// <summary>The UTC instant of this tag, rounded down to a 100 ns tick; any thread.</summary>
    public DateTime ToDateTime()
    {
        ulong fractionTicks = (ulong)(((UInt128)Fraction * TimeSpan.TicksPerSecond) >> 32);
        return NtpEpoch.AddTicks((long)Seconds * TimeSpan.TicksPerSecond + (long)fractionTicks);
    }

    /// <inheritdoc />
    public override string ToString() => IsImmediately ? "immediately" : $"{Seconds}.{Fraction:x8}";
}
