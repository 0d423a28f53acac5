namespace MixEngine.Graph;

/// <summary>Settings a plan is compiled for; immutable, any thread.</summary>
/// <param name="BlockSize">Largest block the plan renders at once (buffers are this long); 1 … 65536.</param>
public sealed record RenderPlanOptions(int BlockSize)
{
    /// <summary>The block size used when none is requested (a multiple of the vector width; about 21 ms at 48 kHz).</summary>
    public const int DefaultBlockSize = 1024;

    /// <summary>
    /// True to give every track and bus its own pre-fader buffers (as a pre-fader send does), so the realtime monitor can
    /// listen pre-fader (PFL); costs one buffer set per strip, the rendered output is the same.
    /// </summary>
    public bool PreFaderTaps { get; init; }
}
