namespace MixEngine.Server.Demo;

/// <summary>
/// A second-order IIR section (direct form I) whose coefficients may be retuned every sample, used by the demo
/// sound generators for formants, band-passed noise and tone shaping. The designs are the bilinear-transform
/// band-pass (0 dB at the centre), low-pass and high-pass of the audio-EQ cookbook formulas; state is kept in the struct.
/// </summary>
internal struct Resonator
{
    private double _b0, _b1, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    /// <summary>Retunes to a band-pass with unity gain at <paramref name="centreHz"/> and quality <paramref name="q"/>.</summary>
    public void SetBandPass(double centreHz, double q, int sampleRate)
    {
        double w = 2 * Math.PI * Math.Clamp(centreHz, 1.0, 0.45 * sampleRate) / sampleRate;
        double alpha = Math.Sin(w) / (2 * q);
        double a0 = 1 + alpha;
        _b0 = alpha / a0;
        _b1 = 0;
        _b2 = -alpha / a0;
        _a1 = -2 * Math.Cos(w) / a0;
        _a2 = (1 - alpha) / a0;
    }

    /// <summary>Retunes to a low-pass at <paramref name="cornerHz"/> with quality <paramref name="q"/> (0.707 = Butterworth).</summary>
    public void SetLowPass(double cornerHz, double q, int sampleRate)
    {
        double w = 2 * Math.PI * Math.Clamp(cornerHz, 1.0, 0.45 * sampleRate) / sampleRate;
        double alpha = Math.Sin(w) / (2 * q);
        double cos = Math.Cos(w);
        double a0 = 1 + alpha;
        _b0 = (1 - cos) / 2 / a0;
        _b1 = (1 - cos) / a0;
        _b2 = _b0;
        _a1 = -2 * cos / a0;
        _a2 = (1 - alpha) / a0;
    }

    /// <summary>Retunes to a high-pass at <paramref name="cornerHz"/> with quality <paramref name="q"/>.</summary>
    public void SetHighPass(double cornerHz, double q, int sampleRate)
    {
        double w = 2 * Math.PI * Math.Clamp(cornerHz, 1.0, 0.45 * sampleRate) / sampleRate;
        double alpha = Math.Sin(w) / (2 * q);
        double cos = Math.Cos(w);
        double a0 = 1 + alpha;
        _b0 = (1 + cos) / 2 / a0;
        _b1 = -(1 + cos) / a0;
        _b2 = _b0;
        _a1 = -2 * cos / a0;
        _a2 = (1 - alpha) / a0;
    }

    /// <summary>Filters one sample.</summary>
    public double Process(double x)
    {
        double y = _b0 * x + _b1 * _x1 + _b2 * _x2 - _a1 * _y1 - _a2 * _y2;
        _x2 = _x1;
        _x1 = x;
        _y2 = _y1;
        _y1 = y;
        return y;
    }
}
