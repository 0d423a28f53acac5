namespace MixEngine.Surfaces.Osc;

/// <summary>
/// A message the OSC surface cannot carry out: an unknown address or arguments of the wrong kind. The message names the
/// address and what was expected; the surface turns it into an error reply and a bounded-rate log line. Control side.
/// </summary>
public sealed class OscCommandException(string address, string problem) : Exception($"{address}: {problem}")
{
    /// <summary>The OSC address of the refused message.</summary>
    public string Address { get; } = address;

    /// <summary>What was wrong and what was expected, without the address.</summary>
    public string Problem { get; } = problem;
}
