using System.Diagnostics;
using MixEngine.Realtime;

namespace MixEngine.Tests.Realtime;

public class BlockTraceReportTests
{
    private const double Period = 2000; // µs

    private static long Ticks(double micros) => (long)Math.Round(micros * Stopwatch.Frequency / 1e6);

    // A period of the given wall and CPU time (µs), preemptions, driver wait (µs) and collections; phases split the wall time.
    private static BlockTraceRecord Record(int index, double wall, double cpu, long preemptions = 0, double wait = 0, long collections = 0) =>
        new(Ticks(index * Period), Ticks(wall), (long)(cpu * 1e3), preemptions, Ticks(wall * 0.1), Ticks(wall * 0.05), Ticks(wall * 0.5),
            Ticks(wall * 0.1), Ticks(wall * 0.1), Ticks(wall * 0.1), Ticks(wait), index % 2, Ticks(30), collections, collections * 20_000);

    [Fact]
    public void Slow_periods_are_attributed_to_a_gc_preemption_waiting_for_a_worker_a_stall_or_rendering()
    {
        BlockTraceRecord[] records =
        [
            Record(0, 400, 390),
            Record(1, 3000, 1000, collections: 1),            // a GC: counted as GC whatever else
            Record(2, 3000, 1000, preemptions: 2),            // CPU a third of wall, switched out: preempted
            Record(3, 3000, 2900, wait: 2000),                // CPU ≈ wall but mostly spinning for a worker
            Record(4, 900, 880),                              // above 30 % only, rendering
            Record(5, 2500, 2450),                            // above the period, rendering
            Record(6, 4000, 1000),                            // CPU a quarter of wall, never switched out: stalled (steal)
        ];
        var lines = BlockTraceReport.Summarize(records, Period);
        Assert.Contains("7 periods of 2000 µs; 6 above 30 % (600 µs), 5 above the period", lines[0]);
        Assert.Contains("above 30 %: 1 with a GC, 1 preempted (CPU < 75 % of wall), 1 waiting for a worker most of the time, 1 stalled (CPU < 75 % of wall, never switched out", lines[2]);
        Assert.Contains("2 rendering (CPU ≈ wall)", lines[2]);
        Assert.Contains("above the period: 1 with a GC, 1 preempted (CPU < 75 % of wall), 1 waiting for a worker most of the time, 1 stalled", lines[3]);
        Assert.Contains("1 rendering (CPU ≈ wall)", lines[3]);
        Assert.Contains("worker wake latency (longest per period, 3 periods with wakes", lines[^1]);
    }

    [Fact]
    public void The_csv_has_one_line_per_period_in_microseconds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.csv");
        try
        {
            BlockTraceReport.WriteCsv(path, [Record(0, 400, 390), Record(1, 3000, 1000, preemptions: 2, wait: 100, collections: 1)]);
            var lines = File.ReadAllLines(path);
            Assert.Equal(3, lines.Length);
            Assert.Equal(BlockTraceReport.CsvHeader, lines[0]);
            var second = lines[2].Split(',');
            Assert.Equal(17, second.Length);
            // ±0.1 µs: tick rounding of the synthetic record, printed to 0.1 µs
            Assert.Equal(2.0, double.Parse(second[0], System.Globalization.CultureInfo.InvariantCulture), 3); // start 2 ms after the first
            Assert.Equal(2000, double.Parse(second[1], System.Globalization.CultureInfo.InvariantCulture), 0.15);
            Assert.Equal(3000, double.Parse(second[2], System.Globalization.CultureInfo.InvariantCulture), 0.15);
            Assert.Equal("1000.0", second[3]);
            Assert.Equal("2", second[4]);
            Assert.Equal(1500, double.Parse(second[7], System.Globalization.CultureInfo.InvariantCulture), 0.15); // tracks: half the wall
            Assert.Equal(100, double.Parse(second[12], System.Globalization.CultureInfo.InvariantCulture), 0.15);
            Assert.Equal("1", second[15]);
            Assert.Equal("2000.0", second[16]); // 20 000 TimeSpan ticks = 2 ms
        }
        finally
        {
            File.Delete(path);
        }
    }
}
