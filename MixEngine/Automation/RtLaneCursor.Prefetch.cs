using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MixEngine.Dsp;

namespace MixEngine.Automation;

public sealed partial class RtLaneCursor
{
    private const int CacheLine = 64;

    /// <summary>
    /// Asks the processor for what the lane's reads of the coming block touch: the cursor's first line (its type, which
    /// a kernel's call through <see cref="IControlCurve"/> reads), the read state (the cached segment, range and live
    /// hold), with <paramref name="gains"/> the gain runs' state (path, constants, chains) too, and the point the next
    /// forward segment start reads. A 128-track render passes every other strip's buffers through the
    /// caches between two blocks of one lane, so these lines come back from memory; asked for together at the strip's
    /// block start (<c>StripGainStage.RtFillLanes</c>) they arrive while the strip plays its clips instead of one stall
    /// after the other at each read. A hint only: nothing is changed. The thread that renders the lane's strip.
    /// </summary>
    public void RtPrefetch(bool gains)
    {
        if (!Sse.IsSupported) return;
        Prefetch(ref Unsafe.As<StrongBox<byte>>(this).Value, 1); // the first field: 8 bytes after the type pointer
        Prefetch(ref Unsafe.As<ReadState, byte>(ref _read), Unsafe.SizeOf<ReadState>());
        if (gains) Prefetch(ref Unsafe.As<RunState, byte>(ref _run), Unsafe.SizeOf<RunState>());
        // The point a forward segment start reads: the one after the current segment's end (At + 2).
        int next = _read.At + 2;
        if (next < _read.Count) Prefetch(ref Unsafe.As<AutomationPoint, byte>(ref Unsafe.AsRef(in Point(_main, next))), Unsafe.SizeOf<AutomationPoint>());
    }

    // The address is taken unpinned: should the collector move the object in between, the hint is merely wasted.
    private static unsafe void Prefetch(ref byte start, int length)
    {
        byte* first = (byte*)Unsafe.AsPointer(ref start);
        byte* end = first + length;
        for (byte* line = (byte*)((nuint)first & ~(nuint)(CacheLine - 1)); line < end; line += CacheLine) Sse.Prefetch0(line);
    }
}
