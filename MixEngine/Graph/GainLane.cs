using MixEngine.Automation;

namespace MixEngine.Graph;

/// <summary>
/// A gain-type lane as the plan plays it: its cursor fills a block-sized buffer of per-sample gains that one or more
/// strip gain stages multiply in (a level lane: 10^(dB/20); a mute lane: 1 or 0 with its fades).
/// <para>Thread rules: built on the control side by <see cref="AutomationPlayback"/>; <see cref="RtFill"/> runs once per
/// block before the stages that read <see cref="Buffer"/> begin it, on the thread that renders the lane's own strip (its
/// track's render worker, or the driver for bus and VCA lanes); never allocates, locks or throws.</para>
/// </summary>
internal sealed class GainLane(RtLaneCursor cursor, bool isSwitch, int blockSize)
{
    /// <summary>The gains of the current block (the first count samples are valid after <see cref="RtFill"/>).</summary>
    public readonly double[] Buffer = new double[blockSize];

    /// <summary>True for a mute lane (gains 1 or 0 with fades), false for a level lane.</summary>
    public readonly bool Switch = isSwitch;

    /// <summary>The lane's cursor.</summary>
    public RtLaneCursor Cursor => cursor;

    /// <summary>Fills the gains of samples [<paramref name="position"/>, +<paramref name="count"/>). Rt (see the thread rules).</summary>
    public void RtFill(long position, int count)
    {
        var span = Buffer.AsSpan(0, count);
        if (Switch) cursor.RtFillSwitchGain(position, span);
        else cursor.RtFillGain(position, span);
    }

    /// <summary>
    /// Writes <paramref name="source"/> × the level lane's gains of samples <paramref name="position"/> onwards into
    /// <paramref name="destination"/> without filling <see cref="Buffer"/> (bit-identical to filling it and multiplying).
    /// Rt (see the thread rules).
    /// </summary>
    public void RtApply(long position, ReadOnlySpan<double> source, Span<double> destination) => cursor.RtApplyGain(position, source, destination);
}
