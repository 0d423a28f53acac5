namespace MixEngine.ControlPlane;

/// <summary>Where a <see cref="ParameterChange"/>'s value comes from.</summary>
public enum ParameterOrigin
{
    /// <summary>A client (or the engine) set it through the control facade: the requested value.</summary>
    Set,

    /// <summary>Automation plays it (a lane in Read, or in Touch/Latch while no control holds it); nothing was set.</summary>
    Played,
}
