namespace MixEngine.Dsp.Eq;

/// <summary>How a band's analogue prototype becomes digital coefficients (docs/dsp.md explains the choice).</summary>
public enum EqDesign
{
    /// <summary>
    /// Default: poles by impulse invariance, numerator matched to the analogue magnitude (at DC and at the band frequency
    /// with zero slope there for bells and band-passes; at DC, the frequency and Nyquist for shelves and low-passes), so
    /// bands near Nyquist keep their analogue shape instead of cramping.
    /// </summary>
    Matched,

    /// <summary>Bilinear transform prewarped at the band frequency (the RBJ "Audio EQ Cookbook" formulas, as ffmpeg's biquads use).</summary>
    Bilinear,
}
