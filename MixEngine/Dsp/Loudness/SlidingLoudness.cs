namespace MixEngine.Dsp.Loudness;

/// <summary>
/// Live momentary (400 ms) and short-term (3 s) loudness of one multichannel signal per BS.1770 (K-weighting and
/// channel weights through <see cref="WeightedEnergy"/>): energies accumulate in 10 ms sub-blocks kept in a 3 s ring, so
/// both readings are updated every 10 ms from exact sums. Unlike <see cref="LoudnessMeter"/> it keeps no gating
/// histograms (a few kB instead of ≈0.5 MB), so every strip of a plan can have one. Construct on the control side;
/// <see cref="RtProcess"/>, <see cref="RtProcessSilence"/> and <see cref="RtReset"/> run on one thread at a time and never allocate.
/// </summary>
public sealed class SlidingLoudness
{
    private const int SubBlocksPerMomentary = 40;  // 400 ms
    private const int SubBlocksPerShortTerm = 300; // 3 s

    private readonly WeightedEnergy _energy;
    private readonly int _subBlockLength;
    private readonly double[] _ring = new double[SubBlocksPerShortTerm];
    private readonly double[][] _silence;
    private long _subBlocks;
    private int _filled;
    private double _current;

    /// <summary>Creates the meter for <paramref name="channelWeights"/>.Length channels at <paramref name="sampleRate"/> Hz (weights per BS.1770-5, 0 for LFE).</summary>
    public SlidingLoudness(int sampleRate, IReadOnlyList<double> channelWeights)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive");
        if (channelWeights.Count == 0) throw new ArgumentException("a loudness meter needs at least one channel", nameof(channelWeights));
        _energy = new WeightedEnergy(sampleRate, channelWeights);
        _subBlockLength = (int)Math.Round(sampleRate / 100.0);
        _silence = new double[channelWeights.Count][];
        for (int c = 0; c < _silence.Length; c++) _silence[c] = new double[_subBlockLength];
    }

    /// <summary>Momentary loudness of the last 400 ms in LUFS; −∞ until 400 ms have been fed or for silence.</summary>
    public double Momentary { get; private set; } = double.NegativeInfinity;

    /// <summary>Short-term loudness of the last 3 s in LUFS; −∞ until 3 s have been fed or for silence.</summary>
    public double ShortTerm { get; private set; } = double.NegativeInfinity;

    /// <summary>Forgets everything fed (readings return to −∞); audio thread.</summary>
    public void RtReset()
    {
        _energy.Reset();
        Array.Clear(_ring);
        _subBlocks = 0;
        _filled = 0;
        _current = 0;
        Momentary = ShortTerm = double.NegativeInfinity;
    }

    /// <summary>Feeds <paramref name="count"/> frames from <c>channels[c][offset ..]</c>; audio thread.</summary>
    public void RtProcess(double[][] channels, int offset, int count)
    {
        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, _subBlockLength - _filled);
            _current += _energy.RtSumOfSquares(channels, offset + done, n);
            _filled += n;
            done += n;
            if (_filled == _subBlockLength) RtCompleteSubBlock();
        }
    }

    /// <summary>Feeds <paramref name="count"/> frames of digital silence (a muted or idle strip); audio thread.</summary>
    public void RtProcessSilence(int count)
    {
        while (count > 0)
        {
            int n = Math.Min(count, _subBlockLength);
            RtProcess(_silence, 0, n);
            count -= n;
        }
    }

    private void RtCompleteSubBlock()
    {
        _ring[_subBlocks % SubBlocksPerShortTerm] = _current;
        _subBlocks++;
        _current = 0;
        _filled = 0;
        if (_subBlocks >= SubBlocksPerMomentary) Momentary = LoudnessMath.EnergyToLoudness(WindowEnergy(SubBlocksPerMomentary));
        if (_subBlocks >= SubBlocksPerShortTerm) ShortTerm = LoudnessMath.EnergyToLoudness(WindowEnergy(SubBlocksPerShortTerm));
    }

    private double WindowEnergy(int subBlocks)
    {
        double sum = 0;
        for (long k = _subBlocks - subBlocks; k < _subBlocks; k++) sum += _ring[k % SubBlocksPerShortTerm];
        return sum / ((double)subBlocks * _subBlockLength);
    }
}
