namespace MixEngine.Graph;

/// <summary>A strip processor that produced NaN or Inf and was reset (its strip silenced for each such block), and how often.</summary>
/// <param name="Processor">The processor's address (<c>track/DX 1/dyn/comp</c>, <c>bus/FX/eq/2</c>).</param>
/// <param name="Count">Blocks in which it happened.</param>
public sealed record NonFiniteReset(string Processor, long Count);
