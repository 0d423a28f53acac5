namespace MixEngine.Session;

/// <summary>
/// The channel strip of a track or bus. Field names are the last segment of the parameter addresses
/// (<c>track/DX 1/trim</c>, <c>track/DX 1/pan/x</c>), so automation and remote control use the same names.
/// Signal order: trim → polarity → processing (EQ and dynamics, <see cref="Processing"/>) → pre-fader sends → fader × VCA,
/// mute → pan → post-fader sends.
/// </summary>
/// <param name="TrimDb">Input trim in dB (−24 … +24).</param>
/// <param name="Polarity">True inverts the polarity.</param>
/// <param name="FaderDb">Fader in dB (−∞ … +12).</param>
/// <param name="Mute">Mutes the strip's output and all its sends.</param>
/// <param name="Solo">Solo in place.</param>
/// <param name="SoloSafe">Never implicitly muted by another strip's solo.</param>
/// <param name="Pan">Panner settings for mono and stereo sources.</param>
public sealed record Strip(
    double TrimDb,
    bool Polarity,
    double FaderDb,
    bool Mute,
    bool Solo,
    bool SoloSafe,
    Pan Pan)
{
    /// <summary>A strip with every control at its default (unity, unmuted, centred).</summary>
    public static readonly Strip Default = new(0, false, 0, false, false, false, Pan.Default);

    /// <summary>EQ and dynamics inserted on the strip (<c>strip.order</c>, <c>strip.eq</c>, <c>strip.dyn</c>); none by default.</summary>
    public StripProcessing Processing { get; init; } = StripProcessing.None;
}

/// <summary>
/// Panner settings (room-centric cartesian, as ADM): X −1 left … +1 right, Y −1 back … +1 front, Z 0 ear level … 1 top.
/// The fields beyond the five positional ones are optional in the session file and default to the panner's neutral
/// values, so sessions written before they existed load and render unchanged.
/// </summary>
/// <param name="X">Left/right position.</param>
/// <param name="Y">Back/front position.</param>
/// <param name="Z">Height (used only when the destination has height speakers and <see cref="Height"/> is on).</param>
/// <param name="Width">Stereo sources: spread of the two channels (0 = both at the position, 1 = full left/right).</param>
/// <param name="LfeDb">LFE send level in dB (−∞ = off); the LFE channel receives only this, never a pan share.</param>
public sealed record Pan(double X, double Y, double Z, double Width, double LfeDb)
{
    /// <summary>Front centre, ear level, full stereo width, no LFE.</summary>
    public static readonly Pan Default = new(0, 1, 0, 1, double.NegativeInfinity);

    /// <summary>Size of the source: 0 a point … 1 spread over a box as large as the room (see <see cref="Dsp.SpeakerGrid"/>).</summary>
    public double Divergence { get; init; }

    /// <summary>Stereo sources: rotation of the channel pair in degrees, clockwise seen from above (−180 … +180).</summary>
    public double Rotation { get; init; }

    /// <summary>False pans onto the ear-level speakers only: Z is ignored and height speakers get nothing.</summary>
    public bool Height { get; init; } = true;

    /// <summary>Centre attenuation when the destination is stereo.</summary>
    public Dsp.PanLaw Law { get; init; } = Dsp.PanLaw.EqualPower;

    /// <summary>These settings as the panner kernel's controls; any thread.</summary>
    public Dsp.PanControls Controls => new(X, Y, Z, Width, Rotation, Divergence, LfeDb, Height, Law);
}
