namespace MixEngine.Session;

/// <summary>A region of a media file placed on a track's timeline.</summary>
/// <param name="Media">Media path as written in the session (relative to the session file).</param>
/// <param name="SourceChannels">1-based media channels feeding the track's channels, one per track channel.</param>
/// <param name="Position">Timeline position of the clip's first sample (samples from the session start).</param>
/// <param name="SourceOffset">First media frame played (frames from the start of the media).</param>
/// <param name="Length">Frames played.</param>
/// <param name="FadeIn">Fade at the clip start.</param>
/// <param name="FadeOut">Fade at the clip end.</param>
/// <param name="GainDb">Clip gain in dB.</param>
/// <param name="Name">Optional clip name for reports.</param>
public sealed record Clip(
    string Media,
    IReadOnlyList<int> SourceChannels,
    long Position,
    long SourceOffset,
    long Length,
    Fade FadeIn,
    Fade FadeOut,
    double GainDb,
    string? Name = null)
{
    /// <summary>Timeline sample just after the clip's last sample.</summary>
    public long EndPosition => Position + Length;
}

/// <summary>Shape of a clip fade.</summary>
public enum FadeShape
{
    /// <summary>Gain rises linearly with time.</summary>
    Linear,

    /// <summary>sin(πt/2) in, cos(πt/2) out: constant power across a crossfade of uncorrelated material.</summary>
    EqualPower,

    /// <summary>(1 − cos πt)/2: slow start and end.</summary>
    SCurve,
}

/// <summary>A clip fade: its length in samples (0 = none) and shape.</summary>
public sealed record Fade(long Length, FadeShape Shape)
{
    /// <summary>No fade.</summary>
    public static readonly Fade None = new(0, FadeShape.Linear);
}
