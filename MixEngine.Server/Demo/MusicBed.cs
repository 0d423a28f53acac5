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
            foreach (int note in notes)
            {
                double hz = 440 * Math.Pow(2, (note + transpose - 69) / 12.0);
                double detuneCents = random.NextBetween(3, 8);
                AddVoice(output, table, hz * Math.Pow(2, -detuneCents / 1200), random.NextUnit(), start, end, chordLength, sampleRate, 0.85, 0.45);
                AddVoice(output, table, hz * Math.Pow(2, detuneCents / 1200), random.NextUnit(), start, end, chordLength, sampleRate, 0.45, 0.85);
            }
        }
        SignalLevel.ScaleToPeak(output, -14);
        return output;
    }

    private static void AddVoice(double[][] output, double[] table, double hz, double phase, int start, int end,
        int chordLength, int sampleRate, double left, double right)
    {
        double step = hz / sampleRate * TableSize;
        double position = phase * TableSize;
        double attack = AttackSeconds * sampleRate, release = ReleaseSeconds * sampleRate;
        for (int i = start; i < end; i++)
        {
            int k = (int)position;
            double frac = position - k;
            double x = table[k] + frac * (table[(k + 1) & (TableSize - 1)] - table[k]);
            double envelope = SignalLevel.RaisedCosine((i - start) / attack) * (1 - SignalLevel.RaisedCosine((i - start - chordLength) / release));
            output[0][i] += left * envelope * x;
            output[1][i] += right * envelope * x;
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
