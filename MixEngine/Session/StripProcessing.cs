namespace MixEngine.Session;

/// <summary>Where the EQ sits relative to the dynamics in a strip (the <c>order</c> field).</summary>
public enum ProcessingOrder
{
    /// <summary><c>"eqFirst"</c> (default): EQ → gate → compressor → de-esser → limiter.</summary>
    EqFirst,

    /// <summary><c>"dynamicsFirst"</c>: gate → compressor → de-esser → EQ → limiter.</summary>
    DynamicsFirst,
}

/// <summary>
/// The processing of a track or bus strip between trim/polarity and the pre-fader tap: up to
/// <see cref="MaxEqBands"/> EQ bands and the dynamics (gate, compressor, de-esser, limiter), each inserted when present
/// (null or no bands = not inserted, costs nothing) and switchable by its <c>enabled</c> flag (bypass), in the
/// configured <see cref="Order"/>; the limiter is always last. Immutable; any thread.
/// </summary>
/// <param name="Order">EQ before or after the dynamics.</param>
/// <param name="Eq">EQ bands in order (band i has the address segment <c>eq/&lt;i+1&gt;</c>).</param>
/// <param name="Gate">The expander/gate, or null when not inserted.</param>
/// <param name="Compressor">The compressor, or null.</param>
/// <param name="DeEsser">The de-esser, or null.</param>
/// <param name="Limiter">The look-ahead limiter, or null.</param>
public sealed record StripProcessing(
    ProcessingOrder Order,
    IReadOnlyList<EqBand> Eq,
    GateSettings? Gate,
    CompressorSettings? Compressor,
    DeEsserSettings? DeEsser,
    LimiterSettings? Limiter)
{
    /// <summary>Most EQ bands a strip may have.</summary>
    public const int MaxEqBands = 8;

    /// <summary>No processing inserted (a plain strip).</summary>
    public static readonly StripProcessing None = new(ProcessingOrder.EqFirst, [], null, null, null, null);

    /// <summary>True when anything is inserted.</summary>
    public bool Inserted => Eq.Count > 0 || Gate is not null || Compressor is not null || DeEsser is not null || Limiter is not null;

    /// <summary>Value equality, comparing the EQ bands element by element.</summary>
    public bool Equals(StripProcessing? other) =>
        other is not null && Order == other.Order && Eq.SequenceEqual(other.Eq) && Gate == other.Gate
        && Compressor == other.Compressor && DeEsser == other.DeEsser && Limiter == other.Limiter;

    /// <summary>Hash consistent with <see cref="Equals(StripProcessing?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Order, Eq.Count, Gate, Compressor, DeEsser, Limiter);
}
