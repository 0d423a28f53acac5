namespace MixEngine.Dsp;

/// <summary>
/// How a source panned between the two speakers of a stereo destination is attenuated at the centre. Every law uses
/// the sin/cos crossfade of the box panner raised to a power k, g = w^k, with k chosen so the centre (w = √½) lands
/// exactly on the law's level: k = centre dB / (20·log10 √½). Only stereo destinations use it; every other layout pans
/// with equal power.
/// </summary>
public enum PanLaw
{
    /// <summary>sin/cos (k = 1): constant power, centre −3.01 dB; the default.</summary>
    EqualPower,

    /// <summary>Centre exactly −3.00 dB (k = 0.9966, +0.01 dB total power at the centre).</summary>
    Minus3Db,

    /// <summary>Centre exactly −4.5 dB (k = 1.4949), the compromise between constant power and constant amplitude.</summary>
    Minus4_5Db,

    /// <summary>Centre exactly −6.0 dB (k = 1.9932), close to constant amplitude (L + R ≈ 1).</summary>
    Minus6Db,
}

/// <summary>The exponent and session-file names of <see cref="PanLaw"/>; pure, any thread.</summary>
public static class PanLaws
{
    /// <summary>Session-file names in enum order.</summary>
    public static readonly IReadOnlyList<string> Names = ["equalPower", "-3dB", "-4.5dB", "-6dB"];

    /// <summary>Centre level in dB of each law (equal power: 20·log10 √½).</summary>
    public static double CentreDb(this PanLaw law) => law switch
    {
        PanLaw.Minus3Db => -3.0,
        PanLaw.Minus4_5Db => -4.5,
        PanLaw.Minus6Db => -6.0,
        _ => 20.0 * Math.Log10(Math.Sqrt(0.5)),
    };

    /// <summary>The exponent k applied to the sin/cos weights (exactly 1 for equal power). Any thread.</summary>
    public static double Exponent(this PanLaw law) =>
        law == PanLaw.EqualPower ? 1.0 : law.CentreDb() / (20.0 * Math.Log10(Math.Sqrt(0.5)));

    /// <summary>The session-file name of <paramref name="law"/>.</summary>
    public static string Name(this PanLaw law) => Names[(int)law];

    /// <summary>The law named <paramref name="name"/> (exact match); false when unknown.</summary>
    public static bool TryParse(string? name, out PanLaw law)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                law = (PanLaw)i;
                return true;
            }
        }
        law = PanLaw.EqualPower;
        return false;
    }
}
