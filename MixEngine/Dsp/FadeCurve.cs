using MixEngine.Session;

namespace MixEngine.Dsp;

/// <summary>
/// Clip fade gain laws, evaluated per sample from the sample's absolute position inside the clip, so the result does
/// not depend on how the timeline is cut into blocks. Pure functions; any thread, including Rt code.
/// <para>
/// A fade-in of length L gives sample i (0 ≤ i &lt; L, counted from the clip start) the gain law(i / L): the first
/// sample is silent and sample L is the first at full gain. A fade-out is the mirror image: the sample k samples before
/// the clip's last sample (k = 0 for the last) gets law(k / L), so the last sample is silent. Laws, for t in [0, 1]:
/// linear t; equal power sin(πt/2); S-curve (1 − cos πt)/2. Outside both fades the gain is exactly 1.0.
/// </para>
/// </summary>
public static class FadeCurve
{
    /// <summary>The rising law for progress <paramref name="t"/> in [0, 1] (clamped); exactly 0 at 0 and 1 at 1.</summary>
    public static double Law(FadeShape shape, double t)
    {
        if (t <= 0.0) return 0.0;
        if (t >= 1.0) return 1.0;
        return shape switch
        {
            FadeShape.EqualPower => Math.Sin(0.5 * Math.PI * t),
            FadeShape.SCurve => 0.5 * (1.0 - Math.Cos(Math.PI * t)),
            _ => t,
        };
    }

    /// <summary>Gain of the fade-in at <paramref name="sampleInClip"/> (1.0 at and after the fade's end); any thread.</summary>
    public static double FadeInGain(Fade fade, long sampleInClip)
    {
        if (sampleInClip >= fade.Length) return 1.0;
        return Law(fade.Shape, (double)sampleInClip / fade.Length);
    }

    /// <summary>Gain of the fade-out at <paramref name="sampleInClip"/> of a clip <paramref name="clipLength"/> long (1.0 before the fade); any thread.</summary>
    public static double FadeOutGain(Fade fade, long sampleInClip, long clipLength)
    {
        long fromEnd = clipLength - 1 - sampleInClip;
        if (fromEnd >= fade.Length) return 1.0;
        return Law(fade.Shape, (double)fromEnd / fade.Length);
    }

    /// <summary>
    /// Writes clip gain × fade-in × fade-out for <paramref name="gains"/>.Length samples starting at
    /// <paramref name="firstSampleInClip"/>; Rt-safe (no allocation).
    /// </summary>
    public static void RtFillClipGains(Fade fadeIn, Fade fadeOut, double clipGain, long firstSampleInClip, long clipLength, Span<double> gains)
    {
        for (int i = 0; i < gains.Length; i++)
        {
            long s = firstSampleInClip + i;
            gains[i] = clipGain * FadeInGain(fadeIn, s) * FadeOutGain(fadeOut, s, clipLength);
        }
    }
}
