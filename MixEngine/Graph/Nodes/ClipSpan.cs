using MixEngine.Files;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// What a track's block reads of one of its clips, gathered in one record when the plan is built: the clip's timeline
/// span, the span in which a block plays it whole at its clip gain (inside the clip, outside its fades), the media
/// frame of timeline sample 0, the gain, the reader and the channel map. A track keeps its clips in an array of these,
/// so a block finds what sounds and reads it from one place instead of following playback → clip → fades.
/// Immutable after construction (control side); read on the track's render worker.
/// </summary>
internal readonly struct ClipSpan
{
    /// <summary>The record of <paramref name="playback"/>; control side.</summary>
    public ClipSpan(ClipPlayback playback)
    {
        var clip = playback.Clip;
        Playback = playback;
        Reader = playback.Reader;
        ChannelMap = playback.ChannelMap;
        Gain = playback.ClipGain;
        Start = clip.Position;
        End = clip.EndPosition;
        Sounds = clip.Length > 0;
        SourceAtZero = clip.SourceOffset - clip.Position;
        SteadyStart = Math.Max(Start, clip.Position + clip.FadeIn.Length);
        SteadyEnd = Math.Min(End, clip.Position + clip.Length - clip.FadeOut.Length);
    }

    /// <summary>The compiled clip.</summary>
    public ClipPlayback Playback { get; }

    /// <summary>Its media reader.</summary>
    public IMediaReader Reader { get; }

    /// <summary>0-based media channel for each track channel.</summary>
    public int[] ChannelMap { get; }

    /// <summary>Linear clip gain.</summary>
    public double Gain { get; }

    /// <summary>First timeline sample of the clip.</summary>
    public long Start { get; }

    /// <summary>Timeline sample after the clip's last.</summary>
    public long End { get; }

    /// <summary>False for a clip of no length (it never plays).</summary>
    public bool Sounds { get; }

    /// <summary>Media frame that timeline sample t reads: <c>SourceAtZero + t</c>.</summary>
    public long SourceAtZero { get; }

    /// <summary>First timeline sample inside the clip and past its fade-in.</summary>
    public long SteadyStart { get; }

    /// <summary>Timeline sample after the last one inside the clip and before its fade-out.</summary>
    public long SteadyEnd { get; }

    /// <summary>True when block [<paramref name="position"/>, +<paramref name="count"/>) lies inside the clip and outside its fades (<see cref="ClipPlayback.TouchesFade"/> false).</summary>
    public bool CoversSteadily(long position, int count) => position >= SteadyStart && position + count <= SteadyEnd;
}
