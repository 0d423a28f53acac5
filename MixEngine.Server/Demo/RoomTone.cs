namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises room tone for the demo: a blend of pink and brown (integrated white) noise, band-limited to
/// 30 Hz – 5 kHz like the air of a quiet set, mono, at −56 dBFS RMS. A pure function of its arguments; control side only.
/// </summary>
public static class RoomTone
{
    /// <summary>Returns <paramref name="length"/> samples of room tone at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[] Synthesize(ulong seed, int sampleRate, long length)
    {
        var output = new double[checked((int)length)];
        var pink = new PinkNoise(SeededNoise.Derive(seed, 1));
        var white = new SeededNoise(SeededNoise.Derive(seed, 2));
        var lowCut = new Resonator();
        lowCut.SetHighPass(30, 0.707, sampleRate);
        var highCut = new Resonator();
        highCut.SetLowPass(5000, 0.707, sampleRate);
        double brown = 0;
        for (int i = 0; i < output.Length; i++)
        {
            brown = 0.998 * brown + 0.03 * white.NextWhite();
            output[i] = highCut.Process(lowCut.Process(0.7 * pink.Next() + brown));
        }
        double[][] channels = [output];
        SignalLevel.ScaleToRms(channels, -56);
        return output;
    }
}
