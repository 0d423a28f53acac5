namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises footsteps for the demo: one step every 0.5–0.6 s, each a heel strike (noise bursts through a low body
/// resonance and a mid knock) followed by a softer toe scuff, alternating feet slightly in level. Mono, peak −10 dBFS.
/// A pure function of its arguments; control side only.
/// </summary>
public static class Footsteps
{
    /// <summary>Returns <paramref name="length"/> samples at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[] Synthesize(ulong seed, int sampleRate, long length)
    {
        int n = checked((int)length);
        var heel = new double[n];
        var toe = new double[n];
        var random = new SeededNoise(seed);
        double t = 0.1;
        bool leftFoot = true;
        while (t < (double)n / sampleRate - 0.3)
        {
            double level = leftFoot ? 0.85 : 1.0;
            AddBurst(heel, ref random, (int)(t * sampleRate), 0.035, level, sampleRate);
            AddBurst(toe, ref random, (int)((t + random.NextBetween(0.06, 0.1)) * sampleRate), 0.02, 0.4 * level, sampleRate);
            t += random.NextBetween(0.5, 0.6);
            leftFoot = !leftFoot;
        }
        var body = new Resonator();
        body.SetBandPass(120, 2, sampleRate);
        var knock = new Resonator();
        knock.SetBandPass(900, 1.5, sampleRate);
        var scuff = new Resonator();
        scuff.SetBandPass(2200, 1, sampleRate);
        var output = new double[n];
        for (int i = 0; i < n; i++)
            output[i] = 2.5 * body.Process(heel[i]) + knock.Process(heel[i]) + scuff.Process(toe[i]);
        double[][] channels = [output];
        SignalLevel.ScaleToPeak(channels, -10);
        return output;
    }

    private static void AddBurst(double[] excitation, ref SeededNoise random, int start, double decaySeconds, double level, int sampleRate)
    {
        int end = Math.Min(excitation.Length, start + (int)(8 * decaySeconds * sampleRate));
        for (int i = Math.Max(0, start); i < end; i++)
            excitation[i] += level * random.NextWhite() * Math.Exp(-(i - start) / (decaySeconds * sampleRate));
    }
}
