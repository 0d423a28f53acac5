using System.Numerics;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// Bands whose gain, frequency or Q follow a control curve (an automation lane as played): the kernel reads each
/// followed curve itself at the first sample of every control period (its own timeline clock, set at each block start
/// by <see cref="RtSetPosition"/>) and sets the band as <see cref="RtSetBand"/> would, so the value enters the usual
/// glide, redesign and coefficient ramp at a position that depends on the timeline alone: any block split renders the
/// same samples and no driver cuts blocks for it. While a band follows, control periods run even when nothing moves
/// (a flat lane costs one curve read per period), every <see cref="GainPeriod"/> samples at rest.
/// Threads: <see cref="Follow"/> on the control side before processing; the curves are read on the thread that runs
/// the kernel.
/// </summary>
public sealed partial class ParametricEq
{
    private readonly IControlCurve?[] _curves = new IControlCurve?[MaxBands * 3];
    private int _followers;
    private bool _following;
    private long _clock;

    /// <summary>Makes <paramref name="parameter"/> of band <paramref name="index"/> (0..7) follow <paramref name="curve"/>; control side, before processing.</summary>
    public void Follow(int index, EqParameter parameter, IControlCurve curve)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)MaxBands, nameof(index));
        RtReclaim();
        _curves[index * 3 + (int)parameter] = curve;
        _followers |= 1 << index;
        _following = true;
    }

    /// <summary>True when a band follows a curve.</summary>
    public bool Following => _following;

    /// <summary>Sets the timeline position of the next sample processed (the block's start). Audio thread, before the block.</summary>
    public void RtSetPosition(long position) => _clock = position;

    // At the start of a control period: every followed band takes its curves' values at the period's first sample. A
    // band that follows its gain alone (gain automation) takes the value straight into its target (RtSetGain). Only the
    // bands that follow a curve are visited (a period of a 128-track reel's kernel then touches no other band's entries).
    private void RtReadCurves()
    {
        for (int followers = _followers; followers != 0; followers &= followers - 1)
        {
            int b = BitOperations.TrailingZeroCount(followers);
            var gain = _curves[b * 3 + (int)EqParameter.Gain];
            var frequency = _curves[b * 3 + (int)EqParameter.Frequency];
            var q = _curves[b * 3 + (int)EqParameter.Q];
            if (frequency is null && q is null)
            {
                if (gain is not null) RtSetGain(b, gain.RtValueAt(_clock));
                continue;
            }
            var band = _bands[b].Target;
            if (gain is not null) band = band with { GainDb = gain.RtValueAt(_clock) };
            if (frequency is not null) band = band with { FrequencyHz = frequency.RtValueAt(_clock) };
            if (q is not null) band = band with { Q = q.RtValueAt(_clock) };
            RtSetBand(b, band);
        }
    }
}
