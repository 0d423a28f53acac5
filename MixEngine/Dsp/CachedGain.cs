namespace MixEngine.Dsp;

/// <summary>
/// <see cref="Decibels.ToGain"/> of a value that rarely changes, asked for every block: the last value and its gain are
/// kept, so a held trim or fader costs a compare instead of a <see cref="Math.Pow(double, double)"/>. The same bits as
/// <see cref="Decibels.ToGain"/> (the value is compared bit for bit). A mutable struct: keep it in a field and call
/// <see cref="Of"/> on the field. Used on the thread that owns the field; no allocation.
/// </summary>
public struct CachedGain
{
    private long _dbBits;
    private double _gain;
    private bool _known;

    /// <summary>The linear gain of <paramref name="db"/> decibels (<see cref="Decibels.ToGain"/>), computed only when it differs from the last value asked for. Rt.</summary>
    public double Of(double db)
    {
        long bits = BitConverter.DoubleToInt64Bits(db);
        if (_known && bits == _dbBits) return _gain;
        _gain = Decibels.ToGain(db);
        _dbBits = bits;
        _known = true;
        return _gain;
    }
}
