namespace MixEngine.Server.Demo;

/// <summary>Level settings applied to finished demo sounds: scaling to a peak or RMS target in dBFS.</summary>
internal static class SignalLevel
{
    /// <summary>Scales every channel by one factor so the loudest sample sits at <paramref name="peakDbfs"/>.</summary>
    public static void ScaleToPeak(double[][] channels, double peakDbfs)
    {
        double peak = 0;
        foreach (var ch in channels)
            foreach (var x in ch)
                peak = Math.Max(peak, Math.Abs(x));
        Scale(channels, peak, peakDbfs);
    }

    /// <summary>Scales every channel by one factor so the RMS over all channels is <paramref name="rmsDbfs"/>.</summary>
    public static void ScaleToRms(double[][] channels, double rmsDbfs)
    {
        double sum = 0;
        long n = 0;
        foreach (var ch in channels)
        {
            foreach (var x in ch) sum += x * x;
            n += ch.Length;
        }
        Scale(channels, n == 0 ? 0 : Math.Sqrt(sum / n), rmsDbfs);
    }

    /// <summary>Raised-cosine gain of a ramp that is <paramref name="t"/> (0…1) of the way up.</summary>
    public static double RaisedCosine(double t) => t <= 0 ? 0 : t >= 1 ? 1 : 0.5 - 0.5 * Math.Cos(Math.PI * t);

    private static void Scale(double[][] channels, double measured, double targetDbfs)
    {
        if (measured <= 0) return;
        double gain = Math.Pow(10, targetDbfs / 20) / measured;
        foreach (var ch in channels)
            for (int i = 0; i < ch.Length; i++) ch[i] *= gain;
    }
}
