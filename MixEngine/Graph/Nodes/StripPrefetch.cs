using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// Hints that ask the processor for the cache lines a strip's next block touches first (its node's fields, its
/// buffers, the media bytes its clip decodes), issued one work item ahead: a period walks 128 strips' objects and
/// buffers, more than the L2 holds, so each strip's lines come back from memory, and asked for while the item before
/// runs they arrive in parallel instead of one stall after the other. Hints only: nothing is read or changed, and an
/// address taken unpinned that the collector moves in between merely wastes the hint. Rt: no allocation.
/// </summary>
internal static class StripPrefetch
{
    private const int CacheLine = 64;

    /// <summary>The first <paramref name="bytes"/> bytes of <paramref name="instance"/>'s fields.</summary>
    public static void RtFields(object instance, int bytes)
    {
        if (Sse.IsSupported) RtLines(ref Unsafe.As<StrongBox<byte>>(instance).Value, bytes);
    }

    /// <summary>The first <paramref name="count"/> samples of <paramref name="samples"/>.</summary>
    public static void RtSamples(double[] samples, int count)
    {
        if (Sse.IsSupported && count > 0) RtLines(ref Unsafe.As<double, byte>(ref samples[0]), count * sizeof(double));
    }

    /// <summary>Bytes [<paramref name="offset"/>, offset + <paramref name="length"/>) of <paramref name="bytes"/>.</summary>
    public static void RtBytes(byte[] bytes, int offset, int length)
    {
        if (Sse.IsSupported && length > 0) RtLines(ref bytes[offset], length);
    }

    private static unsafe void RtLines(ref byte start, int length)
    {
        byte* first = (byte*)Unsafe.AsPointer(ref start);
        byte* end = first + length;
        for (byte* line = (byte*)((nuint)first & ~(nuint)(CacheLine - 1)); line < end; line += CacheLine) Sse.Prefetch0(line);
    }
}
