using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// A bus in the plan: sums its feeders channel by channel in a fixed order (tracks in session order, then buses in
/// session order; each source's main output before its sends), then runs its strip. Channels are independent, so a
/// block's work on a bus is one item per channel; inserted processing (linked over the channels) is one more item per
/// bus after them (<see cref="RtProcessChain"/>). Rt methods never allocate, lock or throw.
/// </summary>
public sealed class BusNode : MixNode
{
    private MixContribution[] _feeders = [];
    private bool _chainIdle = true;

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

    /// <summary>Starts block [<paramref name="position"/>, +<paramref name="count"/>) of the strip and of the pans it feeds, and decides, before the bus's channels run, whether the bus is silent this block (muted, or every feeder silent). Rt.</summary>
    public void RtBeginBlock(long position, int count)
    {
        bool silent = true;
        RtBeginLanes(position, count);
        Strip.RtBeginBlock(count);
        if (!Strip.RtSilent)
        {
            // Inserted processing runs on silence too (tails, look-ahead), so only a muted bus with a chain is silent.
            silent = Chain is null;
            foreach (var f in _feeders)
            {
                if (!f.RtSilent)
                {
                    silent = false;
                    break;
                }
            }
        }
        else if (Chain is not null && !_chainIdle)
        {
            Chain.RtReset();
            _chainIdle = true;
        }
        RtSilent = silent;
        RtBeginDelays(count);
    }

    /// <summary>Sums and processes channel <paramref name="channel"/> for <paramref name="count"/> samples; zeros when silent. Rt.</summary>
    public void RtProcessChannel(int channel, int count) => RtProcessChannels(channel, channel + 1, count);

    /// <summary>
    /// Sums and processes channels <paramref name="first"/> … <paramref name="end"/> − 1 for <paramref name="count"/>
    /// samples (zeros when silent), feeder by feeder: each feeder's silence and buffers are looked at once for all the
    /// channels, and every channel still adds its feeders in the fixed order, so the sums are those of
    /// <see cref="RtProcessChannel"/> bit for bit. Rt.
    /// </summary>
    public void RtProcessChannels(int first, int end, int count)
    {
        for (int c = first; c < end; c++) PreFaderBuffers[c].AsSpan(0, count).Clear();
        if (RtSilent)
        {
            for (int c = first; c < end; c++)
            {
                if (!ReferenceEquals(PreFaderBuffers[c], PostFaderBuffers[c])) Array.Clear(PostFaderBuffers[c], 0, count);
                RtFillDelays(c, count);
            }
            return;
        }
        foreach (var f in _feeders)
            if (!f.RtSilent) f.RtAccumulate(first, end, PreFaderBuffers, count);
        for (int c = first; c < end; c++)
        {
            if (Chain is not null)
            {
                Strip.RtProcessInput(PreFaderBuffers[c], count);
                continue;
            }
            Strip.RtProcess(PreFaderBuffers[c], PostFaderBuffers[c], count);
            RtFillDelays(c, count);
        }
    }

    /// <summary>
    /// Runs the bus's inserted processing on all its channels together (linked), then the fader stage and the delays fed
    /// from the bus; after every <see cref="RtProcessChannel"/> of the block, when the bus has a chain and is not silent. Rt.
    /// </summary>
    public void RtProcessChain(int count)
    {
        if (RtSilent || Chain is null) return;
        Chain.RtProcess(PreFaderBuffers, count, RtKey());
        _chainIdle = false;
        for (int c = 0; c < Layout.ChannelCount; c++)
        {
            Strip.RtProcessOutput(PreFaderBuffers[c], PostFaderBuffers[c], count);
            RtFillDelays(c, count);
        }
    }
}
