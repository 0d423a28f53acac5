namespace MixEngine.Session;

/// <summary>How a compressor measures level (the <c>detection</c> field: <c>"peak"</c> or <c>"rms"</c>).</summary>
public enum LevelDetection
{
    /// <summary>The largest absolute sample across the strip's channels (linked).</summary>
    Peak = 0,

    /// <summary>The mean square across the strip's channels, averaged over 10 ms.</summary>
    Rms = 1,
}

/// <summary>
/// The expander/gate of a strip (<c>strip.dyn.gate</c>, addresses <c>…/dyn/gate/threshold</c> and so on).
/// Immutable; any thread.
/// </summary>
/// <param name="Enabled">False bypasses the gate (it stays inserted).</param>
/// <param name="ThresholdDb">Opens above this level (dBFS).</param>
/// <param name="RangeDb">Largest reduction when closed (dB, ≥ 0).</param>
/// <param name="Ratio">Expansion ratio below the threshold (1 … 100; 100 closes within 1 dB, a gate).</param>
/// <param name="AttackMs">Opening time (ms, 1 − 1/e of the change).</param>
/// <param name="HoldMs">Time the gate stays open after the level falls below the close threshold (ms).</param>
/// <param name="ReleaseMs">Closing time (ms, 1 − 1/e of the change).</param>
/// <param name="HysteresisDb">Closes only below threshold − hysteresis (dB).</param>
public sealed record GateSettings(bool Enabled, double ThresholdDb, double RangeDb, double Ratio, double AttackMs, double HoldMs,
    double ReleaseMs, double HysteresisDb)
{
    /// <summary>An enabled gate at the documented defaults.</summary>
    public static readonly GateSettings Default = new(true, -40, 60, 100, 0.5, 50, 100, 6);
}

/// <summary>
/// The compressor of a strip (<c>strip.dyn.comp</c>, addresses <c>…/dyn/comp/threshold</c> and so on). Immutable; any thread.
/// </summary>
/// <param name="Enabled">False bypasses the compressor (it stays inserted).</param>
/// <param name="ThresholdDb">Threshold (dBFS).</param>
/// <param name="Ratio">Ratio (1 … 100).</param>
/// <param name="KneeDb">Soft-knee width (dB, 0 = hard knee).</param>
/// <param name="AttackMs">Attack time (ms, 1 − 1/e of a step in gain reduction).</param>
/// <param name="ReleaseMs">Release time (ms, same definition).</param>
/// <param name="MakeupDb">Makeup gain (dB).</param>
/// <param name="Detection">Peak or RMS detection.</param>
/// <param name="SidechainHighPassHz">High-pass on the detector path (Hz; 0 = off).</param>
/// <param name="Key">Id of the track or bus whose signal drives the detector (external key), or null for the strip's own signal.</param>
public sealed record CompressorSettings(bool Enabled, double ThresholdDb, double Ratio, double KneeDb, double AttackMs, double ReleaseMs,
    double MakeupDb, LevelDetection Detection, double SidechainHighPassHz, string? Key)
{
    /// <summary>An enabled compressor at the documented defaults.</summary>
    public static readonly CompressorSettings Default = new(true, -20, 4, 6, 10, 100, 0, LevelDetection.Peak, 0, null);
}

/// <summary>The de-esser of a strip (<c>strip.dyn.deesser</c>). Immutable; any thread.</summary>
/// <param name="Enabled">False bypasses the de-esser (it stays inserted).</param>
/// <param name="FrequencyHz">Split frequency: the band above it is detected and reduced (Hz).</param>
/// <param name="ThresholdDb">Level of the high band above which it is reduced (dBFS).</param>
/// <param name="RangeDb">Largest reduction of the high band (dB, ≥ 0).</param>
/// <param name="Q">Quality factor of each of the two band-pass sections that make the sibilance band.</param>
/// <param name="Ratio">Ratio above the threshold (1 … 100; 100 holds the band within 1 % of its overshoot above the threshold).</param>
/// <param name="AttackMs">Time in which the reduction rises (ms, 1 − 1/e of a step).</param>
/// <param name="ReleaseMs">Release time of the band's level envelope (ms, 1 − 1/e).</param>
public sealed record DeEsserSettings(bool Enabled, double FrequencyHz, double ThresholdDb, double RangeDb, double Q, double Ratio,
    double AttackMs, double ReleaseMs)
{
    /// <summary>An enabled de-esser at the documented defaults.</summary>
    public static readonly DeEsserSettings Default = new(true, 6000, -30, 12, 1.5, 100, 0.5, 60);
}

/// <summary>
/// The look-ahead true-peak limiter of a strip (<c>strip.dyn.limiter</c>). Its look-ahead is its latency, which the plan
/// compensates; bypassing keeps the latency (the bypassed limiter is a pure delay). Immutable; any thread.
/// </summary>
/// <param name="Enabled">False bypasses the limiter (it stays inserted and keeps its delay).</param>
/// <param name="CeilingDb">Highest true peak of the output (dBTP).</param>
/// <param name="LookaheadMs">Look-ahead (ms): fixes the latency, so it is a structural setting, not a live parameter.</param>
/// <param name="ReleaseMs">Release time (ms, 1 − 1/e of a gain recovery).</param>
public sealed record LimiterSettings(bool Enabled, double CeilingDb, double LookaheadMs, double ReleaseMs)
{
    /// <summary>An enabled limiter at the documented defaults.</summary>
    public static readonly LimiterSettings Default = new(true, -1, 2, 50);
}
