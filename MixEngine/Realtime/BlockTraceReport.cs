using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MixEngine.Realtime;

/// <summary>
/// Writes a <see cref="BlockTrace"/> as CSV (one line per period, times in microseconds) and summarises where the slow
/// periods went: of the periods above a budget, how many saw a garbage collection, how many were preempted (wall time
/// well above the audio thread's CPU time, with a preemption counted), how many mostly waited for a worker, and the mean
/// time of each part for all periods against the slow ones. Control side (allocates).
/// </summary>
public static class BlockTraceReport
{
    /// <summary>The CSV header; the columns of <see cref="WriteCsv"/>.</summary>
    public const string CsvHeader =
        "start_ms,interval_us,wall_us,cpu_us,preemptions,controls_us,automation_us,tracks_us,bus_sums_us,bus_chains_us,meters_us,other_us,driver_wait_us,worker_wakes,longest_wake_us,gc_collections,gc_pause_us";

    /// <summary>A period counts as preempted when the audio thread's CPU time is below this share of its wall time and it was switched out at least once.</summary>
    public const double PreemptedCpuShare = 0.75;

    /// <summary>Writes <paramref name="records"/> to <paramref name="path"/> as CSV (<see cref="CsvHeader"/>); control side.</summary>
    public static void WriteCsv(string path, IReadOnlyList<BlockTraceRecord> records)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(CsvHeader);
        long origin = records.Count > 0 ? records[0].Start : 0;
        var line = new StringBuilder();
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            line.Clear();
            Append(line, (r.Start - origin) * 1e3 / Stopwatch.Frequency, "F3");
            Append(line, i == 0 ? 0 : Micros(r.Start - records[i - 1].Start));
            Append(line, Micros(r.Wall));
            Append(line, r.CpuNanoseconds / 1e3);
            Append(line, r.Preemptions);
            Append(line, Micros(r.Controls));
            Append(line, Micros(r.Automation));
            Append(line, Micros(r.Tracks));
            Append(line, Micros(r.BusSums));
            Append(line, Micros(r.BusChains));
            Append(line, Micros(r.Meters));
            Append(line, Micros(r.Other));
            Append(line, Micros(r.DriverWait));
            Append(line, r.WorkerWakes);
            Append(line, Micros(r.LongestWake));
            Append(line, r.Collections);
            Append(line, r.GcPause / 10.0);
            line.Length--;
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// Lines summarising <paramref name="records"/>: the periods slower than <paramref name="budgetFraction"/> of
    /// <paramref name="periodMicroseconds"/> and those slower than the period, by cause, and the mean time of each part; control side.
    /// </summary>
    public static IReadOnlyList<string> Summarize(IReadOnlyList<BlockTraceRecord> records, double periodMicroseconds, double budgetFraction = 0.3)
    {
        var lines = new List<string>();
        if (records.Count == 0) return ["block trace: no periods recorded"];
        double budget = periodMicroseconds * budgetFraction;
        var over = records.Where(r => Micros(r.Wall) > budget).ToArray();
        var late = records.Where(r => Micros(r.Wall) > periodMicroseconds).ToArray();
        lines.Add(FormattableString.Invariant(
            $"block trace: {records.Count} periods of {periodMicroseconds:F0} µs; {over.Length} above {100 * budgetFraction:F0} % ({budget:F0} µs), {late.Length} above the period"));
        lines.Add(FormattableString.Invariant($"  wall / audio-thread CPU, mean of all: {Mean(records, r => Micros(r.Wall)):F0} / {Mean(records, r => r.CpuNanoseconds / 1e3):F0} µs"));
        lines.Add(Causes($"above {100 * budgetFraction:F0} %", over));
        lines.Add(Causes("above the period", late));
        lines.Add(Parts("mean of all", records));
        if (over.Length > 0) lines.Add(Parts($"mean above {100 * budgetFraction:F0} %", over));
        var woke = records.Where(r => r.WorkerWakes > 0).Select(r => Micros(r.LongestWake)).Order().ToArray();
        lines.Add(woke.Length == 0
            ? "  worker wake latency: no worker woke from its signal"
            : FormattableString.Invariant(
                $"  worker wake latency (longest per period, {woke.Length} periods with wakes, {Mean(records, r => r.WorkerWakes):F1} wakes per period): p50 {Rank(woke, 0.5):F0} µs, p99 {Rank(woke, 0.99):F0} µs, max {woke[^1]:F0} µs"));
        return lines;
    }

    private static string Causes(string label, BlockTraceRecord[] slow)
    {
        if (slow.Length == 0) return $"  {label}: none";
        int gc = slow.Count(r => r.Collections > 0);
        int preempted = slow.Count(r => r.Collections == 0 && IsPreempted(r));
        int waited = slow.Count(r => r.Collections == 0 && !IsPreempted(r) && r.DriverWait * 2 > r.Wall);
        int stalled = slow.Count(r => r.Collections == 0 && !IsPreempted(r) && r.DriverWait * 2 <= r.Wall && IsStalled(r));
        int rest = slow.Length - gc - preempted - waited - stalled;
        return FormattableString.Invariant(
            $"  {label}: {gc} with a GC, {preempted} preempted (CPU < {100 * PreemptedCpuShare:F0} % of wall), {waited} waiting for a worker most of the time, {stalled} stalled (CPU < {100 * PreemptedCpuShare:F0} % of wall, never switched out: the host took the vCPU, or a wait in the kernel), {rest} rendering (CPU ≈ wall)");
    }

    private static bool IsShortOfCpu(BlockTraceRecord r) => r.CpuNanoseconds / 1e3 < PreemptedCpuShare * Micros(r.Wall);

    private static bool IsPreempted(BlockTraceRecord r) => r.Preemptions > 0 && IsShortOfCpu(r);

    // Off the processor without an involuntary switch: a virtual machine's steal time (the thread's CPU clock leaves out
    // what the hypervisor took, and no other thread ran) or a blocking wait in the kernel (a page fault reading from disk).
    private static bool IsStalled(BlockTraceRecord r) => r.Preemptions == 0 && IsShortOfCpu(r);

    private static string Parts(string label, IReadOnlyList<BlockTraceRecord> records) => FormattableString.Invariant(
        $"  {label} (µs): controls {Mean(records, r => Micros(r.Controls)):F0}, automation {Mean(records, r => Micros(r.Automation)):F0}, tracks {Mean(records, r => Micros(r.Tracks)):F0}, bus sums {Mean(records, r => Micros(r.BusSums)):F0}, bus chains {Mean(records, r => Micros(r.BusChains)):F0}, meters {Mean(records, r => Micros(r.Meters)):F0}, other {Mean(records, r => Micros(r.Other)):F0}; waiting for workers {Mean(records, r => Micros(r.DriverWait)):F0}");

    private static double Mean(IReadOnlyList<BlockTraceRecord> records, Func<BlockTraceRecord, double> value) => records.Count == 0 ? 0 : records.Average(value);

    private static double Rank(double[] sorted, double fraction) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static void Append(StringBuilder line, double value, string format = "F1") =>
        line.Append(value.ToString(format, CultureInfo.InvariantCulture)).Append(',');

    private static void Append(StringBuilder line, long value) => line.Append(value.ToString(CultureInfo.InvariantCulture)).Append(',');
}
