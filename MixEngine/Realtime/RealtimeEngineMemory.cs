using System.Globalization;
using System.Runtime.CompilerServices;
using MixEngine.Files;

namespace MixEngine.Realtime;

/// <summary>
/// Backs the managed heap with transparent huge pages (<see cref="RealtimeEngineOptions.HugePages"/>). A period of a
/// large plan touches its buffers and the state of every strip's processors: a few hundred kB of cache lines, but
/// spread over more than a thousand 4 kB pages, because each strip's hot fields sit between its colder arrays. After
/// other threads ran (control, read-ahead, the host's own), many of those pages' translations are gone from the TLB
/// and each costs a page-table walk, a two-level one in a virtual machine. With the heap in 2 MB pages the same
/// state needs a handful of translations. The heap is the garbage collector's one reservation of address space (its
/// regions of every generation, committed or not), found as the run of adjacent anonymous mappings around an object
/// of the plan: the whole run is marked for huge pages (madvise MADV_HUGEPAGE), so what the collector commits or
/// compacts into later faults in as huge pages, and what is committed now is collapsed at once (MADV_COLLAPSE,
/// Linux 6.1 and later). Nothing here changes a value the engine computes. Control side only: it reads
/// /proc/self/maps, makes system calls and may take milliseconds; it fails soft, reporting what it did.
/// </summary>
internal static class RealtimeEngineMemory
{
    /// <summary>
    /// What <see cref="UseHugePages"/> did: bytes of the heap's reservation marked, bytes collapsed into huge pages now,
    /// the heap's resident bytes and those of them in huge pages afterwards (/proc/self/smaps), and the system's answer
    /// when it refused.
    /// </summary>
    internal readonly record struct Outcome(long MarkedBytes, long CollapsedBytes, string? Refusal, long ResidentBytes = 0, long HugeBytes = 0)
    {
        /// <summary>One line for the log ("heap reservation of 256 GiB marked for huge pages, 24 MiB collapsed now; 30 of 31 MiB resident in huge pages").</summary>
        public override string ToString() => Refusal is not null ? $"not used ({Refusal})"
            : $"heap reservation of {MarkedBytes / (1L << 30)} GiB marked for huge pages, {CollapsedBytes >> 20} MiB collapsed now; " +
              $"{HugeBytes >> 20} of {ResidentBytes >> 20} MiB resident in huge pages";
    }

    /// <summary>Marks the managed heap around <paramref name="inHeap"/> for huge pages and collapses what is committed; control side.</summary>
    internal static Outcome UseHugePages(object inHeap)
    {
        if (!OperatingSystem.IsLinux()) return new Outcome(0, 0, "not Linux");
        string mode;
        try
        {
            mode = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
        }
        catch (IOException)
        {
            return new Outcome(0, 0, "no transparent huge pages in this kernel");
        }
        if (mode.Contains("[never]", StringComparison.Ordinal)) return new Outcome(0, 0, "transparent huge pages are off (never)");
        var maps = ReadMaps();
        ulong address = AddressOf(inHeap);
        int at = maps.FindIndex(m => m.Low <= address && address < m.High);
        if (at < 0 || !maps[at].Anonymous) return new Outcome(0, 0, "the heap was not found in /proc/self/maps");
        int first = at, last = at;
        while (first > 0 && maps[first - 1].Anonymous && maps[first - 1].High == maps[first].Low) first--;
        while (last + 1 < maps.Count && maps[last + 1].Anonymous && maps[last + 1].Low == maps[last].High) last++;
        var (low, high) = HugePageAdvice.Inside((long)maps[first].Low, (long)maps[last].High);
        if (high <= low) return new Outcome(0, 0, "the heap's reservation is smaller than a huge page");
        if (HugePageAdvice.Advise((nint)low, high - low) is var refused and not 0)
            return new Outcome(0, 0, $"madvise MADV_HUGEPAGE refused, errno {refused}");
        long collapsed = 0;
        for (int m = first; m <= last; m++)
        {
            if (!maps[m].Writable) continue;
            var (from, to) = HugePageAdvice.Inside((long)maps[m].Low, (long)maps[m].High);
            // A kernel before 6.1 (EINVAL) or a range it cannot collapse now: khugepaged collapses it later.
            if (to > from && HugePageAdvice.Collapse((nint)from, to - from) == 0) collapsed += to - from;
        }
        var (resident, huge) = ResidentIn((ulong)low, (ulong)high);
        return new Outcome(high - low, collapsed, null, resident, huge);
    }

    // Resident bytes and bytes in anonymous huge pages of the mappings inside [low, high), from /proc/self/smaps.
    private static (long Resident, long Huge) ResidentIn(ulong low, ulong high)
    {
        long resident = 0, huge = 0;
        bool inside = false;
        try
        {
            foreach (string line in File.ReadLines("/proc/self/smaps"))
            {
                int dash = line.IndexOf('-');
                int space = line.IndexOf(' ');
                if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start))
                {
                    inside = start >= low && start < high;
                    continue;
                }
                if (!inside) continue;
                if (line.StartsWith("Rss:", StringComparison.Ordinal)) resident += Kilobytes(line) << 10;
                else if (line.StartsWith("AnonHugePages:", StringComparison.Ordinal)) huge += Kilobytes(line) << 10;
            }
        }
        catch (IOException)
        {
            return (0, 0);
        }
        return (resident, huge);
    }

    // The number of "Name:   1234 kB".
    private static long Kilobytes(string line)
    {
        var value = line.AsSpan(line.IndexOf(':') + 1).Trim();
        int end = value.IndexOf(' ');
        return long.TryParse(end < 0 ? value : value[..end], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb) ? kb : 0;
    }

    private readonly record struct Mapping(ulong Low, ulong High, bool Writable, bool Anonymous);

    // /proc/self/maps lines: "low-high perms offset dev inode [path]"; anonymous = no path.
    private static List<Mapping> ReadMaps()
    {
        var maps = new List<Mapping>();
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5) continue;
            int dash = fields[0].IndexOf('-');
            maps.Add(new Mapping(ulong.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields[1].Length > 1 && fields[1][1] == 'w', fields.Length < 6 || fields[5].Trim().Length == 0));
        }
        return maps;
    }

    // The object's address now (it may move later; only the mapping around it is looked for).
    private static unsafe ulong AddressOf(object o) => (ulong)*(nint*)Unsafe.AsPointer(ref o);
}
