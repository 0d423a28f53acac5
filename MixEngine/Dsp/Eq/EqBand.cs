namespace MixEngine.Dsp.Eq;

/// <summary>
/// One EQ band's settings, an immutable value passed to <see cref="ParametricEq.RtSetBand"/>. Fields a type does not
/// use are ignored (gain for pass/notch bands, Q for high/low-pass, slope for everything but high/low-pass).
/// Ranges: see the constants; <see cref="Validate"/> (control side) rejects values outside them, the kernel clamps.
/// </summary>
/// <param name="Type">Shape of the band.</param>
/// <param name="FrequencyHz">Corner (pass, shelf) or centre (bell, notch, band-pass) frequency in Hz.</param>
/// <param name="GainDb">Gain of shelves and bells in dB.</param>
/// <param name="Q">Quality factor of shelves, bells, notches and band-passes (shelves: 0.7071 = Butterworth corner).</param>
/// <param name="SlopeDbPerOctave">High/low-pass slope: 6, 12, 18, 24, 36 or 48.</param>
/// <param name="Enabled">Whether the band processes; a disabled band costs nothing once its fade-out ends.</param>
/// <param name="Design">Digital design of the band (default <see cref="EqDesign.Matched"/>).</param>
public readonly record struct EqBand(
    EqBandType Type,
    double FrequencyHz,
    double GainDb = 0.0,
    double Q = EqBand.ButterworthQ,
    int SlopeDbPerOctave = 12,
    bool Enabled = true,
    EqDesign Design = EqDesign.Matched)
{
    /// <summary>1/√2: the Q of a second-order Butterworth section and of a shelf without overshoot.</summary>
    public const double ButterworthQ = 0.7071067811865476;

    /// <summary>Lowest accepted frequency in Hz.</summary>
    public const double MinFrequencyHz = 10.0;

    /// <summary>Highest accepted frequency in Hz (the kernel also keeps it below 0.49 × the sample rate).</summary>
    public const double MaxFrequencyHz = 40_000.0;

    /// <summary>Largest boost or cut in dB.</summary>
    public const double MaxGainDb = 36.0;

    /// <summary>Smallest accepted Q.</summary>
    public const double MinQ = 0.1;

    /// <summary>Largest accepted Q.</summary>
    public const double MaxQ = 40.0;

    /// <summary>The accepted high/low-pass slopes in dB per octave (6 dB per filter order).</summary>
    public static ReadOnlySpan<int> Slopes => [6, 12, 18, 24, 36, 48];

    /// <summary>A disabled band (the state of every band of a new kernel).</summary>
    public static EqBand Off => new(EqBandType.Bell, 1000.0, Enabled: false);

    /// <summary>A Butterworth high-pass at <paramref name="hz"/> with <paramref name="slopeDbPerOctave"/>.</summary>
    public static EqBand HighPass(double hz, int slopeDbPerOctave = 12) => new(EqBandType.HighPass, hz, SlopeDbPerOctave: slopeDbPerOctave);

    /// <summary>A Butterworth low-pass at <paramref name="hz"/> with <paramref name="slopeDbPerOctave"/>.</summary>
    public static EqBand LowPass(double hz, int slopeDbPerOctave = 12) => new(EqBandType.LowPass, hz, SlopeDbPerOctave: slopeDbPerOctave);

    /// <summary>A low shelf of <paramref name="gainDb"/> below <paramref name="hz"/>.</summary>
    public static EqBand LowShelf(double hz, double gainDb, double q = ButterworthQ) => new(EqBandType.LowShelf, hz, gainDb, q);

    /// <summary>A high shelf of <paramref name="gainDb"/> above <paramref name="hz"/>.</summary>
    public static EqBand HighShelf(double hz, double gainDb, double q = ButterworthQ) => new(EqBandType.HighShelf, hz, gainDb, q);

    /// <summary>A bell of <paramref name="gainDb"/> at <paramref name="hz"/> with quality <paramref name="q"/>.</summary>
    public static EqBand Bell(double hz, double gainDb, double q) => new(EqBandType.Bell, hz, gainDb, q);

    /// <summary>A notch at <paramref name="hz"/> with quality <paramref name="q"/>.</summary>
    public static EqBand Notch(double hz, double q) => new(EqBandType.Notch, hz, Q: q);

    /// <summary>A band-pass (0 dB at <paramref name="hz"/>) with quality <paramref name="q"/>.</summary>
    public static EqBand BandPass(double hz, double q) => new(EqBandType.BandPass, hz, Q: q);

    /// <summary>
    /// The shelf Q for a shelf slope S (RBJ cookbook: 1/Q = √((A + 1/A)(1/S − 1) + 2), A = 10^(gain/40); S = 1 is the
    /// steepest slope without overshoot, i.e. Q = 1/√2). Control side; throws when S is not in (0, 1] at this gain.
    /// </summary>
    public static double ShelfQFromSlope(double gainDb, double slope)
    {
        double a = Math.Pow(10.0, gainDb / 40.0);
        double inverseSquared = (a + 1.0 / a) * (1.0 / slope - 1.0) + 2.0;
        if (!(slope > 0.0 && slope <= 1.0) || !(inverseSquared > 0.0))
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "a shelf slope must be in (0, 1]");
        return 1.0 / Math.Sqrt(inverseSquared);
    }

    /// <summary>Filter order of a high/low-pass (slope / 6).</summary>
    public int Order => SlopeDbPerOctave / 6;

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming <paramref name="path"/> and the field when a value is outside
    /// the accepted ranges (control side, e.g. while loading a session; <paramref name="path"/> like "strips[2].eq[1]").
    /// </summary>
    public void Validate(string path)
    {
        if (!Enum.IsDefined(Type)) throw new ArgumentException($"{path}.type: unknown band type {(int)Type}");
        if (!Enum.IsDefined(Design)) throw new ArgumentException($"{path}.design: unknown design {(int)Design}");
        if (!(FrequencyHz >= MinFrequencyHz && FrequencyHz <= MaxFrequencyHz))
            throw new ArgumentException($"{path}.frequency: {FrequencyHz} Hz is outside {MinFrequencyHz}..{MaxFrequencyHz} Hz");
        if (!(Math.Abs(GainDb) <= MaxGainDb))
            throw new ArgumentException($"{path}.gain: {GainDb} dB is outside ±{MaxGainDb} dB");
        if (!(Q >= MinQ && Q <= MaxQ))
            throw new ArgumentException($"{path}.q: {Q} is outside {MinQ}..{MaxQ}");
        if ((Type is EqBandType.HighPass or EqBandType.LowPass) && !Slopes.Contains(SlopeDbPerOctave))
            throw new ArgumentException($"{path}.slope: {SlopeDbPerOctave} dB/oct is not one of 6, 12, 18, 24, 36, 48");
    }
}
