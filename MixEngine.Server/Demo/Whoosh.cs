namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises a whoosh for the demo: white noise through two cascaded band-passes whose centre sweeps from 200 Hz up
/// to about 4 kHz and back down, under a swelling and fading envelope. Mono, peak −8 dBFS. A pure function of its
/// arguments; control side only.
/// </summary>
public static class Whoosh
{
    private const int RetuneInterval = 16;

    /// <summary>Returns <paramref name="length"/> samples at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[] Synthesize(ulong seed, int sampleRate, long length)
    {
        var output = new double[checked((int)length)];
        var random = new SeededNoise(seed);
        double peakHz = random.NextBetween(3000, 4500);
        double peakAt = random.NextBetween(0.45, 0.6);
        var first = new Resonator();
        var second = new Resonator();
        for (int i = 0; i < output.Length; i++)
        {
            double u = (double)i / output.Length;
            double rise = u < peakAt ? u / peakAt : (1 - u) / (1 - peakAt);
            if (i % RetuneInterval == 0)
            {
                double centre = 200 * Math.Pow(peakHz / 200, rise);
                first.SetBandPass(centre, 2.5, sampleRate);
                second.SetBandPass(centre, 2.5, sampleRate);
            }
            output[i] = rise * rise * second.Process(first.Process(random.NextWhite()));
        }
        double[][] channels = [output];
        SignalLevel.ScaleToPeak(channels, -8);
        return output;
    }
}
