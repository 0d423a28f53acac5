using MixEngine.Files;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>One clip compiled for playback: its reader, 0-based channel map and timeline span.</summary>
/// <param name="Clip">The session clip.</param>
/// <param name="Reader">The media reader (shared by the track's clips on the same file; used only by this track's node).</param>
/// <param name="ChannelMap">0-based media channel for each track channel.</param>
/// <param name="ClipGain">Linear clip gain.</param>
public sealed record ClipPlayback(Clip Clip, IMediaReader Reader, int[] ChannelMap, double ClipGain)
{
    /// <summary>True when any sample of [<paramref name="first"/>, first + count) in clip coordinates lies inside a fade.</summary>
    public bool TouchesFade(long first, int count) =>
        first < Clip.FadeIn.Length || first + count > Clip.Length - Clip.FadeOut.Length;
}
