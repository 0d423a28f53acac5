namespace MixEngine.Dsp.Loudness;

/// <summary>
/// K-weights each channel of a multichannel signal and returns the channel-weighted sum of squares (Σ Gᵢ Σₙ yᵢ[n]²),
/// the quantity BS.1770 averages into block energies. Channels weighted 0 (LFE) are skipped. Construct on the control
/// side; <see cref="RtSumOfSquares"/> runs on one thread at a time and never allocates.
/// </summary>
public sealed class WeightedEnergy
{
    private readonly double[] _weights;
    private readonly KWeightingFilter[] _filters;

    /// <summary>Creates the filters for <paramref name="weights"/>.Length channels at <paramref name="sampleRate"/> Hz.</summary>
    public WeightedEnergy(int sampleRate, IReadOnlyList<double> weights)
    {
        _weights = weights.ToArray();
        _filters = _weights.Select(_ => new KWeightingFilter(sampleRate)).ToArray();
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
        double sum = 0;
        for (int c = 0; c < _weights.Length; c++)
            if (_weights[c] != 0) sum += _weights[c] * _filters[c].RtProcessSquaredSum(new ReadOnlySpan<double>(channels[c], offset, count));
        return sum;
    }
}
