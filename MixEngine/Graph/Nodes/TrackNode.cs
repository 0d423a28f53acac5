using MixEngine.Dsp;
using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// A track in the plan: plays its clips into its channel buffers (media read in block-sized chunks; clip gain and fades
/// per sample from the absolute position inside the clip; overlapping clips summed in start order) and runs its strip.
/// Clips are sorted by start; a cursor skips clips already finished, and any jump in position resets it, so
/// forward rendering scans only clips that can still play. <see cref="RtProcess"/> runs on one render worker per block,
/// never allocates, locks or throws (media readers are Rt-safe by contract).
/// </summary>
public sealed class TrackNode : MixNode
{
    private readonly ClipPlayback[] _clips;
    private readonly ClipSpan[] _spans;
    private readonly double[][] _scratch;
    private readonly double[] _gains;
    private int _firstLive;
    private long _expectedPosition = -1;
    private bool _chainIdle = true;
    private MeterTap? _meter;

    /// <summary>Allocates the track's buffers and takes its compiled clips (sorted by position); control side.</summary>
    public TrackNode(string id, string name, ChannelLayout layout, StripGainStage strip, bool separatePreFaderTap, int blockSize, ClipPlayback[] clips)
        : base(id, name, layout, strip, separatePreFaderTap, blockSize)
    {
        _clips = clips;
        _spans = Array.ConvertAll(clips, c => new ClipSpan(c));
        _scratch = new double[layout.ChannelCount][];
        for (int c = 0; c < _scratch.Length; c++) _scratch[c] = new double[blockSize];
        _gains = new double[blockSize];
        strip.RunBlocksOnOneThread();
    }

    /// <summary>The compiled clips in playback (start) order.</summary>
    public IReadOnlyList<ClipPlayback> Clips => _clips;

    /// <summary>Renders timeline samples [<paramref name="position"/>, position + <paramref name="count"/>) through the strip. Rt.</summary>
    public void RtProcess(long position, int count)
    {
        if (RtPlayInput(position, count)) RtRunChain(count, 0);
        RtFinishBlock(count);
    }

    /// <summary>
    /// Asks the processor for what <see cref="RtProcess"/> of block [<paramref name="position"/>, +<paramref name="count"/>)
    /// touches first: the node's fields, its input and output buffers and the media bytes of the clip that covers the
    /// block (<see cref="StripPrefetch"/>). A hint issued one work item ahead; nothing changes. Rt.
    /// </summary>
    internal void RtPrefetch(long position, int count)
    {
        StripPrefetch.RtFields(this, 128);
        var input = PreFaderBuffers;
        var post = PostFaderBuffers;
        for (int c = 0; c < input.Length; c++)
        {
            StripPrefetch.RtSamples(input[c], count);
            if (!ReferenceEquals(input, post)) StripPrefetch.RtSamples(post[c], count);
        }
        StripPrefetch.RtFields(Strip, 128);
        if (Chain is { } chain) StripPrefetch.RtFields(chain, 64);
        if (_meter is { } meter) StripPrefetch.RtFields(meter, 128);
        RtPrefetchPan();
        // Another render worker may be in this track's RtPlayInput right now, moving the live clip index up to the
        // spans' length: the index is read once and bounds-checked as read, so a stale one only wastes the hint.
        var spans = _spans;
        int live = Volatile.Read(ref _firstLive);
        if ((uint)live >= (uint)spans.Length) return;
        ref readonly var span = ref spans[live];
        if (span.Sounds && span.CoversSteadily(position, count))
            span.Reader.RtPrefetchFrames(span.SourceAtZero + position, count);
    }

    /// <summary>
    /// Cues the media of every clip that sounds at timeline <paramref name="position"/> at the frame it will read there
    /// (<see cref="IMediaReader.Cue"/>). Control side, before the plan plays.
    /// </summary>
    internal void CueMedia(long position)
    {
        foreach (var playback in _clips)
        {
            var clip = playback.Clip;
            if (clip.Position <= position && position < clip.EndPosition && clip.Length > 0)
                playback.Reader.Cue(clip.SourceOffset + (position - clip.Position));
        }
    }

