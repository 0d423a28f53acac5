namespace MixEngine.Dsp.Loudness;

/// <summary>
/// K-weights each channel of a multichannel signal and returns the channel-weighted sum of squares (Σ Gᵢ Σₙ yᵢ[n]²),
/// the quantity BS.1770 averages into block energies. Channels weighted 0 (LFE) are skipped; the others are filtered
/// four at a time as vector lanes (<see cref="KWeightingFilter.RtProcessSquaredSums"/>, bit-identical to one by one)
/// and their sums added in channel order. Construct on the control side; <see cref="RtSumOfSquares"/> runs on one thread at a time and never allocates.
/// </summary>
public sealed class WeightedEnergy
{
    private readonly double[] _weights;
    private readonly KWeightingFilter[] _filters;
    private readonly int[] _weighted; // the channels with a weight other than 0, in order
    private readonly double[] _sums;

    /// <summary>Creates the filters for <paramref name="weights"/>.Length channels at <paramref name="sampleRate"/> Hz.</summary>
    public WeightedEnergy(int sampleRate, IReadOnlyList<double> weights)
    {
        _weights = weights.ToArray();
        _filters = _weights.Select(_ => new KWeightingFilter(sampleRate)).ToArray();
        _weighted = Enumerable.Range(0, _weights.Length).Where(c => _weights[c] != 0).ToArray();
        _sums = new double[_weights.Length];
    }

    /// <summary>Number of channels.</summary>
    public int ChannelCount => _weights.Length;

    /// <summary>Clears the filter memories.</summary>
    public void Reset()
    {
        foreach (var f in _filters) f.Reset();
    }

    /// <summary>Filters <paramref name="count"/> frames of <c>channels[c][offset ..]</c> and returns their weighted sum of squares.</summary>
    public double RtSumOfSquares(double[][] channels, int offset, int count)
    {
        var weighted = _weighted.AsSpan();
        int k = 0;
        for (; k + 4 <= weighted.Length; k += 4)
        {
            var four = KWeightingFilter.RtProcessSquaredSums(_filters, weighted.Slice(k, 4), channels, offset, count);
            for (int j = 0; j < 4; j++) _sums[weighted[k + j]] = four[j];
        }
        for (; k < weighted.Length; k++)
            _sums[weighted[k]] = _filters[weighted[k]].RtProcessSquaredSum(new ReadOnlySpan<double>(channels[weighted[k]], offset, count));
        double sum = 0;
        foreach (int c in weighted) sum += _weights[c] * _sums[c];
        return sum;
    }
}
