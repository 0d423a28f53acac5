using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The live pan controls of one track or bus strip (x, y, z, width, rotation, divergence, LFE send, height): the
/// targets every panned contribution of the strip follows. Setting a control stores the clamped value and bumps
/// <see cref="Version"/>; each <see cref="PanRamp"/> notices the change at its next block start, recomputes its gains
/// and ramps to them, so nothing here computes gains. A strip with three or more channels keeps a stage too (so its
/// addresses exist) but no contribution reads it.
/// <para>Thread rules: construction is control side; <c>RtSet*</c> run on the driver thread between blocks;
/// <see cref="Controls"/> and <see cref="Version"/> are read by render workers after the driver's block start. Nothing
/// allocates, locks or throws; a NaN value is ignored.</para>
/// </summary>
public sealed class PanStage
{
    private PanControls _controls;

    /// <summary>Creates the stage at the session's pan settings; control side.</summary>
    public PanStage(PanControls controls)
    {
        _controls = controls;
    }

    /// <summary>The current targets.</summary>
    public PanControls Controls => _controls;

    /// <summary>Counts changes; a contribution recomputes its gains when it differs from the count it last saw.</summary>
    public int Version { get; private set; }

    /// <summary>Sets X (−1 left … +1 right, clamped). Driver thread, between blocks.</summary>
    public void RtSetX(double x) => RtChange(x, -1, 1, static (c, v) => c with { X = v });

    /// <summary>Sets Y (−1 back … +1 front, clamped). Driver thread, between blocks.</summary>
    public void RtSetY(double y) => RtChange(y, -1, 1, static (c, v) => c with { Y = v });

    /// <summary>Sets Z (0 ear level … 1 top, clamped). Driver thread, between blocks.</summary>
    public void RtSetZ(double z) => RtChange(z, 0, 1, static (c, v) => c with { Z = v });

    /// <summary>Sets the stereo width (0 … 1, clamped). Driver thread, between blocks.</summary>
    public void RtSetWidth(double width) => RtChange(width, 0, 1, static (c, v) => c with { Width = v });

    /// <summary>Sets the stereo rotation in degrees (−180 … +180, clamped). Driver thread, between blocks.</summary>
    public void RtSetRotation(double degrees) => RtChange(degrees, -180, 180, static (c, v) => c with { RotationDegrees = v });

    /// <summary>Sets the divergence (0 point … 1 room-sized, clamped). Driver thread, between blocks.</summary>
    public void RtSetDivergence(double divergence) => RtChange(divergence, 0, 1, static (c, v) => c with { Divergence = v });

    /// <summary>Sets the LFE send in dB (−∞ … +12, clamped). Driver thread, between blocks.</summary>
    public void RtSetLfe(double decibels) => RtChange(decibels, double.NegativeInfinity, 12, static (c, v) => c with { LfeDb = v });

    /// <summary>Turns the height speakers on (value ≥ 0.5) or off. Driver thread, between blocks.</summary>
    public void RtSetHeight(double on) => RtChange(on >= 0.5 ? 1 : 0, 0, 1, static (c, v) => c with { Height = v >= 0.5 });

    private void RtChange(double value, double min, double max, Func<PanControls, double, PanControls> apply)
    {
        if (double.IsNaN(value)) return;
        var next = apply(_controls, Math.Clamp(value, min, max));
        if (next == _controls) return;
        _controls = next;
        Version++;
    }
}
