namespace MixEngine.Tests.Support;

/// <summary>Deterministic test signals: impulses, ramps, sines and seeded noise.</summary>
public static class TestSignals
{
    /// <summary>A single sample of <paramref name="amplitude"/> at <paramref name="at"/> in <paramref name="length"/> zeros.</summary>
    public static double[] Impulse(int length, int at, double amplitude = 1.0)
    {
        var x = new double[length];
        x[at] = amplitude;
        return x;
    }

    /// <summary>Sample i = (i + 1) × <paramref name="step"/> (never zero, so every sample is distinguishable).</summary>
    public static double[] Ramp(int length, double step = 1.0 / 65536)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = (i + 1) * step;
        return x;
    }

    /// <summary>A sine of <paramref name="frequency"/> Hz at 48 kHz.</summary>
    public static double[] Sine(int length, double frequency, double amplitude = 0.5)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = amplitude * Math.Sin(2 * Math.PI * frequency * i / 48000.0);
        return x;
    }

    /// <summary>Uniform noise in ±<paramref name="amplitude"/> from a seeded generator.</summary>
    public static double[] Noise(int length, int seed, double amplitude = 0.5)
    {
        var rng = new Random(seed);
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = amplitude * (2 * rng.NextDouble() - 1);
        return x;
    }
}
