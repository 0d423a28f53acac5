namespace MixEngine.ControlPlane;

/// <summary>
/// One consistent set of meter readings as published by the audio thread (a seqlock-read copy): per metered strip
/// (tracks, then buses, in plan order) and channel, the sample peak and RMS since the previous reading, in dBFS
/// (−∞ for silence). Loudness and gain-reduction readings (issue 9) are added here as further per-strip values.
/// Valid only during <see cref="IFeedbackSubscriber.OnMeters"/>; read on the hub's thread.
/// </summary>
public interface IMeterReadings
{
    /// <summary>Number of metered strips.</summary>
    int StripCount { get; }

    /// <summary>The strip's address prefix (<c>track/DX 1</c>, <c>bus/Printmaster</c>).</summary>
    string StripName(int strip);

    /// <summary>Number of channels of the strip.</summary>
    int ChannelCount(int strip);

    /// <summary>Highest absolute sample of the channel since the previous reading, in dBFS.</summary>
    double PeakDb(int strip, int channel);

    /// <summary>RMS of the channel since the previous reading, in dBFS.</summary>
    double RmsDb(int strip, int channel);
}
