namespace MixEngine.Server.Demo;

/// <summary>
/// Synthesises the demo's music bed: a slow four-chord progression (four seconds a chord) played by pairs of slightly
/// detuned harmonic voices spread left and right, each chord swelling in softly and crossfading into the next.
/// Stereo (index 0 = L, 1 = R), peak −14 dBFS. A pure function of its arguments; control side only.
/// </summary>
public static class MusicBed
{
    // MIDI notes of Am9, Fmaj7, Cadd9, G6 voicings.
    private static readonly int[][] Chords =
    [
        [45, 52, 55, 59, 64], [41, 48, 52, 57, 64], [48, 55, 62, 64, 67], [43, 50, 55, 59, 64],
    ];

    private const double ChordSeconds = 4.0, AttackSeconds = 1.4, ReleaseSeconds = 1.6;
    private const int TableSize = 4096;

    /// <summary>Returns two channels of <paramref name="length"/> samples at <paramref name="sampleRate"/>, fully determined by <paramref name="seed"/>.</summary>
    public static double[][] Synthesize(ulong seed, int sampleRate, long length)
    {
        int n = checked((int)length);
        double[][] output = [new double[n], new double[n]];
        var random = new SeededNoise(seed);
        var table = HarmonicCycle();
        int transpose = (int)(random.NextUnit() * 5) - 2;
        int chordLength = (int)(ChordSeconds * sampleRate);
        int chordCount = n / chordLength + 1;
        for (int c = 0; c < chordCount; c++)
        {
            var notes = Chords[c % Chords.Length];
            int start = c * chordLength;
            int end = Math.Min(n, start + chordLength + (int)(ReleaseSeconds * sampleRate));
            var envelope = ChordEnvelope(end - start, chordLength, sampleRate);
            foreach (int note in notes)
            {
                double hz = 440 * Math.Pow(2, (note + transpose - 69) / 12.0);
                double detuneCents = random.NextBetween(3, 8);
                AddVoice(output, table, envelope, hz * Math.Pow(2, -detuneCents / 1200), random.NextUnit(), start, sampleRate, 0.85, 0.45);
                AddVoice(output, table, envelope, hz * Math.Pow(2, detuneCents / 1200), random.NextUnit(), start, sampleRate, 0.45, 0.85);
            }
        }
        SignalLevel.ScaleToPeak(output, -14);
        return output;
    }

    // Soft swell over the attack, hold, then a slow fade across the next chord's start.
    private static double[] ChordEnvelope(int length, int chordLength, int sampleRate)
    {
        var envelope = new double[Math.Max(0, length)];
        double attack = AttackSeconds * sampleRate, release = ReleaseSeconds * sampleRate;
        for (int i = 0; i < envelope.Length; i++)
            envelope[i] = SignalLevel.RaisedCosine(i / attack) * (1 - SignalLevel.RaisedCosine((i - chordLength) / release));
        return envelope;
    }

    private static void AddVoice(double[][] output, double[] table, double[] envelope, double hz, double phase, int start,
        int sampleRate, double left, double right)
    {
        double step = hz / sampleRate * TableSize;
        double position = phase * TableSize;
        double[] l = output[0], r = output[1];
        for (int k = 0; k < envelope.Length; k++)
        {
            int index = (int)position;
            double frac = position - index;
            double x = envelope[k] * (table[index] + frac * (table[(index + 1) & (TableSize - 1)] - table[index]));
            l[start + k] += left * x;
            r[start + k] += right * x;
            position += step;
            if (position >= TableSize) position -= TableSize;
        }
    }

    // One cycle of a soft harmonic tone: partials 1…8 falling at about 10 dB per octave.
    private static double[] HarmonicCycle()
    {
        var table = new double[TableSize];
        for (int h = 1; h <= 8; h++)
        {
            double amplitude = Math.Pow(h, -1.7);
            for (int i = 0; i < TableSize; i++) table[i] += amplitude * Math.Sin(2 * Math.PI * h * i / TableSize);
        }
        return table;
    }
}
