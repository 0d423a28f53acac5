namespace MixEngine.ControlPlane;

/// <summary>What the transport is doing.</summary>
public enum TransportState
{
    /// <summary>Not rolling; the position holds.</summary>
    Stopped,

    /// <summary>Rolling through the pre-roll before the play position (prints are not written yet).</summary>
    PreRolling,

    /// <summary>Rolling from the play position.</summary>
    Playing,
}
