namespace MixEngine.ControlPlane;

/// <summary>
/// One consistent set of meter readings as published by the audio thread (a seqlock-read copy), covering the frames
/// since the previous publication (1/30 s by default, <c>RealtimeEngineOptions.MeterRateHz</c>): per metered strip
/// (tracks, then buses, in plan order) and channel the sample peak, true peak and RMS in dBFS; per strip momentary and
/// short-term loudness and gain reduction; and the printmaster's integrated loudness since the last reset. Levels are
/// −∞ for silence. Valid only during <see cref="IFeedbackSubscriber.OnMeters"/>; read on the hub's thread.
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

    /// <summary>True peak (4× oversampled per BS.1770 Annex 2, never below the sample peak) of the channel since the previous reading, in dBTP.</summary>
    double TruePeakDb(int strip, int channel);

    /// <summary>RMS of the channel since the previous reading, in dBFS (a full-scale sine reads −3.01).</summary>
    double RmsDb(int strip, int channel);

    /// <summary>Momentary loudness (last 400 ms, BS.1770-5 weights) of the strip in LUFS.</summary>
    double MomentaryLufs(int strip);

    /// <summary>Short-term loudness (last 3 s) of the strip in LUFS.</summary>
    double ShortTermLufs(int strip);

    /// <summary>Largest gain reduction of the strip's dynamics (gate, compressor, limiter summed per block) since the previous reading, in dB (≥ 0; 0 = none).</summary>
    double GainReductionDb(int strip);

    /// <summary>Index of the printmaster strip whose integrated loudness is measured, or −1 when the plan has none.</summary>
    int PrintmasterStrip { get; }

    /// <summary>Integrated (gated) loudness of the printmaster since the last reset (<see cref="IMixControl.ResetLoudness"/>) in LUFS; −∞ before a block passed the gates.</summary>
    double IntegratedLufs { get; }
}
