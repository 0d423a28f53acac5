namespace MixEngine.Dsp.Eq;

/// <summary>
/// What a band's design takes from its frequency and Q alone: w0 and the trigonometry of it that the band's type and
/// design use (the matched designs' sin²(w0/2), the bilinear designs' cos w0 and sin w0). Made when the frequency, Q,
/// type or design of a band changes, so a band whose gain alone glides (gain automation) is redesigned without taking
/// them again; the design's arithmetic is the same either way, so the coefficients are the same bits. Immutable value;
/// any thread; no allocation.
/// </summary>
internal readonly struct DesignCorner
{
    /// <summary>The terms of a band of <paramref name="type"/> and <paramref name="design"/> at <paramref name="hz"/> (clamped below Nyquist) with <paramref name="q"/>.</summary>
    public DesignCorner(EqBandType type, EqDesign design, double hz, double q, double sampleRate)
    {
        Type = type;
        Design = design;
        Hz = hz;
        Q = q;
        W0 = 2.0 * Math.PI * hz / sampleRate;
        if (design == EqDesign.Matched)
        {
            if (type == EqBandType.Notch)
            {
                Cos = Math.Cos(W0);
            }
            else
            {
                double half = Math.Sin(0.5 * W0);
                HalfSinSquared = half * half;
            }
        }
        else
        {
            Cos = Math.Cos(W0);
            Sin = Math.Sin(W0);
        }
    }

    /// <summary>Band type the terms were taken for.</summary>
    public EqBandType Type { get; }

    /// <summary>Design the terms were taken for.</summary>
    public EqDesign Design { get; }

    /// <summary>Frequency in Hz (already clamped below Nyquist).</summary>
    public double Hz { get; }

    /// <summary>Quality factor.</summary>
    public double Q { get; }

    /// <summary>2π·Hz / sample rate.</summary>
    public double W0 { get; }

    /// <summary>sin²(w0/2) (matched designs but the notch).</summary>
    public double HalfSinSquared { get; }

    /// <summary>cos w0 (bilinear designs and the matched notch).</summary>
    public double Cos { get; }

    /// <summary>sin w0 (bilinear designs).</summary>
    public double Sin { get; }

    /// <summary>True when these terms serve a band of <paramref name="type"/> and <paramref name="design"/> at <paramref name="hz"/> with <paramref name="q"/>.</summary>
    public bool Serves(EqBandType type, EqDesign design, double hz, double q) => Type == type && Design == design && Hz == hz && Q == q;
}
