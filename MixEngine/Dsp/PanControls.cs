namespace MixEngine.Dsp;

/// <summary>
/// Every control of the box panner for one mono or stereo source (room-centric cartesian, as ADM): X −1 left … +1 right,
/// Y −1 back … +1 front, Z 0 ear level … 1 top. A plain value; any thread.
/// </summary>
/// <param name="X">Left/right position.</param>
/// <param name="Y">Back/front position.</param>
/// <param name="Z">Height; ignored when <paramref name="Height"/> is off or the destination has no height speakers.</param>
/// <param name="Width">Stereo sources: each channel sits Width room units from the position (0 both at it, 1 full spread).</param>
/// <param name="RotationDegrees">Stereo sources: the channel pair turned clockwise seen from above (90 puts the left channel in front).</param>
/// <param name="Divergence">Size of the source: 0 a point; d spreads it evenly over the box ±d in X and Y and ±d/2 in Z.</param>
/// <param name="LfeDb">LFE send in dB (−∞ off); the LFE channel receives only this, never a pan share.</param>
/// <param name="Height">False pans onto the ear-level speakers only (Z ignored, height speakers never fed).</param>
/// <param name="Law">Centre attenuation between the two speakers of a stereo destination.</param>
public readonly record struct PanControls(
    double X, double Y, double Z, double Width, double RotationDegrees, double Divergence, double LfeDb, bool Height, PanLaw Law)
{
    /// <summary>Front centre, ear level, full width, no rotation, a point source, no LFE, heights on, equal power.</summary>
    public static readonly PanControls Default = new(0, 1, 0, 1, 0, 0, double.NegativeInfinity, true, PanLaw.EqualPower);
}
