namespace MixEngine.Session;

/// <summary>Where a send taps the strip.</summary>
public enum SendTap
{
    /// <summary>After trim and polarity, before the fader (mute still silences it).</summary>
    PreFader,

    /// <summary>After the fader, VCA and mute.</summary>
    PostFader,
}

/// <summary>An aux send from a track or bus strip to another bus; it follows the strip's pan.</summary>
/// <param name="Bus">Destination bus id.</param>
/// <param name="LevelDb">Send level in dB (−∞ … +12).</param>
/// <param name="Tap">Pre- or post-fader.</param>
/// <param name="Mute">Mutes this send only.</param>
public sealed record Send(string Bus, double LevelDb, SendTap Tap, bool Mute);
