using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MixEngine.Dsp.Eq;

/// <summary>
/// Cache hints for a control period of a moving kernel. A 128-strip render passes every other strip's buffers, clips and
/// mix through the caches between two periods of one kernel, so a period's tick (each moving band's control record, the
/// design scratch) and its sections' ramps and filter states come back from memory line by line, one stall after the
/// other, and those stalls cost a gain-automated band more than its design's arithmetic. <see cref="EqLanes"/> asks for
/// the lines of all its kernels before it interleaves the block, so they arrive together while it does. A hint only:
/// nothing is read or changed. Threads: the thread that runs the kernel.
/// </summary>
public sealed partial class ParametricEq
{
    private const int CacheLine = 64;

    /// <summary>
    /// Asks the processor for the memory the control periods that start within the next <paramref name="count"/> samples
    /// will touch: the control record, coefficients and filter states of every band that moves or follows a curve, and
    /// the design scratch. Does nothing while the kernel is settled or no period starts in those samples. Audio thread.
    /// </summary>
    internal unsafe void RtPrefetchPeriod(int count)
    {
        int bands = _busy | _followers;
        if (!Sse.IsSupported || bands == 0 || _phase >= count) return;
        int stateBytes = _spec.Channels * 4 * sizeof(double);
        for (; bands != 0; bands &= bands - 1)
        {
            int b = BitOperations.TrailingZeroCount(bands);
            Prefetch(ref Unsafe.As<BandControl, byte>(ref _bands[b]), Unsafe.SizeOf<BandControl>());
            int sections = Math.Max(1, _bands[b].Sections);
            Prefetch(ref Unsafe.As<double, byte>(ref _coefficients[b * SectionsPerBand * SectionStride]), sections * SectionStride * sizeof(double));
            Prefetch(ref Unsafe.As<double, byte>(ref _state[b * SectionsPerBand * _spec.Channels * 4]), sections * stateBytes);
        }
        Prefetch(ref Unsafe.As<double, byte>(ref _design[0]), _design.Length * sizeof(double));
    }

    // The address is taken unpinned: should the collector move the array in between, the hint is merely wasted.
    private static unsafe void Prefetch(ref byte start, int length)
    {
        byte* first = (byte*)Unsafe.AsPointer(ref start);
        byte* end = first + length;
        for (byte* line = (byte*)((nuint)first & ~(nuint)(CacheLine - 1)); line < end; line += CacheLine) Sse.Prefetch0(line);
    }
}
