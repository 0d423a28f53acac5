namespace MixEngine.Dsp.Loudness;

/// <summary>
/// Bounded-memory store of loudness readings for gating over any duration: 0.01 LU bins from −70 to +30 LU(FS), each
/// keeping a count, the sum of block energies and the sum of loudness values, so gated means stay energy means
/// (BS.1770 eqs. 5–7) and percentiles resolve to within one bin. Fixed size (≈240 kB) after construction;
/// <see cref="RtAdd"/> never allocates.
/// </summary>
public sealed class LoudnessHistogram
{
    /// <summary>Lowest loudness binned; readings at or below it are outside every gate (BS.1770 absolute gate −70).</summary>
    public const double Floor = -70.0;

    /// <summary>Bin width in LU.</summary>
    public const double BinWidth = 0.01;

    private const int BinCount = 10000; // −70 … +30; louder readings land in the top bin with their true values
    private readonly long[] _counts = new long[BinCount];
    private readonly double[] _energies = new double[BinCount];
    private readonly double[] _loudnessSums = new double[BinCount];
    private long _total;
    private double _totalEnergy;
    // The occupied bins lie in [_low, _high] (empty: _low > _high), so the gates walk only those: a programme's readings
    // span a few thousand of the ten thousand bins, and a live meter asks for its integrated loudness 30 times a second.
    private int _low = BinCount, _high = -1;
    // The last GatedLoudness result, valid while no reading was added or cleared (a gating block comes every 100 ms).
    private bool _gatedValid;
    private double _gatedOffset, _gated;

    /// <summary>Readings above the floor.</summary>
    public long Count => _total;

    /// <summary>Clears every bin.</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Array.Clear(_energies);
        Array.Clear(_loudnessSums);
        _total = 0;
        _totalEnergy = 0;
        _low = BinCount;
        _high = -1;
        _gatedValid = false;
    }

    /// <summary>
    /// Adds one reading: its weighted mean-square <paramref name="energy"/> and its loudness (−0.691 + 10 log10 energy).
    /// Readings not above <paramref name="absoluteGate"/> are discarded.
    /// </summary>
    public void RtAdd(double energy, double loudness, double absoluteGate = Floor)
    {
        if (!(loudness > absoluteGate)) return;
        int bin = (int)Math.Clamp((loudness - Floor) / BinWidth, 0, BinCount - 1);
        _counts[bin]++;
        _energies[bin] += energy;
        _loudnessSums[bin] += loudness;
        _total++;
        _totalEnergy += energy;
        _low = Math.Min(_low, bin);
        _high = Math.Max(_high, bin);
        _gatedValid = false;
    }

    /// <summary>
    /// Gated energy mean: mean energy of the readings whose bin loudness lies above <paramref name="relativeOffset"/>
    /// below the loudness of the mean of all readings; returns the gated loudness, or −∞ when nothing passes.
    /// With offset −10 LU this is BS.1770 integrated loudness. Kept until the next <see cref="RtAdd"/> or <see cref="Reset"/>
    /// (asked again for the same offset, it returns the kept value); one thread at a time, as the adds.
    /// </summary>
    public double GatedLoudness(double relativeOffset)
    {
        if (_total == 0) return double.NegativeInfinity;
        if (_gatedValid && BitConverter.DoubleToInt64Bits(_gatedOffset) == BitConverter.DoubleToInt64Bits(relativeOffset)) return _gated;
        double gate = LoudnessMath.EnergyToLoudness(_totalEnergy / _total) + relativeOffset;
        double energy = 0;
        long count = 0;
        for (int b = _low; b <= _high; b++)
        {
            if (_counts[b] == 0 || !(_loudnessSums[b] / _counts[b] > gate)) continue;
            energy += _energies[b];
            count += _counts[b];
        }
        _gated = count == 0 ? double.NegativeInfinity : LoudnessMath.EnergyToLoudness(energy / count);
        (_gatedValid, _gatedOffset) = (true, relativeOffset);
        return _gated;
    }

    /// <summary>
    /// EBU Tech 3342 loudness range of the short-term readings held: relative gate −20 LU below the power mean,
    /// then the 95th minus the 10th percentile by nearest rank; 0 when nothing passes.
    /// </summary>
    public double LoudnessRange()
    {
        if (_total == 0) return 0;
        double gate = LoudnessMath.EnergyToLoudness(_totalEnergy / _total) - 20;
        long n = 0;
        for (int b = _low; b <= _high; b++)
            if (_counts[b] > 0 && _loudnessSums[b] / _counts[b] >= gate) n += _counts[b];
        if (n == 0) return 0;
        double low = Percentile(gate, n, 10), high = Percentile(gate, n, 95);
        return high - low;
    }

    private double Percentile(double gate, long n, double percent)
    {
        // Nearest rank, 1-based: round((n − 1)·p/100 + 1), as EBU Tech 3342's reference code.
        long rank = (long)Math.Round((n - 1) * percent / 100 + 1, MidpointRounding.AwayFromZero);
        long seen = 0;
        for (int b = _low; b <= _high; b++)
        {
            if (_counts[b] == 0 || _loudnessSums[b] / _counts[b] < gate) continue;
            seen += _counts[b];
            if (seen >= rank) return _loudnessSums[b] / _counts[b];
        }
        return double.NegativeInfinity;
    }
}
