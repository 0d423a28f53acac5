namespace MixEngine.Dsp.Loudness;

/// <summary>
/// Streaming BS.1770-5 / EBU R128 meter for one multichannel signal: momentary (400 ms), short-term (3 s),
/// integrated (gated, 400 ms blocks with 75 % overlap), loudness range (EBU Tech 3342 from short-term readings at
/// 10 Hz), and per-channel sample and true peak. Energies accumulate in 10 ms sub-blocks, so gating blocks are exact
/// sums of sub-blocks and max momentary/short-term are evaluated every 10 ms (a 100 ms grid can under-read max
/// momentary by up to 0.45 LU, loudness-dsp.md §1.4). Memory is fixed after construction whatever the duration
/// (histograms, not block lists). Construct on the control side; <see cref="RtProcess"/> runs on one render or audio
/// thread at a time and never allocates.
/// </summary>
public sealed class LoudnessMeter
{
    private const int SubBlocksPerMomentary = 40;   // 400 ms
    private const int SubBlocksPerShortTerm = 300;  // 3 s
    private const int SubBlocksPerHop = 10;         // 100 ms

    private readonly WeightedEnergy _energy;
    private readonly TruePeakDetector[] _truePeaks;
    private readonly double[] _samplePeaks;
    private readonly int _subBlockLength;
    private readonly double[] _ring = new double[SubBlocksPerShortTerm]; // weighted sums of squares per sub-block
    private readonly LoudnessHistogram _gatingBlocks = new();
    private readonly LoudnessHistogram _shortTermReadings = new();
    private long _subBlocks;
    private int _filled;
    private double _current;

