namespace MixEngine.Automation;

/// <summary>
/// How an automation curve moves from one breakpoint to the next (the shape belongs to the segment that starts at the
/// point carrying it). Values are interpolated in the parameter's natural unit, so a "linear" fader segment is linear in
/// dB (dB-linear); a level segment with a −∞ dB end is interpolated linearly in amplitude instead.
/// </summary>
public enum SegmentShape
{
    /// <summary>Straight line in the natural unit (dB-linear for levels).</summary>
    Linear,

    /// <summary>Holds the start value until the next point (switches always step).</summary>
    Step,

    /// <summary>Raised-cosine S-curve: (1 − cos πt)/2 of the way from start to end.</summary>
    SCurve,
}
