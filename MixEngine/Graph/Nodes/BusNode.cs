using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// A bus in the plan: sums its feeders channel by channel in a fixed order (tracks in session order, then buses in
/// session order; each source's main output before its sends), then runs its strip. Channels are independent, so a
/// block's work on a bus is one item per channel; inserted processing (linked over the channels) is one more item per
/// bus after them (<see cref="RtProcessChain"/>). Rt methods never allocate, lock or throw.
/// <para>A bus with at least <see cref="SplitFeeders"/> feeders sums them in two parts: the first half of the feeders
/// into the bus, the second half into a buffer of its own, then adds that buffer (<see cref="RtSumPart"/>,
/// <see cref="RtFinishChannels"/>). The order is fixed by the feeder count alone, so the bits still do not depend on
/// the thread count or the block size. It lets a render team sum each half on the thread that tends to have rendered
/// those tracks (the driver takes a phase's items from the front, the workers from the end), so the tracks' buffers
/// are not read by the other core, whose copies the next block's first write would have to take back.</para>
/// </summary>
public sealed class BusNode : MixNode
{
    /// <summary>Feeders from which a bus sums them in two parts.</summary>
    public const int SplitFeeders = 32;

    private MixContribution[] _feeders = [];
    private bool _chainIdle = true;
    private int _split;
    private double[][] _partial = [];

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

    /// <summary>Sets the feeders in summing order (and whether they are summed in two parts); control side, while the plan is built.</summary>
    internal void SetFeeders(MixContribution[] feeders)
    {
        _feeders = feeders;
        _split = feeders.Length >= SplitFeeders ? feeders.Length / 2 : 0;
        _partial = [];
        if (_split == 0) return;
        _partial = new double[Layout.ChannelCount][];
        for (int c = 0; c < _partial.Length; c++) _partial[c] = new double[PreFaderBuffers[c].Length];
    }

    /// <summary>True when the feeders are summed in two parts (<see cref="SplitFeeders"/>).</summary>
    public bool SumsInParts => _split > 0;

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
        RtSumPart(0, first, end, count);
        if (_split > 0) RtSumPart(1, first, end, count);
        RtFinishChannels(first, end, count);
    }

    /// <summary>
    /// Sums part <paramref name="part"/> of the feeders into channels <paramref name="first"/> … <paramref name="end"/> − 1:
    /// part 0 (all of them when the bus does not sum in parts) into the bus, part 1 into the bus's second buffer; the two
    /// parts of a channel may run at once on different threads. <see cref="RtFinishChannels"/> follows once both ran. Rt.
    /// </summary>
    public void RtSumPart(int part, int first, int end, int count)
    {
        var target = part == 0 ? PreFaderBuffers : _partial;
        for (int c = first; c < end; c++) target[c].AsSpan(0, count).Clear();
        if (RtSilent) return;
        var feeders = _feeders;
        int from = part == 0 ? 0 : _split, to = part == 0 && _split > 0 ? _split : feeders.Length;
        for (int f = from; f < to; f++)
            if (!feeders[f].RtSilent) feeders[f].RtAccumulate(first, end, target, count);
    }

    /// <summary>
    /// Completes channels <paramref name="first"/> … <paramref name="end"/> − 1 after their <see cref="RtSumPart"/> calls:
    /// adds the second part (a bus that sums in parts), then runs the strip's gain stage and the delays (the input gain
    /// only, when the bus has inserted processing: <see cref="RtProcessChain"/> runs the rest), or clears the output of a
    /// silent bus. Rt.
    /// </summary>
    public void RtFinishChannels(int first, int end, int count)
    {
        if (RtSilent)
        {
            for (int c = first; c < end; c++)
            {
                if (!ReferenceEquals(PreFaderBuffers[c], PostFaderBuffers[c])) Array.Clear(PostFaderBuffers[c], 0, count);
                RtFillDelays(c, count);
            }
            return;
        }
        if (_split > 0)
            for (int c = first; c < end; c++) MixSum.RtAccumulate(_partial[c].AsSpan(0, count), PreFaderBuffers[c].AsSpan(0, count), 1.0);
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
