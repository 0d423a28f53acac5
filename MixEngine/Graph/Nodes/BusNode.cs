using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// A bus in the plan: sums its feeders channel by channel in a fixed order (tracks in session order, then buses in
/// session order; each source's main output before its sends), then runs its strip. Channels are independent, so a
/// block's work on a bus is one item per channel. Rt methods never allocate, lock or throw.
/// </summary>
public sealed class BusNode : MixNode
{
    private MixContribution[] _feeders = [];

    /// <summary>Allocates the bus's buffers; control side.</summary>
    public BusNode(string id, string name, ChannelLayout layout, StripGainStage strip, bool separatePreFaderTap, int blockSize, int level)
        : base(id, name, layout, strip, separatePreFaderTap, blockSize)
    {
        Level = level;
    }

    /// <summary>Topological level: 0 when no bus feeds it, else one more than its deepest feeding bus.</summary>
    public int Level { get; }

    /// <summary>The contributions summed into this bus, in summing order.</summary>
    public IReadOnlyList<MixContribution> Feeders => _feeders;

    /// <summary>Sets the feeders in summing order; control side, while the plan is built.</summary>
    internal void SetFeeders(MixContribution[] feeders) => _feeders = feeders;

    /// <summary>Starts the block of the strip and of the pans it feeds, and decides, before the bus's channels run, whether the bus is silent this block (muted, or every feeder silent). Rt.</summary>
    public void RtBeginBlock(int count)
    {
        bool silent = true;
        RtBeginPans(count);
        Strip.RtBeginBlock(count);
        if (!Strip.RtSilent)
        {
            foreach (var f in _feeders)
            {
                if (!f.Source.RtSilent)
                {
                    silent = false;
                    break;
                }
            }
        }
        RtSilent = silent;
    }

    /// <summary>Sums and processes channel <paramref name="channel"/> for <paramref name="count"/> samples; zeros when silent. Rt.</summary>
    public void RtProcessChannel(int channel, int count)
    {
        var pre = PreFaderBuffers[channel];
        var post = PostFaderBuffers[channel];
        var sum = pre.AsSpan(0, count);
        sum.Clear();
        if (RtSilent)
        {
            if (!ReferenceEquals(pre, post)) Array.Clear(post, 0, count);
            return;
        }
        foreach (var f in _feeders)
            if (!f.Source.RtSilent) f.RtAccumulate(channel, sum);
        Strip.RtProcess(pre, post, count);
    }
}
