namespace MixEngine.Files;

/// <summary>
/// BS.1770-5 channel weights for the engine's layouts (Annex 3 Table 4 rule, loudness-dsp.md §1.2): 0 for LFE, 1.41
/// for ear-level channels between 60° and 120° azimuth (5.1 surrounds Ls/Rs at ±110°, 7.x side surrounds Lss/Rss at
/// ±90°, 9.1.6 wides Lw/Rw at ±60°), 1.0 for every other channel (front, rear ±135°, all heights). Pure; any thread.
/// </summary>
public static class LoudnessChannelWeights
{
    private static readonly HashSet<string> Lateral = ["Ls", "Rs", "Lss", "Rss", "Lw", "Rw"];

    /// <summary>The weight of each channel of <paramref name="layout"/>, in channel order.</summary>
    public static double[] For(ChannelLayout layout) =>
        layout.Speakers.Select(s => s.IsLfe ? 0.0 : Lateral.Contains(s.Label) ? 1.41 : 1.0).ToArray();

    /// <summary>
    /// The layout a file is measured as: the one matching its channel count and WAVE mask, else (mask 0 or an unknown
    /// mask) the engine layout with that many channels, else null (every channel is then weighted 1.0).
    /// </summary>
    public static ChannelLayout? LayoutOf(MediaInfo info) =>
        ChannelLayout.FromWaveMask(info.Channels, info.ChannelMask)
        ?? (info.Channels == 3 ? null : ChannelLayout.All.FirstOrDefault(l => l.ChannelCount == info.Channels));
}
