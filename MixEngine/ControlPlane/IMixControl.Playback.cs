namespace MixEngine.ControlPlane;

/// <summary>What a control shows while automation plays (docs/realtime.md, Feedback).</summary>
public partial interface IMixControl
{
    /// <summary>
    /// The value a control of <paramref name="parameter"/> shows: what its automation lane plays now (Read, or Touch/Latch
    /// while no control holds it; as the audio thread last published it), else the newest value set
    /// (<see cref="GetParameter"/>). A surface draws faders, rings and LEDs from it and never sets it back. Any control thread.
    /// </summary>
    double GetShownValue(ParameterHandle parameter);

    /// <summary><see cref="GetShownValue"/> as a 0..1 control position through the descriptor's taper; any control thread.</summary>
    double GetShownNormalized(ParameterHandle parameter);
}
