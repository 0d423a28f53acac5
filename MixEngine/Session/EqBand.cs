namespace MixEngine.Session;

/// <summary>The kind of one EQ band (the <c>type</c> field).</summary>
public enum EqBandType
{
    /// <summary>Butterworth high-pass of <see cref="EqBand.SlopeDbPerOctave"/>.</summary>
    HighPass,

    /// <summary>Butterworth low-pass of <see cref="EqBand.SlopeDbPerOctave"/>.</summary>
    LowPass,

    /// <summary>Low shelf: gain below the frequency, Q shapes the transition.</summary>
    LowShelf,

    /// <summary>High shelf: gain above the frequency.</summary>
    HighShelf,

    /// <summary>Peaking (bell) filter: gain at the frequency, bandwidth by Q.</summary>
    Bell,

    /// <summary>Notch at the frequency, width by Q.</summary>
    Notch,

    /// <summary>Band-pass around the frequency, width by Q.</summary>
    BandPass,
}

/// <summary>
/// One band of a strip's EQ (<c>strip.eq[i]</c>, addresses <c>…/eq/&lt;i+1&gt;/gain</c> and so on). Fields that do not apply to
/// the band's type keep their defaults. Immutable; any thread.
/// </summary>
/// <param name="Enabled">False bypasses the band.</param>
/// <param name="Type">The kind of filter (structural: changing it is a session edit).</param>
/// <param name="FrequencyHz">Corner, centre or shelf frequency (Hz).</param>
/// <param name="GainDb">Gain of a bell or shelf (dB).</param>
/// <param name="Q">Quality factor of a bell, shelf, notch or band-pass.</param>
/// <param name="SlopeDbPerOctave">Slope of a high- or low-pass: 6, 12, 18, 24, 36 or 48 dB/octave (structural).</param>
public sealed record EqBand(bool Enabled, EqBandType Type, double FrequencyHz, double GainDb, double Q, int SlopeDbPerOctave)
{
    /// <summary>The slopes a high- or low-pass band may have (dB/octave; order = slope / 6).</summary>
    public static readonly IReadOnlyList<int> Slopes = [6, 12, 18, 24, 36, 48];

    /// <summary>True for the types that have a gain (bell and shelves).</summary>
    public bool HasGain => Type is EqBandType.Bell or EqBandType.LowShelf or EqBandType.HighShelf;

    /// <summary>True for the types that have a Q (all but the high- and low-pass).</summary>
    public bool HasQ => Type is not (EqBandType.HighPass or EqBandType.LowPass);

    /// <summary>True for the types that have a slope (high- and low-pass).</summary>
    public bool HasSlope => !HasQ;
}
