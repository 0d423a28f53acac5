namespace MixEngine.Session;

/// <summary>The unit a parameter's value is expressed in.</summary>
public enum ParameterUnit
{
    /// <summary>Decibels; −∞ allowed where the minimum is −∞.</summary>
    Decibels,

    /// <summary>A switch: 0 = off, 1 = on.</summary>
    Boolean,

    /// <summary>A room coordinate of the panner (−1 … +1, or 0 … 1 for height).</summary>
    Position,

    /// <summary>A proportion from 0 to 1 (stereo width, pan divergence).</summary>
    Fraction,

    /// <summary>A frequency in hertz (EQ bands, sidechain high-pass, de-esser split).</summary>
    Hertz,

    /// <summary>A time in milliseconds (attack, release, hold, look-ahead).</summary>
    Milliseconds,

    /// <summary>A dynamics ratio n:1.</summary>
    Ratio,

    /// <summary>The quality factor of a filter band.</summary>
    Q,

    /// <summary>One of a few named choices, numbered from 0 (compressor detection: 0 = peak, 1 = RMS).</summary>
    Enum,

    /// <summary>An angle in degrees (stereo pan rotation, clockwise seen from above).</summary>
    Degrees,
}

/// <summary>
/// What a parameter is: its address, unit, range, default, the taper that maps a 0..1 control onto it, and whether
/// it can be automated and written in trim mode. Immutable; any thread.
/// </summary>
/// <param name="Address">The parameter's address (name form).</param>
/// <param name="Unit">Unit of the value.</param>
/// <param name="Minimum">Smallest value (−∞ for levels that can be off).</param>
/// <param name="Maximum">Largest value.</param>
/// <param name="Default">Value of a fresh strip.</param>
/// <param name="Taper">
/// How a 0..1 control maps to the value: "linear" (min + u·(max − min)), "audioFader" (the console fader law of
/// <see cref="FaderTaper"/>: 0 = −∞ dB, unity just above 3/4, 1 = +12 dB) or "toggle" (u ≥ 0.5 is on).
/// </param>
/// <param name="Automatable">True when an automation lane may drive it.</param>
/// <param name="Trimmable">True when Trim automation modes may write dB offsets to it (gain-type parameters).</param>
public sealed record ParameterDescriptor(
    ParameterAddress Address,
    ParameterUnit Unit,
    double Minimum,
    double Maximum,
    double Default,
    string Taper,
    bool Automatable,
    bool Trimmable)
{
    /// <summary>The unit as written in documentation and listings: dB, bool, position, fraction, Hz, ms, ratio, Q, enum, degrees.</summary>
    public string UnitSymbol => Unit switch
    {
        ParameterUnit.Decibels => "dB",
        ParameterUnit.Boolean => "bool",
        ParameterUnit.Position => "position",
        ParameterUnit.Hertz => "Hz",
        ParameterUnit.Milliseconds => "ms",
        ParameterUnit.Ratio => "ratio",
        ParameterUnit.Q => "Q",
        ParameterUnit.Enum => "enum",
        ParameterUnit.Degrees => "degrees",
        _ => "fraction",
    };
}
