using System.Runtime.InteropServices;

namespace MixEngine.Files;

/// <summary>
/// Asks Linux to back large buffers with transparent huge pages before they are first written: madvise MADV_HUGEPAGE
/// on the whole 2 MB pages inside a range. A buffer of tens of megabytes written once (a session file's bytes, the
/// points lifted out of it, the read-ahead's chunks) otherwise takes a page fault per 4 kB, about 10 µs each in a
/// virtual machine; in huge pages one per 2 MB. Advice only: elsewhere, with transparent huge pages off, or when the
/// kernel refuses, nothing changes; no byte's value ever does. Pages already in use stay as they are unless collapsed
/// (<see cref="Collapse"/>, which the realtime engine asks for its heap). The project's one binding of madvise(2).
/// <para>Any thread; a system call per range, so not on a render thread.</para>
/// </summary>
internal static partial class HugePageAdvice
{
    /// <summary>The size of a transparent huge page on x86-64 and the usual arm64 kernels.</summary>
    public const long HugePageBytes = 2 << 20;

    private const int MadvHugePage = 14, MadvCollapse = 25; // madvise(2)

    /// <summary>
    /// Marks the whole huge pages inside [<paramref name="address"/>, +<paramref name="length"/>); nothing when there are
    /// none. Returns 0, or the system's error number when it refused.
    /// </summary>
    public static int Advise(nint address, long length) => Call(address, length, MadvHugePage);

    /// <summary>
    /// Collapses the whole huge pages inside [<paramref name="address"/>, +<paramref name="length"/>) that are resident
    /// into huge pages now (MADV_COLLAPSE, Linux 6.1 and later). Returns 0, or the system's error number when it could not.
    /// </summary>
    public static int Collapse(nint address, long length) => Call(address, length, MadvCollapse);

    /// <summary>The whole huge pages inside [<paramref name="low"/>, <paramref name="high"/>), as [Low, High); empty when there are none.</summary>
    public static (long Low, long High) Inside(long low, long high) => ((low + HugePageBytes - 1) & ~(HugePageBytes - 1), high & ~(HugePageBytes - 1));

    private static int Call(nint address, long length, int advice)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var (low, high) = Inside(address, address + length);
        if (high <= low) return 0;
        return Madvise((nint)low, (nuint)(high - low), advice) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Marks the whole huge pages inside the elements of <paramref name="array"/>, which must be pinned (allocated with <c>pinned: true</c>) so it never moves.</summary>
    public static unsafe void AdvisePinned<T>(T[] array) where T : unmanaged
    {
        if ((long)array.Length * sizeof(T) < HugePageBytes) return;
        fixed (T* elements = array) _ = Advise((nint)elements, (long)array.Length * sizeof(T));
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
