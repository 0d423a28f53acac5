namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// The compressor's static gain computer in the log domain (loudness-dsp.md §7, Giannoulis/Massberg/Reiss 2012, eq. 4):
/// output level for an input level with threshold T, ratio R and a quadratic soft knee of width W dB. Pure; any thread.
/// </summary>
public static class CompressorCurve
{
    /// <summary>Output level in dB for <paramref name="inputDb"/> (any thread, Rt-safe).</summary>
    public static double OutputDb(double inputDb, double thresholdDb, double ratio, double kneeDb)
    {
        double over = inputDb - thresholdDb;
        if (2.0 * over < -kneeDb) return inputDb;
        if (kneeDb > 0.0 && 2.0 * Math.Abs(over) <= kneeDb)
        {
            double k = over + kneeDb * 0.5;
            return inputDb + (1.0 / ratio - 1.0) * k * k / (2.0 * kneeDb);
        }
        return thresholdDb + over / ratio;
    }

    /// <summary>Gain reduction in dB (≥ 0) the curve asks for at <paramref name="inputDb"/> (any thread, Rt-safe).</summary>
    public static double ReductionDb(double inputDb, double thresholdDb, double ratio, double kneeDb)
        => inputDb - OutputDb(inputDb, thresholdDb, ratio, kneeDb);
}
