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
    private readonly double[][] _scratch;
    private readonly double[] _gains;
    private int _firstLive;
    private long _expectedPosition = -1;

    /// <summary>Allocates the track's buffers and takes its compiled clips (sorted by position); control side.</summary>
    public TrackNode(string id, string name, ChannelLayout layout, StripGainStage strip, bool separatePreFaderTap, int blockSize, ClipPlayback[] clips)
        : base(id, name, layout, strip, separatePreFaderTap, blockSize)
    {
        _clips = clips;
        _scratch = new double[layout.ChannelCount][];
        for (int c = 0; c < _scratch.Length; c++) _scratch[c] = new double[blockSize];
        _gains = new double[blockSize];
    }

    /// <summary>The compiled clips in playback (start) order.</summary>
    public IReadOnlyList<ClipPlayback> Clips => _clips;

    /// <summary>Renders timeline samples [<paramref name="position"/>, position + <paramref name="count"/>) through the strip. Rt.</summary>
    public void RtProcess(long position, int count)
    {
        RtSilent = true;
        RtBeginPans(count);
        Strip.RtBeginBlock(count);
        if (Strip.RtSilent) return;
        if (position != _expectedPosition) _firstLive = 0;
        _expectedPosition = position + count;
        long end = position + count;
        var input = PreFaderBuffers;
        bool any = false;
        for (int k = _firstLive; k < _clips.Length; k++)
        {
            var playback = _clips[k];
            var clip = playback.Clip;
            if (clip.Position >= end) break;
            if (clip.EndPosition <= position || clip.Length <= 0) continue;
            if (!any)
            {
                for (int c = 0; c < input.Length; c++) Array.Clear(input[c], 0, count);
                any = true;
            }
            RtPlayClip(playback, position, end);
        }
        while (_firstLive < _clips.Length && _clips[_firstLive].Clip.EndPosition <= end) _firstLive++;
        if (!any) return;
        var post = PostFaderBuffers;
        for (int c = 0; c < input.Length; c++) Strip.RtProcess(input[c], post[c], count);
        RtSilent = false;
    }

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
