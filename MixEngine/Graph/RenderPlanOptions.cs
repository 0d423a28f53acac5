namespace MixEngine.Graph;

/// <summary>Settings a plan is compiled for; immutable, any thread.</summary>
/// <param name="BlockSize">Largest block the plan renders at once (buffers are this long); 1 … 65536.</param>
public sealed record RenderPlanOptions(int BlockSize)
{
    /// <summary>
    /// The block size used when none is requested (a multiple of the vector width; about 85 ms at 48 kHz). Offline
    /// output does not depend on it; a larger block spreads each block's fixed costs (every strip's state and lanes
    /// brought back into the caches, the phases' hand-overs between render threads) over more samples: on the
    /// 128-track reel 4096 took about 9 % less CPU than 1024 without automation and about 12 % less with dense lanes,
    /// for 20 MiB more memory (docs/PERFORMANCE.md).
    /// </summary>
    public const int DefaultBlockSize = 4096;

    /// <summary>
    /// True to give every track and bus its own pre-fader buffers (as a pre-fader send does), so the realtime monitor can
    /// listen pre-fader (PFL); costs one buffer set per strip, the rendered output is the same.
    /// </summary>
    public bool PreFaderTaps { get; init; }
}
