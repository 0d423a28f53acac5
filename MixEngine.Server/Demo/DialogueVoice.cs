namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises speech-like babble for the demo's dialogue track: a band-limited sawtooth (a stand-in for the glottal
/// pulse train) at a pitch gliding between 110 and 220 Hz, through three formant resonators that move between vowel
/// targets, shaped into syllables grouped in phrases with pauses, with an occasional fricative onset. Mono, peak −10 dBFS.
/// A pure function of its arguments; control side only.
/// </summary>
public static class DialogueVoice
{
    // Vowel formant targets F1, F2, F3 in Hz (adult male averages for /a/ /e/ /i/ /o/ /u/ /ʌ/).
    private static readonly double[][] Vowels =
    [
        [730, 1090, 2440], [530, 1840, 2480], [270, 2290, 3010], [570, 840, 2410], [300, 870, 2240], [640, 1190, 2390],
    ];

    private static readonly double[] FormantBandwidthHz = [90, 110, 150];
    private static readonly double[] FormantGain = [1.0, 0.55, 0.3];
    private const int RetuneInterval = 16;

    /// <summary>Returns <paramref name="length"/> samples of babble at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[] Synthesize(ulong seed, int sampleRate, long length)
    {
        var output = new double[checked((int)length)];
        var random = new SeededNoise(seed);
        var syllables = PlanSyllables(ref random, sampleRate, output.Length);
        var formants = new Resonator[3];
        var fricative = new Resonator();
        fricative.SetBandPass(4800, 1.6, sampleRate);
        var lowCut = new Resonator();
        lowCut.SetHighPass(80, 0.707, sampleRate);
        double[] current = [.. Vowels[0]];
        double smoothing = 1 - Math.Exp(-RetuneInterval / (0.03 * sampleRate));
        double phase = 0;
        double pitchHz = 150;
        int s = 0;
        for (int i = 0; i < output.Length; i++)
        {
            while (s < syllables.Count - 1 && i >= syllables[s].End) s++;
            var syl = syllables[s];
            bool inside = i >= syl.Start && i < syl.End;
            double u = inside ? (double)(i - syl.Start) / (syl.End - syl.Start) : 0;
            if (inside) pitchHz = Math.Clamp(syl.PitchHz * (1 + 0.12 * Math.Sin(Math.PI * u)), 110, 220);
            if (i % RetuneInterval == 0)
            {
                var target = Vowels[syl.Vowel];
                for (int f = 0; f < 3; f++)
                {
                    current[f] += smoothing * (target[f] - current[f]);
                    formants[f].SetBandPass(current[f], current[f] / FormantBandwidthHz[f], sampleRate);
                }
            }
            double dt = pitchHz / sampleRate;
            phase += dt;
            if (phase >= 1) phase -= 1;
            double source = 1 - 2 * phase + BandLimitStep(phase, dt) + 0.04 * random.NextWhite();
            double envelope = inside ? SignalLevel.RaisedCosine(u / 0.3) * SignalLevel.RaisedCosine((1 - u) / 0.35) * syl.Level : 0;
            double voiced = 0;
            for (int f = 0; f < 3; f++) voiced += FormantGain[f] * formants[f].Process(source);
            double hiss = fricative.Process(random.NextWhite());
            double hissEnvelope = inside && syl.Fricative && u < 0.25 ? 0.5 * Math.Sin(Math.PI * u / 0.25) : 0;
            double voicing = inside && syl.Fricative ? SignalLevel.RaisedCosine((u - 0.15) / 0.2) : 1;
            output[i] = lowCut.Process(envelope * voicing * voiced + hissEnvelope * syl.Level * hiss);
        }
        double[][] channels = [output];
        SignalLevel.ScaleToPeak(channels, -10);
        return output;
    }

    // PolyBLEP residual of the sawtooth's wrap: 1 − 2·phase plus this is a falling sawtooth with little aliasing.
    private static double BandLimitStep(double phase, double dt)
    {
        if (phase < dt)
        {
            double t = phase / dt;
            return t + t - t * t - 1;
        }
        if (phase > 1 - dt)
        {
            double t = (phase - 1) / dt;
            return t * t + t + t + 1;
        }
        return 0;
    }

    private readonly record struct Syllable(int Start, int End, int Vowel, double PitchHz, double Level, bool Fricative);

    private static List<Syllable> PlanSyllables(ref SeededNoise random, int sampleRate, int length)
    {
        var list = new List<Syllable>();
        double t = 0.2;
        double seconds = (double)length / sampleRate;
        while (t < seconds - 0.3)
        {
            int count = 3 + (int)(random.NextUnit() * 6);
            double startPitch = random.NextBetween(165, 210), endPitch = random.NextBetween(112, 135);
            for (int k = 0; k < count && t < seconds - 0.3; k++)
            {
                double duration = random.NextBetween(0.12, 0.27);
                double pitch = startPitch + (endPitch - startPitch) * k / Math.Max(1, count - 1);
                int vowel = (int)(random.NextUnit() * Vowels.Length);
                list.Add(new Syllable((int)(t * sampleRate), (int)((t + duration) * sampleRate), vowel, pitch,
                    random.NextBetween(0.6, 1.0), random.NextUnit() < 0.35));
                t += duration + random.NextBetween(0.0, 0.04);
            }
            t += random.NextBetween(0.3, 0.8);
        }
        if (list.Count == 0) list.Add(new Syllable(0, 0, 0, 150, 0, false));
        return list;
    }
}
