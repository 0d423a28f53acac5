namespace MixEngine.Tests.Support;

/// <summary>
/// Measures what a repeated piece of Rt work allocates once warm, on the calling thread. The pass runs twice unmeasured,
/// then up to three measured times, and the smallest count is returned: code that allocates per call allocates in every
/// pass, while one-time runtime work (tiered JIT promotion of a hot method, a runtime cache filled on first use) lands
/// in at most one of them. So a result of 0 proves the steady state allocates nothing, and a per-call allocation can
/// never hide.
/// </summary>
public static class SteadyStateAllocation
{
    /// <summary>Bytes the calling thread allocated in the cheapest of up to three warm runs of <paramref name="pass"/>.</summary>
    public static long Bytes(Action pass)
    {
        pass();
        pass();
        long best = long.MaxValue;
        for (int attempt = 0; attempt < 3 && best != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return best;
    }
}
