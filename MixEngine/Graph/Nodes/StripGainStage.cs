using MixEngine.Dsp;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// The gain part of a track or bus strip, resolved from the session: input gain (trim × polarity sign) before the
/// pre-fader tap and output gain (fader + VCA faders, in dB, as one linear gain) after it; mute (own, VCA or implicit
/// solo mute) silences the whole strip including pre-fader sends. Gains are held per stage so a later automation
/// cursor can replace a constant with a per-sample gain path (<see cref="GainStage.RtScale(Span{double}, ReadOnlySpan{double})"/>)
/// without changing the node. Immutable after the plan is built; Rt methods never allocate, lock or throw.
/// </summary>
public sealed class StripGainStage
{
    /// <summary>Creates the stage from resolved linear gains; control side.</summary>
    public StripGainStage(double inputGain, double outputGain, bool muted)
    {
        InputGain = inputGain;
        OutputGain = outputGain;
        Muted = muted;
    }

    /// <summary>Trim × polarity (−1 when inverted), applied before the pre-fader tap.</summary>
    public double InputGain { get; }

    /// <summary>Fader × VCA gain, applied after the pre-fader tap.</summary>
    public double OutputGain { get; }

    /// <summary>True when the strip is muted (own mute, a VCA mute, or implicitly by another strip's solo).</summary>
    public bool Muted { get; }

    /// <summary>
    /// Applies the stage to one channel: <paramref name="pre"/> *= input gain (the pre-fader tap), then
    /// <paramref name="post"/> = pre × output gain (in place when both are the same array). Rt.
    /// </summary>
    public void RtProcess(double[] pre, double[] post, int count)
    {
        var preSpan = pre.AsSpan(0, count);
        GainStage.RtScale(preSpan, InputGain);
        if (ReferenceEquals(pre, post)) GainStage.RtScale(preSpan, OutputGain);
        else GainStage.RtScale(preSpan, post.AsSpan(0, count), OutputGain);
    }
}
