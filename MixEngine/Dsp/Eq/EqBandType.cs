namespace MixEngine.Dsp.Eq;

/// <summary>The shape of one EQ band (analogue prototypes in docs/dsp.md, "Parametric EQ").</summary>
public enum EqBandType
{
    /// <summary>Butterworth high-pass of 6, 12, 18, 24, 36 or 48 dB/oct (<see cref="EqBand.SlopeDbPerOctave"/>).</summary>
    HighPass,

    /// <summary>Butterworth low-pass of 6, 12, 18, 24, 36 or 48 dB/oct.</summary>
    LowPass,

    /// <summary>Second-order low shelf: gain below the frequency, 0 dB above; Q sets the corner (0.7071 = no overshoot).</summary>
    LowShelf,

    /// <summary>Second-order high shelf: gain above the frequency, 0 dB below.</summary>
    HighShelf,

    /// <summary>Peaking band: gain at the frequency, bandwidth from Q, 0 dB far from it.</summary>
    Bell,

    /// <summary>Band-reject with a null at the frequency, bandwidth from Q.</summary>
    Notch,

    /// <summary>Second-order band-pass with 0 dB at the frequency, bandwidth from Q.</summary>
    BandPass,
}
