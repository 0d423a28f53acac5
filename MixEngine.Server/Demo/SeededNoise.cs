namespace MixEngine.Server.Demo;

/// <summary>
/// A small seeded random source for the demo's synthesised media (SplitMix64): the same seed gives the same sequence on
/// every machine and .NET version, which keeps the demo media bit-identical. Value type; one instance per generator.
/// </summary>
internal struct SeededNoise(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong NextBits()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform value in [0, 1).</summary>
    public double NextUnit() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform value in [−1, 1): white noise with a flat spectrum.</summary>
    public double NextWhite() => 2.0 * NextUnit() - 1.0;

    /// <summary>Uniform value in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextBetween(double low, double high) => low + (high - low) * NextUnit();

    /// <summary>A derived seed for a sub-generator, so sounds made from one seed stay independent of each other.</summary>
    public static ulong Derive(ulong seed, ulong salt) => new SeededNoise(seed ^ (salt * 0xD1B54A32D192ED03UL)).NextBits();
}