    /// <summary>
    /// Creates a meter for <paramref name="channelWeights"/>.Length channels at <paramref name="sampleRate"/> Hz.
    /// Weights per BS.1770-5 Table 4: 1.0 for front and rear channels and every height channel, 1.41 for channels at
    /// 60°–120° azimuth (5.1 surrounds, 7.x side surrounds, wides), 0 for LFE. <paramref name="peaks"/> false: loudness
    /// only, no sample or true peak (<see cref="MeasuresPeaks"/>; a live meter whose peaks another tap already measures).
    /// </summary>
    public LoudnessMeter(int sampleRate, IReadOnlyList<double> channelWeights, bool peaks = true)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive");
        if (channelWeights.Count == 0) throw new ArgumentException("a loudness meter needs at least one channel", nameof(channelWeights));
        SampleRate = sampleRate;
        _energy = new WeightedEnergy(sampleRate, channelWeights);
        _truePeaks = channelWeights.Select(_ => new TruePeakDetector(sampleRate)).ToArray();
        _samplePeaks = new double[channelWeights.Count];
        MeasuresPeaks = peaks;
        _subBlockLength = (int)Math.Round(sampleRate / 100.0);
    }

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Number of channels.</summary>
    public int ChannelCount => _energy.ChannelCount;

    /// <summary>Whether sample and true peaks are measured (else they read 0); loudness is measured either way, the same bits.</summary>
    public bool MeasuresPeaks { get; }

    /// <summary>Momentary loudness of the last 400 ms (LUFS), −∞ before 400 ms have been fed.</summary>
    public double Momentary { get; private set; } = double.NegativeInfinity;

    /// <summary>Short-term loudness of the last 3 s (LUFS), −∞ before 3 s have been fed.</summary>
    public double ShortTerm { get; private set; } = double.NegativeInfinity;

    /// <summary>Largest momentary loudness since the last reset.</summary>
    public double MaxMomentary { get; private set; } = double.NegativeInfinity;

    /// <summary>Largest short-term loudness since the last reset.</summary>
    public double MaxShortTerm { get; private set; } = double.NegativeInfinity;

    /// <summary>Integrated (gated) loudness since the last reset in LUFS; −∞ when no block passed the gates.</summary>
    public double Integrated => _gatingBlocks.GatedLoudness(-10);

    /// <summary>Loudness range in LU since the last reset (EBU Tech 3342).</summary>
    public double LoudnessRange => _shortTermReadings.LoudnessRange();

    /// <summary>Momentary and short-term loudness every 100 ms (compacted to fixed memory), for graphs.</summary>
    public LoudnessTimeline Timeline { get; } = new();

    /// <summary>Sample peak of channel <paramref name="channel"/> (linear).</summary>
    public double SamplePeak(int channel) => _samplePeaks[channel];

    /// <summary>True peak of channel <paramref name="channel"/> (linear, never below the sample peak).</summary>
    public double TruePeak(int channel) => _truePeaks[channel].Peak;

    /// <summary>Clears every reading and filter state.</summary>
    public void Reset()
    {
        _energy.Reset();
        foreach (var t in _truePeaks) t.Reset();
        Array.Clear(_samplePeaks);
        Array.Clear(_ring);
        _gatingBlocks.Reset();
        Timeline.Reset();
        _shortTermReadings.Reset();
        _subBlocks = 0;
        _filled = 0;
        _current = 0;
        Momentary = ShortTerm = MaxMomentary = MaxShortTerm = double.NegativeInfinity;
    }

    /// <summary>Feeds <paramref name="count"/> frames from <c>channels[c][offset ..]</c>, one array per channel.</summary>
    public void RtProcess(double[][] channels, int offset, int count)
    {
        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, _subBlockLength - _filled);
            if (MeasuresPeaks) RtMeasurePeaks(channels, offset + done, n);
            _current += _energy.RtSumOfSquares(channels, offset + done, n);
            _filled += n;
            done += n;
            if (_filled == _subBlockLength) CompleteSubBlock();
        }
    }

    // Sample and true peaks of frames [offset, offset + n) of every channel.
    private void RtMeasurePeaks(double[][] channels, int offset, int n)
    {
        for (int c = 0; c < _truePeaks.Length; c++)
        {
            var span = new ReadOnlySpan<double>(channels[c], offset, n);
            _truePeaks[c].RtProcess(span);
            double peak = _samplePeaks[c];
            foreach (double x in span)
            {
                double a = Math.Abs(x);
                if (a > peak) peak = a;
            }
            _samplePeaks[c] = peak;
        }
    }

    private void CompleteSubBlock()
    {
        _ring[_subBlocks % SubBlocksPerShortTerm] = _current;
        _subBlocks++;
        _current = 0;
        _filled = 0;

        if (_subBlocks >= SubBlocksPerMomentary)
        {
            double energy = WindowEnergy(SubBlocksPerMomentary);
            Momentary = LoudnessMath.EnergyToLoudness(energy);
            if (Momentary > MaxMomentary) MaxMomentary = Momentary;
            // Gating blocks start every 100 ms from the first sample (BS.1770 eq. 3).
            if ((_subBlocks - SubBlocksPerMomentary) % SubBlocksPerHop == 0) _gatingBlocks.RtAdd(energy, Momentary);
        }
        if (_subBlocks >= SubBlocksPerShortTerm)
        {
            double energy = WindowEnergy(SubBlocksPerShortTerm);
            ShortTerm = LoudnessMath.EnergyToLoudness(energy);
            if (ShortTerm > MaxShortTerm) MaxShortTerm = ShortTerm;
            // EBU Tech 3342: short-term readings at 10 Hz, absolute gate at −70 LUFS (inclusive).
            if ((_subBlocks - SubBlocksPerShortTerm) % SubBlocksPerHop == 0)
                _shortTermReadings.RtAdd(energy, ShortTerm, LoudnessHistogram.Floor - 1e-9);
        }
        if (_subBlocks % SubBlocksPerHop == 0) Timeline.RtAdd(Momentary, ShortTerm);
    }

    private double WindowEnergy(int subBlocks)
    {
        double sum = 0;
        for (long k = _subBlocks - subBlocks; k < _subBlocks; k++) sum += _ring[k % SubBlocksPerShortTerm];
        return sum / ((double)subBlocks * _subBlockLength);
    }
}
