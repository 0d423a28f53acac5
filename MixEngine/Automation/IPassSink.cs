using MixEngine.Session;

namespace MixEngine.Automation;

/// <summary>
/// A <see cref="IControlMoveSink"/> that also hears where passes begin and end and where the playhead jumps, in order
/// with the moves (the realtime engine stamps them into the same return ring). Called on a control thread, never on
/// the audio thread.
/// </summary>
public interface IPassSink : IControlMoveSink
{
    /// <summary>
    /// The transport started playing at <paramref name="position"/> (after any pre-roll); <paramref name="values"/> are
    /// the parameters' values as the engine played them at that moment, before any move of the pass (empty when the
    /// engine no longer holds them: the sink then takes the values as they stand).
    /// </summary>
    void OnPassStart(long position, IReadOnlyList<(ParameterAddress Address, double Value)> values);

    /// <summary>The transport stopped at <paramref name="position"/>.</summary>
    void OnPassEnd(long position);

    /// <summary>While playing, the playhead jumped from <paramref name="from"/> to <paramref name="to"/> (loop wrap or locate).</summary>
    void OnJump(long from, long to);

    /// <summary>A pass command (Preview, Capture, Write-To) took effect at <paramref name="position"/>, in order with the moves, while playing or stopped.</summary>
    void OnCommand(long position, PassCommand command);
}
