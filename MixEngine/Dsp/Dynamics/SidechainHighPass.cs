namespace MixEngine.Dsp.Dynamics;

/// <summary>
/// Second-order Butterworth high-pass (RBJ cookbook, Q = 1/√2) on a dynamics kernel's detector path, one state pair per
/// detector channel, so low-frequency energy does not drive gain reduction. Prepare allocates; the rest is Rt-safe.
/// </summary>
internal sealed class SidechainHighPass
{
    private double _b0, _b1, _b2, _a1, _a2;
    private double[] _z1 = [], _z2 = [];

    /// <summary>Whether the filter runs (a cutoff above 0 Hz was set).</summary>
    public bool Enabled { get; private set; }

    /// <summary>Allocates state for <paramref name="channels"/> detector channels (control side).</summary>
    public void Prepare(int channels)
    {
        _z1 = new double[channels];
        _z2 = new double[channels];
    }

    /// <summary>Sets the cutoff; 0 or less bypasses the filter (audio thread allowed, no allocation).</summary>
    public void RtSetCutoff(double hz, int sampleRate)
    {
        double nyquistSafe = 0.45 * sampleRate;
        if (!(hz > 0.0)) { Enabled = false; return; }
        hz = Math.Min(hz, nyquistSafe);
        double w = 2.0 * Math.PI * hz / sampleRate;
        double cos = Math.Cos(w), alpha = Math.Sin(w) / (2.0 * Math.Sqrt(0.5));
        double a0 = 1.0 + alpha;
        _b0 = (1.0 + cos) * 0.5 / a0;
        _b1 = -(1.0 + cos) / a0;
        _b2 = _b0;
        _a1 = -2.0 * cos / a0;
        _a2 = (1.0 - alpha) / a0;
        Enabled = true;
    }

    /// <summary>Filters one detector sample of channel <paramref name="c"/> (transposed direct form II; Rt-safe).</summary>
    public double RtTick(int c, double x)
    {
        double y = _b0 * x + _z1[c];
        _z1[c] = _b1 * x - _a1 * y + _z2[c];
        _z2[c] = _b2 * x - _a2 * y;
        return y;
    }

    /// <summary>Clears the filter state (Reset).</summary>
    public void Clear()
    {
        Array.Clear(_z1);
        Array.Clear(_z2);
    }
}
