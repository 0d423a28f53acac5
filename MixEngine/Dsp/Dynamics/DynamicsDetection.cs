namespace MixEngine.Dsp.Dynamics;

/// <summary>How a dynamics kernel measures level: the instantaneous peak of the linked channels, or their RMS.</summary>
public enum DynamicsDetection
{
    /// <summary>The largest absolute sample across the linked channels, per frame.</summary>
    Peak = 0,

    /// <summary>The mean square across the linked channels, averaged by a one-pole window (RmsWindowMs).</summary>
    Rms = 1,
}
