namespace MixEngine.Session;

/// <summary>
/// The "audioFader" taper of <see cref="ParameterDescriptor"/>, the one fader law shared by the control facade's
/// normalized values and every surface (OSC <c>/fader</c> positions, MCU/HUI 14-bit faders): a position 0..1
/// maps to gain in dB with +12 dB at the top, unity (0 dB) at <see cref="UnityPosition"/> and -inf at the bottom.
/// Piecewise linear in dB between the breakpoints below (dB per unit of travel: 48 above unity, then 40, 50, 133.3,
/// 200), and linear in amplitude from -60 dB down to silence at 0, so the law is continuous, strictly increasing and
/// exactly invertible. Unity sits on 14-bit value 12288 = 0x3000, a multiple of 16, so 10-bit motor faders hold it
/// without hunting. Pure; any thread; allocates nothing.
/// </summary>
public static class FaderTaper
{
    /// <summary>Gain at the top of travel, in dB.</summary>
    public const double MaxDecibels = 12.0;

    /// <summary>The 14-bit fader value of unity gain (0x3000).</summary>
    public const int UnityMidi14 = 12288;

    /// <summary>The position of unity gain (12288 / 16383, just above 3/4 of travel).</summary>
    public const double UnityPosition = UnityMidi14 / 16383.0;

    // Breakpoints from the top down: (position, dB). Below the last one the amplitude falls linearly to 0.
    private static readonly (double Position, double Decibels)[] Breakpoints =
    [
        (1.0, MaxDecibels),
        (UnityPosition, 0.0),
        (0.5, -10.0),
        (0.3, -20.0),
        (0.15, -40.0),
        (0.05, -60.0),
    ];

    private const double FloorPosition = 0.05;
    private const double FloorDecibels = -60.0;

    /// <summary>Gain in dB for a position (clamped to 0..1); -inf at 0.</summary>
    public static double ToDecibels(double position)
    {
        if (double.IsNaN(position)) throw new ArgumentException("fader position is NaN", nameof(position));
        position = Math.Clamp(position, 0.0, 1.0);
        if (position < FloorPosition)
            return position == 0.0 ? double.NegativeInfinity : FloorDecibels + 20.0 * Math.Log10(position / FloorPosition);
        for (int i = 1; i < Breakpoints.Length; i++)
        {
            var (p0, d0) = Breakpoints[i];
            if (position >= p0)
            {
                var (p1, d1) = Breakpoints[i - 1];
                return d0 + (position - p0) * (d1 - d0) / (p1 - p0);
            }
        }
        return FloorDecibels;
    }

    /// <summary>The position for a gain in dB (above +12 dB clamps to 1, -inf to 0).</summary>
    public static double ToPosition(double decibels)
    {
        if (double.IsNaN(decibels)) throw new ArgumentException("gain is NaN", nameof(decibels));
        if (decibels >= MaxDecibels) return 1.0;
        if (decibels < FloorDecibels)
            return double.IsNegativeInfinity(decibels) ? 0.0 : FloorPosition * Math.Pow(10.0, (decibels - FloorDecibels) / 20.0);
        for (int i = 1; i < Breakpoints.Length; i++)
        {
            var (p0, d0) = Breakpoints[i];
            if (decibels >= d0)
            {
                var (p1, d1) = Breakpoints[i - 1];
                return p0 + (decibels - d0) * (p1 - p0) / (d1 - d0);
            }
        }
        return FloorPosition;
    }

    /// <summary>The 14-bit fader value (0..16383) nearest a position.</summary>
    public static int ToMidi14(double position) => (int)Math.Round(Math.Clamp(position, 0.0, 1.0) * 16383.0, MidpointRounding.AwayFromZero);

    /// <summary>The position of a 14-bit fader value (0..16383).</summary>
    public static double FromMidi14(int value)
    {
        if ((uint)value > 0x3FFF) throw new ArgumentOutOfRangeException(nameof(value), value, "a 14-bit fader value is 0..16383");
        return value / 16383.0;
    }
}
