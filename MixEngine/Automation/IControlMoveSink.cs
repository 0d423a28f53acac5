namespace MixEngine.Automation;

/// <summary>
/// Receives control moves in position order (per parameter) on a control thread, never on the audio thread: the
/// control plane delivers live moves here, a scripted pass feeds the same interface.
/// </summary>
public interface IControlMoveSink
{
    /// <summary>Takes one move; called on a control thread, moves of one parameter in ascending position.</summary>
    void OnControlMove(in ControlMove move);
}
