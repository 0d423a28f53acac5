using System.Runtime.InteropServices;

namespace MixEngine.Files;

/// <summary>
/// Memory for the read-ahead's chunk buffers (<see cref="ChunkBuffer"/>), outside the managed heap, carved in order out
/// of 2 MB-aligned regions that are marked for transparent huge pages (madvise MADV_HUGEPAGE, Linux; elsewhere, or
/// when the kernel refuses, they stay in ordinary pages). Why: a render's readers fill two or three chunks each before
/// and while the first blocks play (a 128-track reel: about 75 MB); in 4 kB pages every one of those pages is a page
/// fault when the read first writes it, about 10 µs each in a virtual machine (≈ 0.17 s of a 1.5 s render), in 2 MB
/// pages one fault per 2 MB. The decoding threads then also need a handful of address translations instead of one
/// per 4 kB of every reader's chunk. A returned buffer goes on a free list for its size and is handed out again (a
/// server renders and reloads many times); regions are kept for the process's life, so the memory held is the most
/// that was in use at once. Nothing here changes a byte the engine reads: a buffer is filled before it is decoded.
/// <para>Threads: <see cref="Rent"/> and <see cref="Return"/> on the control side (they lock and may map memory);
/// never on a render thread.</para>
/// </summary>
internal static class ChunkMemory
{
    private const nuint HugePageBytes = (nuint)HugePageAdvice.HugePageBytes;
    private const nuint RegionBytes = 8 << 20;
    private const int PageBytes = 4096;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, Stack<nint>> Free = [];
    private static nint _next, _end;

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes (rounded up to whole 4 kB pages); control side.</summary>
    public static unsafe ChunkBuffer Rent(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        int size = checked((bytes + PageBytes - 1) / PageBytes * PageBytes);
        lock (Gate)
        {
            if (Free.TryGetValue(size, out var stack) && stack.TryPop(out nint reused)) return new ChunkBuffer((byte*)reused, size);
            if (_end - _next < size) NewRegion((nuint)size);
            nint start = _next;
            _next += size;
            return new ChunkBuffer((byte*)start, size);
        }
    }

    /// <summary>Gives <paramref name="buffer"/> back for reuse; its owner no longer touches it (control side).</summary>
    public static unsafe void Return(ChunkBuffer buffer)
    {
        lock (Gate)
        {
            if (!Free.TryGetValue(buffer.Length, out var stack)) Free[buffer.Length] = stack = new Stack<nint>();
            stack.Push((nint)buffer.Start);
        }
    }

    // A new region of at least `size` bytes (whole huge pages) becomes the one carved from; what was left of the
    // previous one stays unused.
    private static unsafe void NewRegion(nuint size)
    {
        nuint bytes = Math.Max(RegionBytes, (size + HugePageBytes - 1) & ~(HugePageBytes - 1));
        nint region = (nint)NativeMemory.AlignedAlloc(bytes, HugePageBytes);
        // Advice only: a kernel without transparent huge pages (or with them off) leaves the region in 4 kB pages.
        _ = HugePageAdvice.Advise(region, (long)bytes);
        (_next, _end) = (region, region + (nint)bytes);
    }
}
