using System.Globalization;

namespace MixEngine.Realtime;

/// <summary>
/// The kernel's data access monitor (DAMON) as this host runs it, read from its sysfs interface
/// (<c>/sys/kernel/mm/damon/admin/kdamonds/N/</c>: <c>state</c>, and per context <c>operations</c>,
/// <c>monitoring_attrs/intervals/sample_us</c> and each scheme's <c>action</c>). A running monitor samples memory
/// accesses by clearing the accessed bits of page-table entries at every sample interval; on the virtual machines this
/// project is measured on, a monitor running since boot stalled the audio thread for 1–3 ms about every 512 ms
/// (docs/realtime.md, Host memory monitor). <c>serve</c> reports what it finds, so a tail in a live run can be traced
/// to it.
/// <para>Thread rules: control side; reads files only and never changes them; fails soft (a file it cannot read leaves
/// that detail out).</para>
/// </summary>
public static class HostMemoryMonitor
{
    /// <summary>Where Linux publishes the monitor threads (kdamonds).</summary>
    public const string SysfsRoot = "/sys/kernel/mm/damon/admin/kdamonds";

    /// <summary>
    /// One line per running monitor thread under <paramref name="root"/>, e.g. "kdamond 0: physical memory (paddr),
    /// sampling every 500 ms, schemes: pageout"; empty when none runs or the host has no such interface.
    /// </summary>
    public static IReadOnlyList<string> Running(string root = SysfsRoot)
    {
        var running = new List<string>();
        if (!Directory.Exists(root)) return running;
        foreach (string kdamond in Numbered(root))
        {
            if (Read(Path.Combine(kdamond, "state")) != "on") continue;
            var contexts = Numbered(Path.Combine(kdamond, "contexts")).Select(Describe).Where(d => d.Length > 0).ToList();
            string name = "kdamond " + Path.GetFileName(kdamond);
            running.Add(contexts.Count == 0 ? name : $"{name}: {string.Join("; ", contexts)}");
        }
        return running;
    }

    // "physical memory (paddr), sampling every 500 ms, schemes: pageout" (what could be read of it).
    private static string Describe(string context)
    {
        var parts = new List<string>();
        if (Read(Path.Combine(context, "operations")) is { Length: > 0 } operations)
            parts.Add(operations switch
            {
                "paddr" => "physical memory (paddr)",
                "vaddr" or "fvaddr" => $"process address spaces ({operations})",
                _ => operations,
            });
        if (long.TryParse(Read(Path.Combine(context, "monitoring_attrs", "intervals", "sample_us")), NumberStyles.None, CultureInfo.InvariantCulture, out long sampleUs))
            parts.Add($"sampling every {(sampleUs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)} ms");
        var actions = Numbered(Path.Combine(context, "schemes")).Select(s => Read(Path.Combine(s, "action"))).OfType<string>().Where(a => a.Length > 0).ToList();
        if (actions.Count > 0) parts.Add("schemes: " + string.Join(", ", actions));
        return string.Join(", ", parts);
    }

    // The numbered subdirectories (0, 1, …) of a sysfs list directory, in order.
    private static IEnumerable<string> Numbered(string directory)
    {
        try
        {
            return Directory.GetDirectories(directory)
                .Select(d => (Path: d, Ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int n), N: n))
                .Where(d => d.Ok).OrderBy(d => d.N).Select(d => d.Path).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? Read(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
