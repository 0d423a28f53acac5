namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises a door slam for the demo: a falling low thump, a low-passed noise crack with a fast decay, the ringing
/// of the door panel (band-passed noise) and a short latch rattle. Mono, peak −6 dBFS. A pure function of its
/// arguments; control side only.
/// </summary>
public static class DoorSlam
{
    /// <summary>Returns <paramref name="length"/> samples at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[] Synthesize(ulong seed, int sampleRate, long length)
    {
        var output = new double[checked((int)length)];
        var random = new SeededNoise(seed);
        double panelHz = random.NextBetween(150, 210);
        double latchDelay = random.NextBetween(0.05, 0.09);
        var crack = new Resonator();
        crack.SetLowPass(2500, 0.707, sampleRate);
        var panel = new Resonator();
        panel.SetBandPass(panelHz, 5, sampleRate);
        var latch = new Resonator();
        latch.SetBandPass(3200, 3, sampleRate);
        double phase = 0;
        int onset = (int)(0.01 * sampleRate);
        for (int i = onset; i < output.Length; i++)
        {
            double t = (double)(i - onset) / sampleRate;
            double thumpHz = 55 + 25 * Math.Exp(-t / 0.04);
            phase += 2 * Math.PI * thumpHz / sampleRate;
            double noise = random.NextWhite();
            double thump = Math.Sin(phase) * Math.Exp(-t / 0.09);
            double crackPart = crack.Process(noise) * Math.Exp(-t / 0.025);
            double panelPart = 3 * panel.Process(noise) * Math.Exp(-t / 0.16);
            double tl = t - latchDelay;
            double latchPart = tl >= 0 ? 0.5 * latch.Process(noise) * Math.Exp(-tl / 0.012) : 0;
            output[i] = thump + crackPart + panelPart + latchPart;
        }
        double[][] channels = [output];
        SignalLevel.ScaleToPeak(channels, -6);
        return output;
    }
}
