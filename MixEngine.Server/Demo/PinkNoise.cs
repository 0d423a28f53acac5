namespace MixEngine.Server.Demo;

/// <summary>
/// Seeded pink (−3 dB/octave) noise by the Voss–McCartney method: sixteen held random rows, row k redrawn every 2^k
/// samples, summed with a fresh white sample. Output stays within ±1. Value type; one instance per noise channel.
/// </summary>
internal struct PinkNoise
{
    private const int Rows = 16;
    private SeededNoise _random;
    private readonly double[] _rows;
    private double _sum;
    private uint _counter;

    /// <summary>Creates a pink noise source from <paramref name="seed"/>.</summary>
    public PinkNoise(ulong seed)
    {
        _random = new SeededNoise(seed);
        _rows = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            _rows[i] = _random.NextWhite();
            _sum += _rows[i];
        }
    }

    /// <summary>Next pink sample in [−1, 1].</summary>
    public double Next()
    {
        _counter++;
        int row = System.Numerics.BitOperations.TrailingZeroCount(_counter);
        if (row < Rows)
        {
            double fresh = _random.NextWhite();
            _sum += fresh - _rows[row];
            _rows[row] = fresh;
        }
        return (_sum + _random.NextWhite()) / (Rows + 1);
    }
}
