namespace MixEngine.Session;

/// <summary>
/// One field of a strip's processing (an EQ band's gain, the compressor's threshold): its name (the JSON field and the
/// last address segment), unit, range, default and taper. The one table the session reader checks ranges against and
/// the parameter catalog builds descriptors from. Immutable; any thread.
/// </summary>
/// <param name="Name">JSON field name and address segment (<c>threshold</c>).</param>
/// <param name="Unit">Unit of the value.</param>
/// <param name="Minimum">Smallest value.</param>
/// <param name="Maximum">Largest value.</param>
/// <param name="Default">Value when the field is absent.</param>
/// <param name="Automatable">True when an automation lane may drive it.</param>
public sealed record ProcessingField(string Name, ParameterUnit Unit, double Minimum, double Maximum, double Default, bool Automatable = true)
{
    /// <summary>The <c>enabled</c> switch every band and dynamics section has (false = bypassed).</summary>
    public static readonly ProcessingField Enabled = new("enabled", ParameterUnit.Boolean, 0, 1, 1);

    /// <summary>EQ band frequency (Hz).</summary>
    public static readonly ProcessingField EqFrequency = new("frequency", ParameterUnit.Hertz, 10, 20000, 1000);

    /// <summary>EQ band gain (dB) of bells and shelves.</summary>
    public static readonly ProcessingField EqGain = new("gain", ParameterUnit.Decibels, -24, 24, 0);

    /// <summary>EQ band Q of bells, shelves, notches and band-passes.</summary>
    public static readonly ProcessingField EqQ = new("q", ParameterUnit.Q, 0.1, 40, 0.7071067811865476);

    /// <summary>The numeric fields of the gate, in address order.</summary>
    public static readonly IReadOnlyList<ProcessingField> Gate =
    [
        new("threshold", ParameterUnit.Decibels, -100, 0, GateSettings.Default.ThresholdDb),
        new("range", ParameterUnit.Decibels, 0, 100, GateSettings.Default.RangeDb),
        new("ratio", ParameterUnit.Ratio, 1, 100, GateSettings.Default.Ratio),
        new("attack", ParameterUnit.Milliseconds, 0, 1000, GateSettings.Default.AttackMs),
        new("hold", ParameterUnit.Milliseconds, 0, 5000, GateSettings.Default.HoldMs),
        new("release", ParameterUnit.Milliseconds, 0, 10000, GateSettings.Default.ReleaseMs),
        new("hysteresis", ParameterUnit.Decibels, 0, 40, GateSettings.Default.HysteresisDb),
    ];

    /// <summary>The numeric fields of the compressor, in address order (detection and key are read separately).</summary>
    public static readonly IReadOnlyList<ProcessingField> Compressor =
    [
        new("threshold", ParameterUnit.Decibels, -80, 0, CompressorSettings.Default.ThresholdDb),
        new("ratio", ParameterUnit.Ratio, 1, 100, CompressorSettings.Default.Ratio),
        new("knee", ParameterUnit.Decibels, 0, 40, CompressorSettings.Default.KneeDb),
        new("attack", ParameterUnit.Milliseconds, 0, 1000, CompressorSettings.Default.AttackMs),
        new("release", ParameterUnit.Milliseconds, 0, 10000, CompressorSettings.Default.ReleaseMs),
        new("makeup", ParameterUnit.Decibels, -24, 40, CompressorSettings.Default.MakeupDb),
        new("sidechainHighPass", ParameterUnit.Hertz, 0, 2000, CompressorSettings.Default.SidechainHighPassHz),
    ];

    /// <summary>The compressor's detection switch: 0 = peak, 1 = RMS.</summary>
    public static readonly ProcessingField Detection = new("detection", ParameterUnit.Enum, 0, 1, 0);

    /// <summary>The numeric fields of the de-esser, in address order.</summary>
    public static readonly IReadOnlyList<ProcessingField> DeEsser =
    [
        new("frequency", ParameterUnit.Hertz, 1000, 16000, DeEsserSettings.Default.FrequencyHz),
        new("threshold", ParameterUnit.Decibels, -80, 0, DeEsserSettings.Default.ThresholdDb),
        new("range", ParameterUnit.Decibels, 0, 40, DeEsserSettings.Default.RangeDb),
        new("q", ParameterUnit.Q, 0.1, 40, DeEsserSettings.Default.Q),
        new("ratio", ParameterUnit.Ratio, 1, 100, DeEsserSettings.Default.Ratio),
        new("attack", ParameterUnit.Milliseconds, 0, 1000, DeEsserSettings.Default.AttackMs),
        new("release", ParameterUnit.Milliseconds, 0, 10000, DeEsserSettings.Default.ReleaseMs),
    ];

    /// <summary>The live fields of the limiter, in address order (the look-ahead is structural: <see cref="LimiterLookahead"/>).</summary>
    public static readonly IReadOnlyList<ProcessingField> Limiter =
    [
        new("ceiling", ParameterUnit.Decibels, -30, 0, LimiterSettings.Default.CeilingDb),
        new("release", ParameterUnit.Milliseconds, 1, 5000, LimiterSettings.Default.ReleaseMs),
    ];

    /// <summary>The limiter's look-ahead (ms): fixes its latency, so it is set in the session, not live.</summary>
    public static readonly ProcessingField LimiterLookahead = new("lookahead", ParameterUnit.Milliseconds, 0.1, 20, LimiterSettings.Default.LookaheadMs, Automatable: false);

    /// <summary>The range text for messages: "a number from −80 to 0 dB".</summary>
    public string UnitSuffix => Unit switch
    {
        ParameterUnit.Decibels => " dB",
        ParameterUnit.Hertz => " Hz",
        ParameterUnit.Milliseconds => " ms",
        ParameterUnit.Ratio => " (ratio n:1)",
        _ => "",
    };
}
