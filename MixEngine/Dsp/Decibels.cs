namespace MixEngine.Dsp;

/// <summary>
/// Converts between decibels and linear amplitude gain. Pure functions; any thread, including Rt code.
/// 0 dB maps to exactly 1.0 and −∞ dB to exactly 0.0, so a unity strip is bit-transparent.
/// </summary>
public static class Decibels
{
    /// <summary>Linear gain of <paramref name="db"/> decibels: 10^(dB/20), 0 for −∞ (call anywhere).</summary>
    public static double ToGain(double db)
    {
        if (double.IsNegativeInfinity(db)) return 0.0;
        if (db == 0.0) return 1.0;
        return Math.Pow(10.0, db / 20.0);
    }

    /// <summary>Decibels of a linear gain or peak magnitude: 20·log10(|g|), −∞ for 0 (call anywhere).</summary>
    public static double FromGain(double gain)
    {
        double magnitude = Math.Abs(gain);
        if (magnitude == 0.0) return double.NegativeInfinity;
        return 20.0 * Math.Log10(magnitude);
    }
}
