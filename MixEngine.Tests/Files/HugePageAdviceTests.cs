using System.Globalization;
using MixEngine.Files;

namespace MixEngine.Tests.Files;

/// <summary>The huge-page advice for large buffers (<see cref="HugePageAdvice"/>): the whole 2 MB pages inside a pinned array are marked, no byte changes.</summary>
public sealed class HugePageAdviceTests
{
    [Fact]
    public unsafe void Memory_of_several_huge_pages_is_marked_for_them_inside_and_keeps_what_is_written()
    {
        const int bytes = 10 << 20; // at least four whole huge pages inside
        // Native memory of its own mapping (the managed heap may be marked already by a realtime engine of another test).
        byte* memory = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(bytes);
        try
        {
            long inside = ((long)memory + HugePageAdvice.HugePageBytes - 1) & ~(HugePageAdvice.HugePageBytes - 1);
            bool before = OperatingSystem.IsLinux() && FlagsOfMappingAt(inside).Contains("hg");
            HugePageAdvice.Advise((nint)memory, bytes);
            var span = new Span<byte>(memory, bytes);
            for (int i = 0; i < bytes; i++) span[i] = (byte)(i * 7);
            for (int i = 0; i < bytes; i++) Assert.Equal((byte)(i * 7), span[i]);
            string mode = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled") ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled") : "";
            if (!OperatingSystem.IsLinux() || mode.Length == 0 || mode.Contains("[never]", StringComparison.Ordinal)) return; // advice only: nothing to see
            Assert.False(before, "the mapping was marked before the advice");
            Assert.Contains("hg", FlagsOfMappingAt(inside)); // the kernel's "huge pages advised" flag on the mapping holding it
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void A_pinned_array_of_several_huge_pages_keeps_what_is_written()
    {
        var array = GC.AllocateUninitializedArray<long>(5 << 18, pinned: true);
        HugePageAdvice.AdvisePinned(array);
        for (int i = 0; i < array.Length; i++) array[i] = i * 7L;
        for (int i = 0; i < array.Length; i++) Assert.Equal(i * 7L, array[i]);
    }

    [Fact]
    public void An_array_smaller_than_a_huge_page_is_left_alone()
    {
        var array = GC.AllocateUninitializedArray<byte>(1 << 20, pinned: true);
        HugePageAdvice.AdvisePinned(array); // nothing whole inside: no system call, no failure
        array.AsSpan().Fill(3);
        Assert.True(array.AsSpan().IndexOfAnyExcept((byte)3) < 0);
    }

    // The VmFlags of the mapping of /proc/self/smaps that holds `address`.
    private static string[] FlagsOfMappingAt(long address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-'), space = line.IndexOf(' ');
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long low)
                && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long high))
            {
                inside = low <= address && address < high;
                continue;
            }
            if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal)) return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        throw new InvalidOperationException($"no mapping holds address {address:x}");
    }
}
