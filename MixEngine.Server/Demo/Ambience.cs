namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises the demo's exterior ambience: per channel, independent pink noise band-limited to 60 Hz – 2.5 kHz plus a
/// breathy band of wind whose centre drifts, each under slow, unrelated level modulation, so the two channels stay
/// decorrelated and wide. Stereo (0 = L, 1 = R), −38 dBFS RMS. A pure function of its arguments; control side only.
/// </summary>
public static class Ambience
{
    private const int RetuneInterval = 32;

    /// <summary>Returns two channels of <paramref name="length"/> samples at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[][] Synthesize(ulong seed, int sampleRate, long length)
    {
        int n = checked((int)length);
        double[][] output = [new double[n], new double[n]];
        for (int c = 0; c < 2; c++)
        {
            var random = new SeededNoise(SeededNoise.Derive(seed, 10 + (ulong)c));
            var pink = new PinkNoise(SeededNoise.Derive(seed, 20 + (ulong)c));
            double slowHz = random.NextBetween(0.05, 0.09), slowPhase = random.NextBetween(0, 2 * Math.PI);
            double driftHz = random.NextBetween(0.11, 0.17), driftPhase = random.NextBetween(0, 2 * Math.PI);
            var lowCut = new Resonator();
            lowCut.SetHighPass(60, 0.707, sampleRate);
            var highCut = new Resonator();
            highCut.SetLowPass(2500, 0.707, sampleRate);
            var wind = new Resonator();
            var channel = output[c];
            double gust = 0, swell = 0;
            for (int i = 0; i < n; i++)
            {
                if (i % RetuneInterval == 0)
                {
                    // The modulators are far below 1 Hz, so updating them every 32 samples is inaudible.
                    double t = (double)i / sampleRate;
                    wind.SetBandPass(650 + 250 * Math.Sin(2 * Math.PI * driftHz * t + driftPhase), 4, sampleRate);
                    double g = 0.6 + 0.4 * Math.Sin(2 * Math.PI * slowHz * t + slowPhase);
                    gust = 1.5 * g * g;
                    swell = 1 + 0.3 * Math.Sin(2 * Math.PI * slowHz * 1.7 * t + driftPhase);
                }
                double bed = highCut.Process(lowCut.Process(pink.Next()));
                channel[i] = swell * bed + gust * wind.Process(random.NextWhite());
            }
        }
        SignalLevel.ScaleToRms(output, -38);
        return output;
    }
}