    /// <summary>
    /// First part of <see cref="RtProcess"/>: plays the clips through the input stage. Returns true when the strip's chain
    /// must run on <see cref="MixNode.PreFaderBuffers"/> next (<see cref="RtRunChain"/>); the block is otherwise complete
    /// up to <see cref="RtFinishBlock"/>. Rt.
    /// </summary>
    internal bool RtPlayInput(long position, int count)
    {
        RtSilent = true;
        RtBeginLanes(position, count);
        Strip.RtBeginBlock(count);
        bool jumped = position != _expectedPosition;
        if (Strip.RtSilent)
        {
            // A muted strip's processing restarts from silence when it is heard again (no stale look-ahead audio).
            if (Chain is not null && !_chainIdle) Chain.RtReset();
            _chainIdle = true;
            return false;
        }
        if (jumped)
        {
            _firstLive = 0;
            Chain?.RtReset();
        }
        _expectedPosition = position + count;
        long end = position + count;
        var input = PreFaderBuffers;
        var spans = _spans;
        bool any = false;
        for (int k = _firstLive; k < spans.Length; k++)
        {
            ref readonly var span = ref spans[k];
            if (span.Start >= end) break;
            if (span.End <= position || !span.Sounds) continue;
            if (!any)
            {
                any = true;
                if (span.CoversSteadily(position, count))
                {
                    RtPlayFirstClip(span, position, count);
                    continue;
                }
                for (int c = 0; c < input.Length; c++) Array.Clear(input[c], 0, count);
            }
            RtPlayClip(span.Playback, position, end);
        }
        while (_firstLive < spans.Length && spans[_firstLive].End <= end) _firstLive++;
        var post = PostFaderBuffers;
        if (Chain is null)
        {
            if (!any) return false;
            for (int c = 0; c < input.Length; c++) Strip.RtProcess(input[c], post[c], count);
            RtSilent = false;
            return false;
        }
        // Inserted processing runs on silence too, so tails and look-ahead audio leave the strip at the right time.
        if (!any)
            for (int c = 0; c < input.Length; c++) Array.Clear(input[c], 0, count);
        for (int c = 0; c < input.Length; c++) Strip.RtProcessInput(input[c], count);
        return true;
    }

    /// <summary>
    /// Second part of <see cref="RtProcess"/> when <see cref="RtPlayInput"/> returned true: the chain (its first
    /// <paramref name="batched"/> processors already run and accepted by a batch), then the output stage. Rt.
    /// </summary>
    internal void RtRunChain(int count, int batched)
    {
        Chain!.RtProcessFrom(batched, PreFaderBuffers, count, RtKey());
        RtRunOutput(count);
    }

    /// <summary>
    /// <see cref="RtRunChain"/> for a block whose whole chain a batch already ran and accepted (or silenced): the output
    /// stage only. Rt.
    /// </summary>
    internal void RtRunOutput(int count)
    {
        var input = PreFaderBuffers;
        var post = PostFaderBuffers;
        _chainIdle = false;
        for (int c = 0; c < input.Length; c++) Strip.RtProcessOutput(input[c], post[c], count);
        RtSilent = false;
    }

    /// <summary>
    /// Last part of <see cref="RtProcess"/>: feeds the block into the delays fed from the track, and measures it into
    /// the track's meter when one is measured here (<see cref="MeasureInItem"/>). Rt.
    /// </summary>
    internal void RtFinishBlock(int count)
    {
        if (RtHasDelays)
        {
            RtBeginDelays(count);
            for (int c = 0; c < PreFaderBuffers.Length; c++) RtFillDelays(c, count);
        }
        _meter?.RtMeasureDemanded(count);
    }

    /// <summary>
    /// Has every block of the track measured into <paramref name="meter"/> (a tap of this node) at its end, on the thread
    /// that rendered it, while its output is still in the cache. Control side, before the plan plays.
    /// </summary>
    internal void MeasureInItem(MeterTap meter)
    {
        if (!ReferenceEquals(meter.Node, this)) throw new ArgumentException($"the meter {meter.Address} taps another node", nameof(meter));
        _meter = meter;
    }

    // The first clip of a block when it covers the whole block outside its fades: decoded straight into the input as
    // 0 + x·gain (IMediaReader.RtReadPlanarOntoZero: the gain applied while decoding), the value RtPlayClip adds onto
    // the cleared input (the same bits, zero's sign included), so the clear and the copy through the scratch buffers
    // are saved.
    private void RtPlayFirstClip(in ClipSpan span, long position, int count) =>
        span.Reader.RtReadPlanarOntoZero(span.SourceAtZero + position, count, span.ChannelMap, PreFaderBuffers, 0, span.Gain);

    private void RtPlayClip(ClipPlayback playback, long position, long end)
    {
        var clip = playback.Clip;
        long first = Math.Max(position, clip.Position);
        int length = (int)(Math.Min(end, clip.EndPosition) - first);
        int offset = (int)(first - position);
        long inClip = first - clip.Position;
        playback.Reader.RtReadPlanar(clip.SourceOffset + inClip, length, playback.ChannelMap, _scratch, 0);
        var input = PreFaderBuffers;
        if (playback.TouchesFade(inClip, length))
        {
            var gains = _gains.AsSpan(0, length);
            FadeCurve.RtFillClipGains(clip.FadeIn, clip.FadeOut, playback.ClipGain, inClip, clip.Length, gains);
            for (int c = 0; c < input.Length; c++)
                MixSum.RtAccumulate(_scratch[c].AsSpan(0, length), input[c].AsSpan(offset, length), gains);
        }
        else
        {
            for (int c = 0; c < input.Length; c++)
                MixSum.RtAccumulate(_scratch[c].AsSpan(0, length), input[c].AsSpan(offset, length), playback.ClipGain);
        }
    }
}
