namespace MixEngine.Dsp.Eq;

/// <summary>A continuous parameter of an EQ band that can follow a control curve (<see cref="ParametricEq.Follow"/>).</summary>
public enum EqParameter
{
    /// <summary>Gain in dB (bells and shelves).</summary>
    Gain,

    /// <summary>Frequency in Hz.</summary>
    Frequency,

    /// <summary>Q (bandwidth).</summary>
    Q,
}
