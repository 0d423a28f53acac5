namespace MixEngine.Graph;

/// <summary>Settings a plan is compiled for; immutable, any thread.</summary>
/// <param name="BlockSize">Largest block the plan renders at once (buffers are this long); 1 … 65536.</param>
public sealed record RenderPlanOptions(int BlockSize)
{
    /// <summary>The block size used when none is requested (a multiple of the vector width; about 21 ms at 48 kHz).</summary>
    public const int DefaultBlockSize = 1024;
}
