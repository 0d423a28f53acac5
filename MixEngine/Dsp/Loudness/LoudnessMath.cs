namespace MixEngine.Dsp.Loudness;

/// <summary>BS.1770 conversions between weighted mean square and loudness; pure functions, any thread.</summary>
public static class LoudnessMath
{
    /// <summary>The BS.1770 offset that makes a 997 Hz 0 dBFS sine in one front channel read −3.01 LKFS.</summary>
    public const double Offset = -0.691;

    /// <summary>Loudness in LKFS of a channel-weighted mean square (−∞ for 0).</summary>
    public static double EnergyToLoudness(double energy) =>
        energy > 0 ? Offset + 10 * Math.Log10(energy) : double.NegativeInfinity;

    /// <summary>Linear amplitude to dB (−∞ for 0).</summary>
    public static double AmplitudeToDb(double amplitude) =>
        amplitude > 0 ? 20 * Math.Log10(amplitude) : double.NegativeInfinity;
}
