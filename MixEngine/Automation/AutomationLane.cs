namespace MixEngine.Automation;

/// <summary>
/// The automation of one parameter: its address (name form, as the catalog lists it), the main curve, the trim curve
/// (dB offsets added to the main curve; trimmable parameters only) and an optional mode of its own that overrides the
/// mode of its track, bus or VCA. Immutable; any thread.
/// </summary>
/// <param name="Address">Parameter address in name form (<c>track/DX 1/fader</c>).</param>
/// <param name="Curve">Main curve in the parameter's unit.</param>
/// <param name="Trim">Trim curve in dB (empty when none).</param>
/// <param name="Mode">The parameter's own mode, or null to follow its strip.</param>
public sealed record AutomationLane(string Address, AutomationCurve Curve, AutomationCurve Trim, AutomationModeSetting? Mode = null)
{
    /// <summary>True when the lane drives playback in <paramref name="mode"/>: it has points and the mode is not Off.</summary>
    public bool Plays(AutomationModeSetting mode) => mode.Mode != AutomationMode.Off && (!Curve.IsEmpty || !Trim.IsEmpty);

    /// <summary>The played value at <paramref name="position"/>: main curve (or <paramref name="staticValue"/> when empty) plus trim.</summary>
    public double ValueAt(long position, double staticValue) =>
        Curve.ValueAt(position, staticValue) + Trim.ValueAt(position, 0.0);
}
